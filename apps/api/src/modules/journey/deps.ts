import type { SessionSubmission } from '@qf/contracts'
import type { Db } from '../../db/connection.js'
import type { SealedBox } from '../../lib/sealed-box.js'
import type { Clock } from '../../ports/clock.js'
import type { IdentityProvider } from '../../ports/identity-provider.js'
import type { QuotientFamilialProvider } from '../../ports/quotient-familial-provider.js'
import type { JourneyUrls } from './urls.js'

/**
 * Everything the journey's use cases may use; each use case takes only the part it needs
 * (`Pick<JourneyDeps, …>`), so a test or a new caller knows exactly what to provide.
 */
export interface JourneyDeps {
  db: Db
  /** Seals personal data and login transactions at rest. */
  box: SealedBox
  clock: Clock
  /** Idle expiry of a session: each authenticated call pushes it back this far (`SESSION_IDLE_SECONDS`). */
  sessionIdleMs: number
  identityProvider: IdentityProvider
  quotientFamilial: QuotientFamilialProvider
  urls: JourneyUrls
  /** The origins a third-party front end may use as `frontendUrl` (the API's CORS origins). */
  frontendOrigins: readonly string[]
  /** Plain http on localhost is accepted for browser URLs (everywhere but production). */
  allowLocalHttp: boolean
  /** Where a submitted session's sending stands (the submissions module answers; null once purged). */
  submissionOf(reference: string): Promise<SessionSubmission | null>
}
