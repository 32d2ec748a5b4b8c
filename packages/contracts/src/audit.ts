import { Type, type Static } from '@sinclair/typebox'
import { Siret } from './collectivity.js'

/** What became of an audited call: answered, refused (scope, validation…), or failed on our side. */
export const AuditOutcome = Type.Union(
  [Type.Literal('pending'), Type.Literal('success'), Type.Literal('refused'), Type.Literal('error')],
  {
    $id: 'AuditOutcome',
    description:
      '`success` (2xx), `refused` (4xx), `error` (5xx) ; `pending` : écriture commencée dont la réponse ' +
      'n’a pas été enregistrée (processus arrêté pendant l’écriture).',
  },
)
export type AuditOutcome = Static<typeof AuditOutcome>

/**
 * One call made with an API key (a QF lookup, an admin read or write): who (key id and scope),
 * on what (operation, collectivity), with what outcome, when. Never any personal data: no identity,
 * no QF, no request body.
 */
export const AuditRecord = Type.Object(
  {
    id: Type.String({ pattern: '^\\d+$' }),
    at: Type.String({ format: 'date-time' }),
    keyId: Type.String({ description: 'Identifiant public de la clé (`qf_<id>_…`).' }),
    scope: Type.String({ description: '`admin` ou `editor:<SIRET>`.' }),
    operation: Type.String({ description: 'operationId de la route appelée.' }),
    collectivity: Type.Union([Siret, Type.Null()]),
    outcome: Type.Ref(AuditOutcome),
    statusCode: Type.Union([Type.Integer({ minimum: 100, maximum: 599 }), Type.Null()]),
  },
  { $id: 'AuditRecord', additionalProperties: false },
)
export type AuditRecord = Static<typeof AuditRecord>

export const AuditList = Type.Object(
  { items: Type.Array(Type.Ref(AuditRecord)) },
  {
    $id: 'AuditList',
    additionalProperties: false,
    description: 'Appels faits avec une clé d’API, les plus récents d’abord.',
  },
)
export type AuditList = Static<typeof AuditList>

export const auditSchemas = [AuditOutcome, AuditRecord, AuditList]
