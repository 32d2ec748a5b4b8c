import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { Collectivity, CollectivityList, SafeText, Siret } from '@qf/contracts'
import { problemResponse } from '../../plugins/openapi.js'
import type { CollectivitiesDeps } from './plugin.js'
import { toPublicCollectivity } from './public-view.js'
import { requireOffered } from './lifecycle.js'
import { findBySiret, searchOffered } from './repository.js'

const ListQuery = Type.Object({
  q: Type.Optional(
    SafeText({
      nonBlank: true,
      minLength: 1,
      maxLength: 100,
      description:
        'Texte recherché (1 à 100 caractères, espaces de bord ignorés) : une partie du nom (sans tenir compte ' +
        'des accents ni de la casse ; « St », « Ste » lus Saint, Sainte ; « Mairie de », « Commune de », ' +
        '« Ville de », « CCAS de » ignorés), le début d’un code postal, un code de département (`04`, `2A`, ' +
        '`974` ; un seul chiffre est un département : `4` → `04`), ou les deux ensemble (`Saint-Denis 97400`, ' +
        '`Paris 3e`).',
      examples: ['amberieu', '750', '2A'],
    }),
  ),
  limit: Type.Integer({
    minimum: 1,
    maximum: 50,
    default: 20,
    description: 'Nombre maximal de collectivités renvoyées.',
    examples: [20],
  }),
})

const SiretParams = Type.Object({ siret: Siret })

const tooManyRequests = problemResponse('Trop de requêtes depuis cette adresse (problem+json).')

/** The collectivities read side: search the offered ones, read one by SIRET. Mounted under `/api/v1`. */
export const collectivitiesRoutes: FastifyPluginAsyncTypebox<{ deps: CollectivitiesDeps }> = async (
  app,
  { deps },
) => {
  app.get(
    '/collectivities',
    {
      schema: {
        tags: ['collectivities'],
        operationId: 'listCollectivities',
        summary: 'Rechercher une collectivité proposée aux familles',
        description:
          'Les collectivités proposées aux familles (état `active`), triées par nom, filtrées par `q` s’il est donné : une partie du nom ' +
          '(« amberieu », « PARIS »), le début d’un code postal (« 750 ») ou un code de département ' +
          '(« 04 », « 2A », « 974 »). Au plus `limit` résultats ; une recherche sans résultat renvoie une liste vide.',
        querystring: ListQuery,
        response: {
          200: Type.Ref(CollectivityList),
          422: problemResponse(
            'Paramètre `q` ou `limit` invalide (problem+json, `urn:qf:problem:validation`).',
          ),
          429: tooManyRequests,
        },
      },
    },
    async (request) => {
      const { q, limit } = request.query
      const found = await searchOffered(deps.db, { q, limit })
      return { items: found.map(toPublicCollectivity) }
    },
  )

  app.get(
    '/collectivities/:siret',
    {
      schema: {
        tags: ['collectivities'],
        operationId: 'getCollectivity',
        summary: 'Lire une collectivité proposée aux familles',
        description:
          'La collectivité portant ce SIRET, si elle est proposée aux familles (habilitée et abonnée à HubEE). ' +
          '404 `urn:qf:problem:collectivity-not-found` si le SIRET est inconnu ; 404 ' +
          '`urn:qf:problem:collectivity-not-offered` si elle est connue mais pas proposée (`code` ' +
          '`not_yet_offered` : inscription en cours ; `no_longer_offered` : suspendue ou close) ; 422 si le ' +
          'SIRET n’a pas 14 chiffres.',
        params: SiretParams,
        response: {
          200: Type.Ref(Collectivity),
          404: problemResponse(
            'SIRET inconnu (`urn:qf:problem:collectivity-not-found`) ou collectivité non proposée ' +
              '(`urn:qf:problem:collectivity-not-offered`, `code` `not_yet_offered` ou `no_longer_offered`) (problem+json).',
          ),
          422: problemResponse(
            'SIRET mal formé : 14 chiffres attendus (problem+json, `urn:qf:problem:validation`).',
          ),
          429: tooManyRequests,
        },
      },
    },
    async (request) => {
      return toPublicCollectivity(requireOffered(await findBySiret(deps.db, request.params.siret)))
    },
  )
}
