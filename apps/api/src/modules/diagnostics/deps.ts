import type { Db } from '../../db/connection.js'
import type { SealedBox } from '../../lib/sealed-box.js'
import type { Clock } from '../../ports/clock.js'
import type { HubeeReferential } from '../../ports/hubee-referential.js'

/**
 * What the health check and its repairs use; each use case takes only what it needs
 * (`Pick<DiagnosticsDeps, …>`).
 */
export interface DiagnosticsDeps {
  db: Db
  /** The registry's keyring (the webhook repository is built with it; nothing is opened here). */
  box: SealedBox
  clock: Clock
  /** HubEE's referential: the subscription is read back from it, and repaired through it. */
  hubeeReferential: HubeeReferential
}
