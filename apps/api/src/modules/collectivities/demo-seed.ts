import { Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import type { DbOrTrx } from '../../db/connection.js'
import demoCollectivities from './demo-collectivities.json' with { type: 'json' }
import { CollectivityInput } from './record.js'
import { upsertCollectivity } from './repository.js'

/** `demo-collectivities.json` (the sandbox's collectivities, copied, not imported): dates as ISO strings. */
const DemoCollectivities = Type.Array(
  Type.Composite([
    Type.Omit(CollectivityInput, ['apiParticulierTokenExpiresAt']),
    Type.Object({
      apiParticulierTokenExpiresAt: Type.Union([
        Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T' }),
        Type.Null(),
      ]),
    }),
  ]),
)

/** The demo collectivities, as upsert inputs. */
export function demoCollectivityInputs(): CollectivityInput[] {
  const data: unknown = demoCollectivities
  if (!Value.Check(DemoCollectivities, data)) {
    const first = Value.Errors(DemoCollectivities, data).First()
    throw new Error(`demo-collectivities.json is invalid at ${first?.path ?? '?'}: ${first?.message ?? '?'}`)
  }
  return data.map((c) => ({
    ...c,
    apiParticulierTokenExpiresAt: c.apiParticulierTokenExpiresAt
      ? new Date(c.apiParticulierTokenExpiresAt)
      : null,
  }))
}

/** Upserts the demo collectivities (idempotent: run it at every start, or from a test). */
export async function seedDemoCollectivities(db: DbOrTrx): Promise<number> {
  const inputs = demoCollectivityInputs()
  for (const input of inputs) await upsertCollectivity(db, input)
  return inputs.length
}
