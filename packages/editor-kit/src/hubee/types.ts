import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

/**
 * The parts of HubEE's télédossiers API v1.2.7 answers the receiving side (SI) relies on, checked at
 * run time (no cast of a response). Extra properties are allowed: HubEE adds fields over time.
 */
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])

export const OrganizationIdentifier = Type.Object({
  type: Type.String(),
  companyRegister: Type.String(),
  branchCode: Type.String(),
})

export const HubeeNotification = Type.Object({
  id: Type.String(),
  processCode: Type.String(),
  caseId: Type.Optional(Nullable(Type.String())),
  eventId: Type.Optional(Nullable(Type.String())),
  dateTime: Type.Optional(Nullable(Type.String())),
})
export type HubeeNotification = Static<typeof HubeeNotification>
export const HubeeNotifications = Type.Array(HubeeNotification)

export const HubeeAttachment = Type.Object({
  id: Type.String(),
  status: Type.String(),
  fileName: Type.String(),
  type: Type.String(),
  size: Type.Integer(),
  mimeType: Type.String(),
})
export type HubeeAttachment = Static<typeof HubeeAttachment>

export const HubeeEvent = Type.Object({
  id: Type.String(),
  actionType: Nullable(Type.String()),
  status: Type.String(),
  message: Type.Optional(Nullable(Type.String())),
  author: Type.Optional(Nullable(Type.String())),
  caseCurrentStatus: Type.Optional(Nullable(Type.String())),
  caseNewStatus: Type.Optional(Nullable(Type.String())),
  transmitter: Type.Optional(OrganizationIdentifier),
  createDateTime: Type.Optional(Nullable(Type.String())),
})
export type HubeeEvent = Static<typeof HubeeEvent>

export const HubeeCase = Type.Object({
  id: Type.String(),
  status: Type.String(),
  externalId: Type.String(),
  processCode: Type.String(),
  recipient: OrganizationIdentifier,
  createDateTime: Type.String(),
  attachments: Type.Optional(Type.Array(HubeeAttachment)),
  events: Type.Optional(Type.Array(HubeeEvent)),
})
export type HubeeCase = Static<typeof HubeeCase>

export const HubeeTokenAnswer = Type.Object({
  access_token: Type.String({ minLength: 1 }),
  expires_in: Type.Optional(Type.Number()),
})

export const HubeeErrorBody = Type.Object({
  errors: Type.Array(
    Type.Object({ code: Type.Optional(Type.Unknown()), message: Type.Optional(Type.String()) }),
  ),
})

/** The case statuses the receiving side may set. */
export type SiCaseStatus = 'SI_RECEIVED' | 'SI_INTG_ERROR' | 'IN_PROGRESS' | 'REFUSED' | 'DONE'

/** Checks `value` against `schema`, or explains which answer was not what the spec says. */
export function expectShape<T extends TSchema>(schema: T, value: unknown, what: string): Static<T> {
  if (Value.Check(schema, value)) return value
  const first = Value.Errors(schema, value).First()
  throw new Error(
    `Réponse HubEE inattendue (${what}) : ${first ? `${first.path} ${first.message}` : 'forme'}`,
  )
}
