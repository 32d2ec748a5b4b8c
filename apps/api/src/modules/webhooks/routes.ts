import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  Siret,
  SubmissionReference,
  WebhookDeliveryList,
  WebhookEndpoint,
  WebhookEndpointInput,
} from '@qf/contracts'
import { problemResponse } from '../../plugins/openapi.js'
import { scopeOf } from '../registry/index.js'
import { authorizeOwner, deliveriesFilterFor } from './access.js'
import type { WebhooksDeps } from './deps.js'
import {
  getWebhookEndpoint,
  listWebhookDeliveries,
  removeWebhookEndpoint,
  setWebhookEndpoint,
} from './endpoints.js'
import type { WebhookOwner } from './repository.js'

const tags = ['admin']
const SiretParams = Type.Object({ siret: Siret })

const unauthorized = problemResponse(
  'Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`).',
)
const forbidden = problemResponse(
  'Hors du périmètre de la clé : une clé `editor:<SIRET>` ne gère que son propre webhook et ceux de ses ' +
    'collectivités (problem+json, `urn:qf:problem:forbidden`).',
)
const invalid = problemResponse(
  'Valeurs invalides, ou adresse refusée (problem+json, `urn:qf:problem:validation` ou ' +
    '`urn:qf:problem:invalid-webhook-url`).',
)
const noEndpoint = problemResponse(
  'Aucun webhook configuré (problem+json, `urn:qf:problem:webhook-endpoint-not-found`), ou collectivité ' +
    'inconnue (`urn:qf:problem:collectivity-not-found`).',
)
const common = { 401: unauthorized, 403: forbidden, 429: problemResponse('Trop de requêtes (problem+json).') }

const DeliveriesQuery = Type.Object({
  reference: Type.Optional(SubmissionReference),
  siret: Type.Optional(
    Type.String({
      pattern: '^\\d{14}$',
      description:
        'SIRET d’une collectivité destinataire, ou du propriétaire du point de réception (éditeur).',
    }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
})

const ownerDescriptions = {
  collectivity: {
    noun: 'de la collectivité',
    scope: 'Une clé d’éditeur ne gère que les collectivités dont elle est l’éditeur.',
  },
  editor: {
    noun: 'de l’éditeur',
    scope:
      'Reçoit les dossiers de toutes les collectivités dont il est l’éditeur. Une clé d’éditeur ne gère que le sien.',
  },
} as const

/**
 * The webhook's admin routes (tag `admin`), in the API-key scope: set, read and remove the endpoint of
 * a collectivity or of an editor (the secret is write-only), and the last deliveries with their
 * outcome. Mounted under `/api/v1`.
 */
export const webhookRoutes: FastifyPluginAsyncTypebox<{ deps: WebhooksDeps }> = async (app, { deps }) => {
  for (const kind of ['collectivity', 'editor'] as const) {
    const path =
      kind === 'collectivity' ? '/admin/collectivities/:siret/webhook' : '/admin/editors/:siret/webhook'
    const Name = kind === 'collectivity' ? 'Collectivity' : 'Editor'
    const { noun, scope } = ownerDescriptions[kind]
    const owner = (siret: string): WebhookOwner => ({ kind, siret })

    app.put(
      path,
      {
        schema: {
          tags,
          operationId: `set${Name}Webhook`,
          summary: `Configurer le webhook ${noun}`,
          description:
            `Crée ou remplace l’adresse, le secret et l’état du webhook « nouveau dossier » ${noun}. ` +
            'Le secret est chiffré au repos et n’est jamais renvoyé. En production : https, ni adresse locale ni ' +
            `privée (vérifiée aussi à chaque envoi). ${scope}`,
          params: SiretParams,
          body: Type.Ref(WebhookEndpointInput),
          response: { 200: Type.Ref(WebhookEndpoint), ...common, 404: noEndpoint, 422: invalid },
        },
      },
      async (request) => {
        await authorizeOwner(deps.db, scopeOf(request), owner(request.params.siret))
        return setWebhookEndpoint(deps, owner(request.params.siret), request.body)
      },
    )

    app.get(
      path,
      {
        schema: {
          tags,
          operationId: `get${Name}Webhook`,
          summary: `Lire le webhook ${noun}`,
          description: `L’adresse et l’état du webhook ${noun}, sans le secret. ${scope}`,
          params: SiretParams,
          response: { 200: Type.Ref(WebhookEndpoint), ...common, 404: noEndpoint, 422: invalid },
        },
      },
      async (request) => {
        await authorizeOwner(deps.db, scopeOf(request), owner(request.params.siret))
        return getWebhookEndpoint(deps, owner(request.params.siret))
      },
    )

    app.delete(
      path,
      {
        schema: {
          tags,
          operationId: `remove${Name}Webhook`,
          summary: `Supprimer le webhook ${noun}`,
          description: `Supprime le webhook ${noun} et l’historique de ses envois ; plus rien n’est envoyé. ${scope}`,
          params: SiretParams,
          response: {
            204: Type.Null({ description: 'Supprimé.' }),
            ...common,
            404: noEndpoint,
            422: invalid,
          },
        },
      },
      async (request, reply) => {
        await authorizeOwner(deps.db, scopeOf(request), owner(request.params.siret))
        await removeWebhookEndpoint(deps, owner(request.params.siret))
        return reply.code(204).send(null)
      },
    )
  }

  app.get(
    '/admin/webhooks/deliveries',
    {
      schema: {
        tags,
        operationId: 'listWebhookDeliveries',
        summary: 'Derniers envois du webhook et leur résultat',
        description:
          'Les envois les plus récents (au plus `limit`), filtrés par référence et/ou SIRET (collectivité ' +
          'destinataire ou éditeur propriétaire du point de réception) : tentatives, dernier statut HTTP ou code ' +
          'd’erreur, prochaine tentative, date de remise ou d’abandon. Ni corps ni donnée personnelle. Une clé ' +
          'd’éditeur ne voit que ses envois et ceux de ses collectivités.',
        querystring: DeliveriesQuery,
        response: { 200: Type.Ref(WebhookDeliveryList), ...common, 422: invalid },
      },
    },
    async (request) => ({
      items: await listWebhookDeliveries(
        deps,
        await deliveriesFilterFor(deps.db, scopeOf(request), request.query),
      ),
    }),
  )
}
