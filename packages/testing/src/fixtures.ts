import {
  Collectivity,
  CreatedSession,
  CurrentSession,
  PivotIdentity,
  QuotientFamilial,
  openapiSchemas,
} from '@qf/contracts'
import { FormatRegistry, type Static, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

// The formats the contracts use (Ajv checks them in the API; TypeBox's Value needs them registered).
const formats: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
}
for (const [name, pattern] of Object.entries(formats))
  if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, (value) => pattern.test(value))

/**
 * The `n`-th example a contract schema documents, checked against the schema (with every shared
 * schema it references) and deep-copied: test data that cannot drift from the contracts.
 */
export function exampleOf<T extends TSchema>(schema: T, n = 0): Static<T> {
  const examples: unknown = schema.examples
  const example: unknown = Array.isArray(examples) ? examples[n] : undefined
  if (example === undefined) throw new Error(`schema ${String(schema.$id ?? '?')} has no example #${n}`)
  if (!Value.Check(schema, openapiSchemas, example)) {
    const first = Value.Errors(schema, openapiSchemas, example).First()
    throw new Error(`example #${n} of ${String(schema.$id ?? '?')} is invalid at ${first?.path ?? '?'}`)
  }
  return structuredClone(example)
}

export const fixtures = {
  collectivity: () => exampleOf(Collectivity),
  identity: () => exampleOf(PivotIdentity),
  quotientFamilial: () => exampleOf(QuotientFamilial),
  createdSession: () => exampleOf(CreatedSession),
  /** An authenticated session with its QF (`0`), with a QF error (`1`), or submitted (`2`). */
  currentSession: (n: 0 | 1 | 2 = 0) => exampleOf(CurrentSession, n),
}
