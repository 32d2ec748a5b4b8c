import { Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import type { Db } from '../../db/connection.js'
import type { SealedBox } from '../../lib/sealed-box.js'
import demoData from './demo-collectivities.json' with { type: 'json' }
import { apiParticulierTokenContext, CollectivityInput } from './record.js'
import { changeLifecycle, recordCreation } from './lifecycle.js'
import { findBySiret, storeApiParticulierToken, upsertCollectivity } from './repository.js'

/**
 * `demo-collectivities.json` (the sandbox's collectivities, copied, not imported): each with its
 * sandbox API Particulier token (`sandbox-api-particulier-<SIRET>`) and the sandbox's expiry date, and
 * the status of its `FormulaireQF` subscription in the sandbox's HubEE.
 */
const DemoCollectivities = Type.Array(
  Type.Composite([
    CollectivityInput,
    Type.Object({
      apiParticulierToken: Type.String({ minLength: 16 }),
      apiParticulierTokenExpiresAt: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T' }),
      hubeeSubscription: Type.Union([Type.Literal('Actif'), Type.Literal('Inactif')]),
    }),
  ]),
)

interface DemoCollectivity {
  input: CollectivityInput
  token: { value: string; expiresAt: Date }
  hubeeSubscription: 'Actif' | 'Inactif'
}

function demoCollectivities(): DemoCollectivity[] {
  const data: unknown = demoData
  if (!Value.Check(DemoCollectivities, data)) {
    const first = Value.Errors(DemoCollectivities, data).First()
    throw new Error(`demo-collectivities.json is invalid at ${first?.path ?? '?'}: ${first?.message ?? '?'}`)
  }
  return data.map(({ apiParticulierToken, apiParticulierTokenExpiresAt, hubeeSubscription, ...input }) => ({
    input,
    token: { value: apiParticulierToken, expiresAt: new Date(apiParticulierTokenExpiresAt) },
    hubeeSubscription,
  }))
}

/** The demo collectivities, as upsert inputs. */
export const demoCollectivityInputs = (): CollectivityInput[] => demoCollectivities().map((d) => d.input)

/** The demo collectivities' sandbox API Particulier tokens (`sandbox-api-particulier-<SIRET>`) and expiry dates. */
export const demoApiParticulierTokens = (): { siret: string; token: string; expiresAt: Date }[] =>
  demoCollectivities().map((d) => ({
    siret: d.input.siret,
    token: d.token.value,
    expiresAt: d.token.expiresAt,
  }))

function opens(box: SealedBox, sealed: string, siret: string, expected: string): boolean {
  try {
    return (
      !box.needsResealing(sealed) && box.open<string>(sealed, apiParticulierTokenContext(siret)) === expected
    )
  } catch {
    return false
  }
}

const seedActor = { kind: 'seed', id: 'demo-collectivities.json' } as const

/**
 * Upserts the demo collectivities with their sealed sandbox tokens (idempotent: every start, or a
 * test), through the lifecycle: a new one is recorded as created, then authorized by the seed (an
 * admin decision, recorded as such), then offered when the sandbox's HubEE holds its subscription
 * `Actif` (the periodic HubEE re-check reads it back). A collectivity ops suspended or closed stays so.
 */
export async function seedDemoCollectivities(db: Db, box: SealedBox, at = new Date()): Promise<number> {
  const demo = demoCollectivities()
  for (const { input, token, hubeeSubscription } of demo) {
    const stored = await db.transaction().execute(async (trx) => {
      const known = await findBySiret(trx, input.siret)
      const upserted = await upsertCollectivity(trx, input)
      if (!known) await recordCreation(trx, input.siret, seedActor, 'demo seed', at)
      await changeLifecycle(trx, input.siret, 'authorize', seedActor, 'demo seed: the demo’s decision', at)
      if (hubeeSubscription === 'Actif')
        await changeLifecycle(
          trx,
          input.siret,
          'hubee_active',
          seedActor,
          'demo seed: the sandbox’s HubEE holds its FormulaireQF subscription Actif',
          at,
        )
      return upserted
    })
    // Only (re)sealed when it changed or is unset: a restart does not rewrite every row.
    const current = stored.apiParticulierToken
    const same =
      current !== null &&
      current.expiresAt.getTime() === token.expiresAt.getTime() &&
      opens(box, current.sealed, input.siret, token.value)
    if (!same)
      await storeApiParticulierToken(
        db,
        input.siret,
        {
          sealed: box.seal(token.value, apiParticulierTokenContext(input.siret)),
          expiresAt: token.expiresAt,
          source: 'admin',
        },
        null,
      )
  }
  return demo.length
}
