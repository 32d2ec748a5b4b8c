import type { FastifyBaseLogger } from 'fastify'
import type { Db, DbOrTrx } from '../../db/connection.js'
import type { SealedBox } from '../../lib/sealed-box.js'
import type { Clock } from '../../ports/clock.js'
import type { JobQueue } from '../../ports/job-queue.js'
import type { WebhookTransport } from '../../ports/webhook-transport.js'
import type { WebhookUrlSettings } from './url-policy.js'

/** The webhook's settings (the configuration's `webhooks` group, and the URL policy). */
export interface WebhookSettings {
  /** Seconds before the first retry (doubled at each failure, capped). */
  retryDelaySeconds: number
  /** An event not accepted this long after it was raised is given up. */
  horizonSeconds: number
  /** Production: https only, no special-purpose address (also checked at send time). */
  production: boolean
  /** Outside production: the private networks a local test may reach (`WEBHOOK_ALLOWED_NETWORKS`). */
  allowedNetworks: WebhookUrlSettings['allowedNetworks']
}

/**
 * Everything the webhook's use cases and job may use; each takes only what it needs
 * (`Pick<WebhooksDeps, …>`).
 */
export interface WebhooksDeps {
  db: Db
  /** Seals the endpoints' secrets at rest. */
  box: SealedBox
  clock: Clock
  jobQueue: JobQueue
  transport: WebhookTransport
  settings: WebhookSettings
  /** The SIRET of the editor receiving on behalf of this collectivity, if it has one. */
  editorOf(db: DbOrTrx, collectivitySiret: string): Promise<string | null>
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>
}
