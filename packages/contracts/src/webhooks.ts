import { Type, type Static } from '@sinclair/typebox'
import { Siret } from './collectivity.js'

/**
 * The admin side of the "dossier completed" webhook (the event itself is `FormulaireQfWebhookEvent`,
 * in formulaire-qf.ts): an endpoint per collectivity or per editor, and the outcome of each delivery.
 * The secret is write-only: no response carries it.
 */

/** Whose endpoint it is: a collectivity (its own dossiers) or an editor (the dossiers of its collectivities). */
export const WebhookOwnerKind = Type.Union([Type.Literal('collectivity'), Type.Literal('editor')], {
  $id: 'WebhookOwnerKind',
  description:
    '`collectivity` : les dossiers de cette collectivité ; `editor` : ceux de toutes ses collectivités.',
})
export type WebhookOwnerKind = Static<typeof WebhookOwnerKind>

export const webhookUrlMaxLength = 2048

/** What an admin sends to set (create or replace) an endpoint. */
export const WebhookEndpointInput = Type.Object(
  {
    url: Type.String({
      minLength: 9,
      maxLength: webhookUrlMaxLength,
      format: 'uri',
      description:
        'Adresse HTTPS qui reçoit le webhook (`POST`). En production : https, ni adresse locale ni privée ; ' +
        'sans identifiants ni fragment. En développement, `http://localhost:<port>` est accepté.',
      examples: ['https://logiciel.example/webhooks/formulaire-qf'],
    }),
    secret: Type.String({
      minLength: 32,
      maxLength: 256,
      pattern: '^[\\x21-\\x7E]+$',
      description:
        'Secret partagé de la signature HMAC-SHA256 (32 à 256 caractères ASCII imprimables, par exemple ' +
        '`openssl rand -hex 32`). Chiffré au repos, jamais renvoyé.',
    }),
    active: Type.Optional(Type.Boolean({ default: true, description: 'Faux : aucun envoi (suspendu).' })),
  },
  { $id: 'WebhookEndpointInput', additionalProperties: false },
)
export type WebhookEndpointInput = Static<typeof WebhookEndpointInput>

/** An endpoint as the admin API shows it: never its secret. */
export const WebhookEndpoint = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    ownerKind: Type.Ref(WebhookOwnerKind),
    ownerSiret: Siret,
    url: Type.String({ description: 'Adresse qui reçoit le webhook.' }),
    active: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  {
    $id: 'WebhookEndpoint',
    description: 'Un point de réception du webhook (le secret n’est jamais renvoyé).',
    examples: [
      {
        id: '3d0f3c3e-4a55-4f8e-8c8e-0f1c2b3a4d5e',
        ownerKind: 'editor',
        ownerSiret: '99900000100019',
        url: 'https://logiciel.example/webhooks/formulaire-qf',
        active: true,
        createdAt: '2026-12-01T10:00:00.000Z',
        updatedAt: '2026-12-01T10:00:00.000Z',
      },
    ],
  },
)
export type WebhookEndpoint = Static<typeof WebhookEndpoint>

export const WebhookDeliveryOutcome = Type.Union(
  [Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')],
  {
    $id: 'WebhookDeliveryOutcome',
    description:
      '`pending` : pas encore accepté (une tentative est prévue à `nextAttemptAt`) ; `delivered` : un 2xx reçu ; ' +
      '`failed` : abandonné (horizon dépassé ou point de réception retiré/suspendu).',
  },
)
export type WebhookDeliveryOutcome = Static<typeof WebhookDeliveryOutcome>

/** One event to one endpoint, and what became of it (no body, no personal data). */
export const WebhookDelivery = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    eventId: Type.String({
      format: 'uuid',
      description: 'L’`id` de l’événement envoyé (le même pour chaque point de réception).',
    }),
    endpointId: Type.String({ format: 'uuid' }),
    ownerKind: Type.Ref(WebhookOwnerKind),
    ownerSiret: Siret,
    reference: Type.String({ description: 'Référence de l’envoi.' }),
    collectivitySiret: Siret,
    outcome: Type.Ref(WebhookDeliveryOutcome),
    attempts: Type.Integer({ minimum: 0 }),
    lastStatus: Type.Union([Type.Integer(), Type.Null()], {
      description: 'Statut HTTP de la dernière réponse.',
    }),
    lastError: Type.Union([Type.String(), Type.Null()], {
      description:
        'Code de la dernière erreur : `http_error`, `timeout`, `network`, `address_refused`, `url_refused`, ' +
        '`endpoint_inactive`, `horizon_exceeded`.',
    }),
    lastAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    nextAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    failedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'WebhookDelivery', description: 'Un envoi du webhook à un point de réception et son résultat.' },
)
export type WebhookDelivery = Static<typeof WebhookDelivery>

export const WebhookDeliveryList = Type.Object(
  { items: Type.Array(Type.Ref(WebhookDelivery), { description: 'Les plus récents d’abord.' }) },
  { $id: 'WebhookDeliveryList' },
)
export type WebhookDeliveryList = Static<typeof WebhookDeliveryList>

/** The schemas of this module that OpenAPI shares by reference (`$id`). */
export const webhookSchemas = [
  WebhookOwnerKind,
  WebhookEndpointInput,
  WebhookEndpoint,
  WebhookDeliveryOutcome,
  WebhookDelivery,
  WebhookDeliveryList,
]
