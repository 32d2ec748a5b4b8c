import type { DbOrTrx } from '../../db/connection.js'
import { resealCells, type SealedBox } from '../../lib/sealed-box.js'
import { sessionRepository } from './repository.js'

/**
 * Step 3 of a rotation of SESSION_ENCRYPTION_KEYS, for the journey sessions (login transaction,
 * personal data, logout token): each value not under the current key is sealed again with it (only
 * if unchanged meanwhile). Returns how many were moved and how many are left.
 */
export const resealSessions = (deps: { db: DbOrTrx; box: SealedBox }) =>
  resealCells(deps.box, () => sessionRepository(deps.db, deps.box).sealedValues())
