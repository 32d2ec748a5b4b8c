import type { Registry } from 'prom-client'
import type { Db } from '../../db/connection.js'
import type { SealedBox } from '../../lib/sealed-box.js'
import type { Clock } from '../../ports/clock.js'
import type { DossierHub } from '../../ports/dossier-hub.js'
import type { JobQueue } from '../../ports/job-queue.js'
import type { OnDelivered } from './repository.js'

/** The delivery's settings (from the configuration's `delivery` group). */
export interface DeliverySettings {
  /** A failing delivery is retried this long after the submission, then the trace is `failed`. */
  horizonMs: number
  /** Seconds before the first retry (doubled each time, with jitter). */
  retryDelaySeconds: number
  /** Cron (UTC) of the status sync. */
  statusSyncCron: string
  /** How long the sealed dossier of a `failed` sending is kept. */
  failedDossierRetentionMs: number
  /** How long a trace is kept after its submission (90 days at most). */
  traceRetentionMs: number
  /** Timeout of one hub request (bounds one delivery attempt). */
  hubTimeoutMs: number
}

/**
 * Everything the submissions' use cases and jobs may use; each takes only what it needs
 * (`Pick<SubmissionsDeps, …>`).
 */
export interface SubmissionsDeps {
  db: Db
  /** Seals the dossier at rest (and opens the session's personal data). */
  box: SealedBox
  clock: Clock
  jobQueue: JobQueue
  hub: DossierHub
  settings: DeliverySettings
  /** Draws a démarche reference (`newReference`; tests script collisions). */
  newReference(): string
  /**
   * Called inside the transaction that marks a trace delivered, once per reference: the seam for
   * work that must follow a delivery (e.g. enqueue the "dossier completed" webhook with `{ trx }`).
   */
  onDelivered: readonly OnDelivered[]
  /** Where the delivery metrics are registered (the app's /metrics registry). */
  metrics: Registry
}
