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
export const submissionSchemas = [SubmissionStatus, SubmissionAccepted, Submission]
