import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { Submission, SubmissionAccepted, SubmissionReference, SubmitBody } from '@qf/contracts'
import { AppError } from '../../errors/catalog.js'
import { problemResponse } from '../../plugins/openapi.js'
import { sessionOf } from '../journey/index.js'
import type { SubmissionsDeps } from './deps.js'
import { submissionRepository } from './repository.js'
import { submitCurrentSession } from './submit.js'
import { toSubmission } from './view.js'

/** The submissions' operations anyone may call (every other one needs the session: deny by default). */
export const submissionsPublicOperations = ['getSubmission'] as const

export const submissionsRoutes: FastifyPluginAsyncTypebox<{ deps: SubmissionsDeps }> = async (
  app,
  { deps },
) => {
  app.post(
    '/sessions/current/submission',
    {
      schema: {
        tags: ['submissions'],
        operationId: 'submitCurrentSession',
        summary: 'Transmettre le quotient familial à la collectivité',
        description:
          'Le citoyen consent explicitement (`{"consent": true}`, rien d’autre). Réservé à une session connectée dont le quotient familial a été lu. ' +
          'En une transaction : la trace de l’envoi (`queued`), le dossier scellé et sa tâche de dépôt dans HubEE ; les données personnelles quittent la session. ' +
          'Un second appel (double clic, deux onglets) renvoie la même référence : un seul envoi par parcours. Le dépôt se fait ensuite en tâche de fond ; ' +
          'son état se suit avec `getSubmission`.',
        body: SubmitBody,
        response: {
          202: Type.Ref(SubmissionAccepted),
          401: problemResponse(
            'Pas de session (`urn:qf:problem:session-missing`) ou session expirée (`urn:qf:problem:session-expired`).',
          ),
          409: problemResponse(
            'Envoi impossible à ce stade (`urn:qf:problem:submission-not-allowed`) : pas encore connecté, quotient familial non lu, collectivité inactive.',
          ),
          422: problemResponse('Consentement absent ou corps invalide (`urn:qf:problem:validation`).'),
        },
      },
    },
    async (request, reply) => {
      const accepted = await submitCurrentSession(deps, sessionOf(request))
      return reply.status(202).send(accepted)
    },
  )

  app.get(
    '/submissions/:reference',
    {
      schema: {
        tags: ['submissions'],
        operationId: 'getSubmission',
        summary: 'Où en est un envoi (référence de 13 caractères)',
        description:
          'Public (la référence est ce que le citoyen garde et donne au support) : état, collectivité, dates ; aucune donnée personnelle. ' +
          'Une référence inconnue ou purgée (90 jours après l’envoi) répond 404.',
        params: Type.Object({ reference: SubmissionReference }),
        response: {
          200: Type.Ref(Submission),
          404: problemResponse('Référence inconnue ou purgée (`urn:qf:problem:submission-not-found`).'),
          422: problemResponse('Référence mal formée (`urn:qf:problem:validation`).'),
        },
      },
    },
    async (request) => {
      const found = await submissionRepository(deps.db, deps.box).findWithCollectivity(
        request.params.reference,
      )
      if (!found)
        throw new AppError('submissionNotFound', {
          detail: 'Aucun envoi ne porte cette référence (ou il date de plus de 90 jours).',
        })
      return toSubmission(found.trace, found.collectivityName)
    },
  )
}
