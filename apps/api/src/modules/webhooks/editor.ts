import type { DbOrTrx } from '../../db/connection.js'
import { findBySiret } from '../collectivities/index.js'

/** The SIRET of the editor receiving on behalf of this collectivity (the registry's record), if any. */
export async function collectivityEditorSiret(
  db: DbOrTrx,
  collectivitySiret: string,
): Promise<string | null> {
  return (await findBySiret(db, collectivitySiret))?.editor?.siret ?? null
}
