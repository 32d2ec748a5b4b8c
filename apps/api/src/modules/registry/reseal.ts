import { replaceSealedToken, sealedTokens, apiParticulierTokenContext } from '../collectivities/index.js'
import type { RegistryDeps } from './collectivity-admin.js'

/**
 * Step 3 of a key rotation (docs/operations-secrets.md): every API Particulier token not sealed with
 * the current key is opened with the key that sealed it and sealed again with the current one.
 * Returns how many were moved and how many are left (0 once done; a row changed meanwhile is left
 * for the next run).
 */
export async function resealTokens(
  deps: Pick<RegistryDeps, 'db' | 'box'>,
): Promise<{ resealed: number; left: number }> {
  let resealed = 0
  for (const { siret, sealed } of await sealedTokens(deps.db)) {
    if (!deps.box.needsResealing(sealed)) continue
    const next = deps.box.reseal(sealed, apiParticulierTokenContext(siret))
    if (await replaceSealedToken(deps.db, siret, sealed, next)) resealed++
  }
  const left = (await sealedTokens(deps.db)).filter((t) => deps.box.needsResealing(t.sealed)).length
  return { resealed, left }
}
