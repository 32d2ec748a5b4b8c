import { Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import type { DbOrTrx } from '../../db/connection.js'
import type { SealedBox } from '../../lib/sealed-box.js'
import demoData from './demo-collectivities.json' with { type: 'json' }
import { apiParticulierTokenContext, CollectivityInput } from './record.js'
import { storeApiParticulierToken, upsertCollectivity } from './repository.js'

/**
 * `demo-collectivities.json` (the sandbox's collectivities, copied, not imported): each with its
 * sandbox API Particulier token (`sandbox-api-particulier-<SIRET>`) and the sandbox's expiry date.
 */
const DemoCollectivities = Type.Array(
  Type.Composite([
    CollectivityInput,
    Type.Object({
      apiParticulierToken: Type.String({ minLength: 16 }),
      apiParticulierTokenExpiresAt: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T' }),
    }),
  ]),
)

interface DemoCollectivity {
  input: CollectivityInput
  token: { value: string; expiresAt: Date }
}

function demoCollectivities(): DemoCollectivity[] {
  const data: unknown = demoData
  if (!Value.Check(DemoCollectivities, data)) {
    const first = Value.Errors(DemoCollectivities, data).First()
    throw new Error(`demo-collectivities.json is invalid at ${first?.path ?? '?'}: ${first?.message ?? '?'}`)
  }
  return data.map(({ apiParticulierToken, apiParticulierTokenExpiresAt, ...input }) => ({
    input,
    token: { value: apiParticulierToken, expiresAt: new Date(apiParticulierTokenExpiresAt) },
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

/** Upserts the demo collectivities with their sealed sandbox tokens (idempotent: every start, or a test). */
export async function seedDemoCollectivities(db: DbOrTrx, box: SealedBox): Promise<number> {
  const demo = demoCollectivities()
  for (const { input, token } of demo) {
    const stored = await upsertCollectivity(db, input)
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
