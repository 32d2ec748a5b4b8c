import { Type, type Static } from '@sinclair/typebox'
import { Siret } from './collectivity.js'
import { referencePattern } from './submission-reference.js'

export { referenceAlphabet, REFERENCE_LENGTH, referencePattern } from './submission-reference.js'

export const SubmissionReference = Type.String({
  pattern: referencePattern,
  description: 'Référence de l’envoi : 13 caractères (majuscules et chiffres sans confusion possible).',
  examples: ['7KQ4MXD9HTCW3'],
})
export type SubmissionReference = Static<typeof SubmissionReference>

/** Where a sending stands, from the click to the collectivity's software. */
export const SubmissionStatus = Type.Union(
  [
    Type.Literal('queued', { description: 'Accepté, en attente de dépôt dans HubEE.' }),
    Type.Literal('delivered', { description: 'Déposé dans HubEE : la collectivité est notifiée.' }),
    Type.Literal('si_received', { description: 'Reçu par le logiciel de la collectivité.' }),
    Type.Literal('in_progress', { description: 'En cours de traitement par la collectivité.' }),
    Type.Literal('done', { description: 'Traité par la collectivité.' }),
    Type.Literal('refused', { description: 'Refusé par la collectivité.' }),
    Type.Literal('failed', { description: 'Le dépôt dans HubEE a échoué définitivement.' }),
  ],
  { $id: 'SubmissionStatus' },
)
export type SubmissionStatus = Static<typeof SubmissionStatus>

/**
 * Why a sending ended `failed`, so that the confirmation page says what happened and what the
 * family can do instead. No personal data: a code, never the hub's message.
 */
export const SubmissionFailureReason = Type.Union(
  [
    Type.Literal('collectivity_cannot_receive', {
      description: 'La collectivité ne peut pas recevoir de dossier (abonnement HubEE absent ou inactif).',
    }),
    Type.Literal('dossier_unreadable', {
      description: 'Le dossier scellé ne peut plus être ouvert (clé de chiffrement, données altérées).',
    }),
    Type.Literal('hub_unavailable', {
      description: 'HubEE est resté indisponible jusqu’à la fin du délai de dépôt.',
    }),
    Type.Literal('hub_rejected', { description: 'HubEE a refusé le dépôt.' }),
  ],
  { $id: 'SubmissionFailureReason' },
)
export type SubmissionFailureReason = Static<typeof SubmissionFailureReason>

/** `submitCurrentSession`'s body: consent is explicit, nothing else is accepted. */
export const SubmitBody = Type.Object(
  { consent: Type.Literal(true, { description: 'Le citoyen accepte l’envoi de ses données.' }) },
  { additionalProperties: false, examples: [{ consent: true }] },
)
export type SubmitBody = Static<typeof SubmitBody>

export const SubmissionAccepted = Type.Object(
  {
    reference: SubmissionReference,
    status: Type.Ref(SubmissionStatus),
    submittedAt: Type.String({ format: 'date-time' }),
  },
  {
    $id: 'SubmissionAccepted',
    additionalProperties: false,
    examples: [{ reference: '7KQ4MXD9HTCW3', status: 'queued', submittedAt: '2026-11-26T15:02:11.000Z' }],
  },
)
export type SubmissionAccepted = Static<typeof SubmissionAccepted>

/** What anyone holding a reference may see (support, the confirmation page): no personal data. */
export const Submission = Type.Object(
  {
    reference: SubmissionReference,
    status: Type.Ref(SubmissionStatus),
    collectivity: Type.Object({ siret: Siret, name: Type.String() }, { additionalProperties: false }),
    submittedAt: Type.String({ format: 'date-time' }),
    deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    updatedAt: Type.String({ format: 'date-time' }),
    failureReason: Type.Optional(
      Type.Ref(SubmissionFailureReason, { description: 'Présent quand `status` vaut `failed`.' }),
    ),
  },
  {
    $id: 'Submission',
    additionalProperties: false,
    examples: [
      {
        reference: '7KQ4MXD9HTCW3',
        status: 'si_received',
        collectivity: { siret: '21040107100019', name: 'Majastres' },
        submittedAt: '2026-11-26T15:02:11.000Z',
        deliveredAt: '2026-11-26T15:02:13.000Z',
        updatedAt: '2026-11-26T15:20:00.000Z',
      },
    ],
  },
)
export type Submission = Static<typeof Submission>

/** The schemas of this module that OpenAPI shares by reference (`$id`). */
export const submissionSchemas = [SubmissionStatus, SubmissionFailureReason, SubmissionAccepted, Submission]
