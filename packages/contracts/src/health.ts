import { Type, type Static } from '@sinclair/typebox'

export const Health = Type.Object(
  {
    status: Type.Literal('ok'),
    uptimeSeconds: Type.Number({ minimum: 0 }),
    version: Type.String(),
  },
  { $id: 'Health', examples: [{ status: 'ok', uptimeSeconds: 12.5, version: '0.1.0' }] },
)
export type Health = Static<typeof Health>

export const CheckStatus = Type.Union([Type.Literal('up'), Type.Literal('down')])

export const Readiness = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
    checks: Type.Object({
      database: CheckStatus,
      jobQueue: CheckStatus,
    }),
  },
  {
    $id: 'Readiness',
    examples: [{ status: 'ready', checks: { database: 'up', jobQueue: 'up' } }],
  },
)
export type Readiness = Static<typeof Readiness>

/** The schemas of this module that OpenAPI shares by reference (`$id`). */
export const healthSchemas = [Health, Readiness]
