import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DatapassWebhookAck, DatapassWebhookPayload } from '@qf/contracts'
import { Type } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import { AppError } from '../../errors/catalog.js'
import type { JobQueue } from '../../ports/job-queue.js'
import { problemResponse } from '../../plugins/openapi.js'
import type { Db } from '../../db/connection.js'
import { handleDatapassEvent } from './datapass-events.js'
import type { OnboardingDeps } from './onboard-collectivity.js'
import { formulaireQfModelType } from './request.js'
import { verifyDatapassSignature } from './signature.js'

export interface OnboardingModuleDeps {
  db: Db
  onboarding: OnboardingDeps
  jobQueue: JobQueue
  /** DataPass's shared secret (`X-Hub-Signature-256`). */
  datapassWebhookSecret: string
}

/** The operations of this module anyone may call (DataPass authenticates with its signature). */
export const onboardingPublicOperations = ['receiveDatapassWebhook'] as const

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
const signatureRefused = () =>
  new AppError('webhookSignatureInvalid', {
    detail: 'En-tête X-Hub-Signature-256 absent ou ne correspondant pas au corps reçu.',
  })

declare module 'fastify' {
  interface FastifyRequest {
    /** The webhook's exact bytes (only in the webhook's scope, for its signature). */
    datapassRawBody?: Buffer
  }
}

/**
 * `POST /webhooks/datapass`: DataPass's events, signed. In its own scope, a JSON parser that checks the
 * signature over the exact bytes received before parsing anything: a wrong or missing signature is
 * 401 and nothing is stored. `approve` runs the onboarding (steps recorded; a transient failure is
 * retried by a job); test calls and other events are acknowledged and ignored.
 */
export const onboardingRoutes: FastifyPluginAsyncTypebox<{ deps: OnboardingModuleDeps }> = async (
  app,
  { deps },
) => {
  const secret = deps.datapassWebhookSecret
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: 512 * 1024 },
    (request: FastifyRequest, body: Buffer | string, done) => {
      const raw = Buffer.isBuffer(body) ? body : Buffer.from(body)
      if (!verifyDatapassSignature(raw, request.headers['x-hub-signature-256'], secret)) {
        done(signatureRefused())
        return
      }
      request.datapassRawBody = raw
      try {
        done(null, JSON.parse(strictUtf8.decode(raw)))
      } catch {
        done(new AppError('invalidBody', { detail: 'Le corps n’est pas du JSON UTF-8 valide.' }))
      }
    },
  )
  // A request without a body never reaches the parser: its signature is checked here, over nothing.
  app.addHook('preValidation', async (request) => {
    if (
      request.datapassRawBody === undefined &&
      !verifyDatapassSignature(Buffer.alloc(0), request.headers['x-hub-signature-256'], secret)
    )
      throw signatureRefused()
  })

  app.post(
    '/webhooks/datapass',
    {
      schema: {
        tags: ['onboarding'],
        operationId: 'receiveDatapassWebhook',
        summary: 'Recevoir un événement DataPass (embarquement d’une collectivité)',
        description:
          'Appelé par DataPass, signé : `X-Hub-Signature-256: sha256=<HMAC-SHA256 hexadécimal du corps brut>` ' +
          'avec le secret partagé (`DATAPASS_WEBHOOK_SECRET`), comparé en temps constant ; signature absente ' +
          'ou fausse → 401, rien n’est enregistré. Un appel de test reçoit 200. Un `approve` d’une demande ' +
          'validée embarque la collectivité : INSEE Sirene → organisation HubEE `SI-<SIRET>-<COG>` → abonnement ' +
          '`FormulaireQF` (créé `Inactif`, activé à la main par HubEE) → collectivité `awaiting_hubee`, puis ' +
          '`active` quand l’abonnement est relu `Actif`. `revoke` (et `refuse` d’une demande sans habilitation ' +
          'en vigueur) la suspend aussitôt ; `archive` la ferme ; `transfer` change son éditeur ; tout autre ' +
          'événement (`reopen`, inconnu…) est enregistré sans effet (`recorded`), jamais une erreur 5xx. Rejouer ' +
          'le même événement ne change rien ; un échec transitoire est réessayé par une tâche, un échec ' +
          'définitif est visible des exploitants.',
        headers: Type.Object({
          'x-hub-signature-256': Type.Optional(
            Type.String({ description: '`sha256=` suivi du HMAC-SHA256 hexadécimal du corps brut.' }),
          ),
        }),
        body: Type.Ref(DatapassWebhookPayload),
        response: {
          200: Type.Ref(DatapassWebhookAck),
          400: problemResponse('Corps illisible (problem+json, `urn:qf:problem:invalid-body`).'),
          401: problemResponse(
            'Signature absente ou fausse (problem+json, `urn:qf:problem:webhook-signature-invalid`).',
          ),
          422: problemResponse(
            'Corps qui n’est pas un événement DataPass (problem+json, `urn:qf:problem:validation`).',
          ),
        },
      },
    },
    async (request) => {
      const payload = request.body
      if (!('event' in payload)) return { received: true as const, outcome: 'test' as const }
      if (payload.model_type !== formulaireQfModelType)
        return { received: true as const, outcome: 'ignored' as const }
      const handled = await handleDatapassEvent(deps, payload)
      // A transient failure's retry job was enqueued by the store, with the failure (one transaction).
      const onboarding = 'onboarding' in handled ? handled.onboarding : undefined
      request.log.info(
        {
          datapassId: payload.data.id,
          event: payload.event.slice(0, 40),
          outcome: handled.outcome,
          ...(onboarding && 'code' in onboarding ? { code: onboarding.code } : {}),
        },
        'datapass event handled',
      )
      return { received: true as const, outcome: handled.outcome }
    },
  )
}
