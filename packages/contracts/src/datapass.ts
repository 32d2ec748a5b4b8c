import { Type, type Static } from '@sinclair/typebox'

/*
 * DataPass (datapass.api.gouv.fr) webhooks, as DataPass sends them today: `POST` with
 * `Content-Type: application/json`, `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body
 * with the webhook's secret>` and `X-App-Environment: sandbox|staging|production`.
 * Sources: etalab/data_pass `docs/webhooks.md` (payload example, events, test payload, the
 * `{"token_id"}` answer to `approve`) and its serializers `WebhookSerializer`,
 * `WebhookAuthorizationRequestSerializer` (id, public_id, type, state, form_uid, data,
 * created_at, last_submitted_at, last_validated_at, organization, applicant, service_provider),
 * `WebhookOrganizationSerializer` (id, name, siret, insee_payload),
 * `WebhookServiceProviderSerializer` (id, siret, type), and `AuthorizationRequest::FormulaireQF`
 * (contacts `contact_metier` and `delegue_protection_donnees`, flattened in `data` as
 * `<contact>_family_name`, `_given_name`, `_email`, `_phone_number`, `_job_title`).
 * The older DataPass (v1) put the request under `data.pass` with `extra_data`; today's puts it
 * directly under `data`, with the form's fields in `data.data`. Objects stay open
 * (`additionalProperties` allowed): DataPass adds fields without notice.
 */

/** The events DataPass sends (`start_next_stage` / `cancel_next_stage` send none). */
export const datapassEvents = [
  'create',
  'update',
  'submit',
  'approve',
  'refuse',
  'revoke',
  'request_changes',
  'archive',
  'reopen',
  'cancel_reopening',
  'transfer',
] as const

const SiretString = Type.String({ pattern: '^\\d{14}$' })
const OptionalText = Type.Optional(Type.Union([Type.String(), Type.Null()]))

export const DatapassOrganization = Type.Object(
  {
    id: Type.Union([Type.Integer(), Type.String()]),
    name: OptionalText,
    siret: SiretString,
    insee_payload: Type.Optional(Type.Unknown()),
  },
  { description: 'L’organisation demandeuse (ici, la collectivité).' },
)
export type DatapassOrganization = Static<typeof DatapassOrganization>

export const DatapassUser = Type.Object(
  {
    id: Type.Optional(Type.Union([Type.Integer(), Type.String(), Type.Null()])),
    email: Type.String({ pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', maxLength: 254 }),
    given_name: OptionalText,
    family_name: OptionalText,
    phone_number: OptionalText,
    job_title: OptionalText,
  },
  { description: 'Le demandeur (agent de la collectivité).' },
)
export type DatapassUser = Static<typeof DatapassUser>

/** The service provider of the form: for the QF form, the software editor serving the collectivity. */
export const DatapassServiceProvider = Type.Object(
  {
    id: Type.Union([Type.String(), Type.Integer()]),
    siret: Type.Optional(Type.Union([SiretString, Type.Null()])),
    type: OptionalText,
    name: OptionalText,
  },
  { description: 'Le fournisseur de service (l’éditeur de logiciel).' },
)
export type DatapassServiceProvider = Static<typeof DatapassServiceProvider>

export const DatapassAuthorizationRequest = Type.Object(
  {
    id: Type.Integer({
      minimum: 1,
      maximum: 2_147_483_647,
      description: 'Identifiant de la demande d’habilitation.',
    }),
    public_id: Type.Optional(Type.String()),
    type: Type.Optional(Type.String()),
    state: Type.String({ description: '`validated` une fois la demande approuvée.' }),
    form_uid: Type.String(),
    organization: DatapassOrganization,
    applicant: DatapassUser,
    service_provider: Type.Optional(Type.Union([DatapassServiceProvider, Type.Null()])),
    data: Type.Record(Type.String(), Type.Unknown(), {
      description: 'Les champs du formulaire (contacts à plat : `contact_metier_email`, …).',
    }),
    authorizations: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
    created_at: Type.Optional(Type.String()),
    last_submitted_at: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    last_validated_at: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  },
  {},
)
export type DatapassAuthorizationRequest = Static<typeof DatapassAuthorizationRequest>

/** An event on an authorization request. */
export const DatapassWebhookEvent = Type.Object(
  {
    event: Type.String({ description: `Nom de l’événement (${datapassEvents.join(', ')}).` }),
    fired_at: Type.Integer({
      minimum: 0,
      maximum: 253_402_300_799,
      description: 'Horodatage Unix du déclenchement (secondes, jusqu’en 9999).',
    }),
    model_type: Type.String({ examples: ['authorization_request/formulaire_qf'] }),
    data: DatapassAuthorizationRequest,
  },
  {},
)
export type DatapassWebhookEvent = Static<typeof DatapassWebhookEvent>

/** What DataPass sends to test a webhook (at creation and from its UI): answer 200, do nothing. */
export const DatapassWebhookTest = Type.Object({ test: Type.Literal(true), timestamp: Type.String() }, {})
export type DatapassWebhookTest = Static<typeof DatapassWebhookTest>

export const DatapassWebhookPayload = Type.Union([DatapassWebhookEvent, DatapassWebhookTest], {
  $id: 'DatapassWebhookPayload',
  description: 'Le corps d’un appel webhook de DataPass : un événement, ou un appel de test.',
})
export type DatapassWebhookPayload = Static<typeof DatapassWebhookPayload>

/** An `approve` event: the authorization request has just been validated. */
export type DatapassApproveEvent = DatapassWebhookEvent & { event: 'approve' }
export const isDatapassApproveEvent = (p: DatapassWebhookPayload): p is DatapassApproveEvent =>
  'event' in p && p.event === 'approve'

/** The schemas of this module that OpenAPI shares by reference (`$id`); their parts are inlined. */
export const datapassSchemas = [DatapassWebhookPayload]
