import type { DbOrTrx } from '../../db/connection.js'
import { resealCells, type SealedBox } from '../../lib/sealed-box.js'
import { submissionRepository } from './repository.js'

/**
 * Step 3 of a rotation of SESSION_ENCRYPTION_KEYS, for the dossiers still kept sealed (queued, or
 * failed within FAILED_DOSSIER_RETENTION_HOURS): each one not under the current key is sealed again
 * with it (only if unchanged meanwhile). Returns how many were moved and how many are left.
 */
export const resealDossiers = (deps: { db: DbOrTrx; box: SealedBox }) =>
  resealCells(deps.box, () => submissionRepository(deps.db, deps.box).sealedDossiers())
