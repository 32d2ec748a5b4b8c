import type { DbOrTrx } from '../../db/connection.js'
import type { SealedBox } from '../../lib/sealed-box.js'
import { webhookRepository } from './repository.js'

/**
 * Step 3 of a key rotation (docs/operations-secrets.md), for the webhook secrets: every secret not
 * sealed with the current key is sealed again with it. Returns how many were moved and how many are
 * left (0 once done; a secret changed meanwhile is left for the next run).
 */
export async function resealWebhookSecrets(deps: {
  db: DbOrTrx
  box: SealedBox
}): Promise<{ resealed: number; left: number }> {
  const repository = webhookRepository(deps.db, deps.box)
  let resealed = 0
  for (const { id, sealed } of await repository.sealedSecrets()) {
    if (deps.box.needsResealing(sealed) && (await repository.resealSecret(id, sealed))) resealed++
  }
  const left = (await repository.sealedSecrets()).filter((s) => deps.box.needsResealing(s.sealed)).length
  return { resealed, left }
}
