import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  AdminCollectivity,
  AdminCollectivityList,
  ApiParticulierTokenWrite,
  CollectivityImport,
  CollectivityImportResult,
  CollectivityLifecycle,
  CollectivityStatus,
  CollectivityTransitionList,
  CollectivityUpdate,
  CollectivityWrite,
  ExpiringTokenList,
  OnboardingList,
  OnboardingState,
  OnboardingView,
  QuotientFamilialLookup,
  QuotientFamilialLookupResult,
  Siret,
} from '@qf/contracts'
import { Type } from '@sinclair/typebox'
import { problemResponse } from '../../plugins/openapi.js'
import { scopeOf } from './authenticate.js'
import {
  checkCollectivityHubee,
  collectivityTransitions,
  createCollectivity,
  deactivateCollectivity,
  getCollectivity,
  listCollectivities,
  setApiParticulierToken,
  updateCollectivity,
} from './collectivity-admin.js'
import { importCollectivities } from './import.js'
import { lookupQuotientFamilial } from './lookup.js'
import { getOnboardingStatus, listOnboardingStatus, retryOnboardingNow } from './onboarding-admin.js'
import type { RegistryModuleDeps } from './plugin.js'
import { toAdminCollectivity, toExpiringTokens, toOnboardingView, toTransitionView } from './view.js'

const tags = ['admin']
const SiretParams = Type.Object({ siret: Siret })
const DatapassParams = Type.Object({ datapassId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) })

const unauthorized = problemResponse(
  'Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`).',
)
const forbidden = problemResponse(
  'Hors du périmètre de la clé : une clé `editor:<SIRET>` n’accède qu’aux collectivités de cet éditeur ' +
    '(problem+json, `urn:qf:problem:forbidden`).',
)
const notFound = problemResponse(
  'Collectivité inconnue (problem+json, `urn:qf:problem:collectivity-not-found`).',
)
const invalid = problemResponse(
  'Valeurs invalides : SIRET (clé de Luhn, exception de La Poste), code COG, champs (problem+json, ' +
    '`urn:qf:problem:validation`, `errors` nomme chaque champ).',
)
const tooMany = problemResponse('Trop de requêtes (problem+json).')
const refusedTransition = problemResponse(
  'Changement d’état refusé par le cycle de vie (problem+json, `urn:qf:problem:lifecycle-transition-refused`).',
)
const common = { 401: unauthorized, 403: forbidden, 429: tooMany }

const ListQuery = Type.Object({
  status: Type.Optional(CollectivityStatus),
  lifecycle: Type.Optional(CollectivityLifecycle),
  editor: Type.Optional(Type.String({ pattern: '^\\d{14}$', description: 'SIRET de l’éditeur.' })),
  departement: Type.Optional(Type.String({ pattern: '^(\\d{2}|2[ABab]|97\\d)$' })),
  token_expiring: Type.Optional(
    Type.Boolean({ description: '`true` : seulement les jetons qui expirent dans moins de 90 jours.' }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
})

/**
 * The admin API (`/api/v1/admin/…`, tag `admin`) and the QF lookup by identity, authenticated with an
 * API key (`Authorization: Bearer qf_…`). Mounted under `/api/v1` in the API-key scope.
 */
export const registryRoutes: FastifyPluginAsyncTypebox<{ deps: RegistryModuleDeps }> = async (
  app,
  { deps },
) => {
  app.post(
    '/admin/collectivities',
    {
      schema: {
        tags,
        operationId: 'createCollectivity',
        summary: 'Créer une collectivité',
        description:
          'Crée une collectivité, à l’état `draft` (non proposée aux familles). Avec `status: active` (clé ' +
          '`admin` seulement), la décision des exploitants l’habilite : elle passe `awaiting_hubee`, puis `active` ' +
          'quand son abonnement HubEE `FormulaireQF` est relu `Actif` (relecture périodique, ou ' +
          '`checkCollectivityHubee`). Une clé d’éditeur crée seulement des collectivités dont elle est l’éditeur ' +
          '(`editor` = son SIRET et son nom), sans `status` (403). 409 si le SIRET existe déjà.',
        body: Type.Ref(CollectivityWrite),
        response: {
          201: Type.Ref(AdminCollectivity),
          ...common,
          409: problemResponse('Ce SIRET existe déjà (problem+json, `urn:qf:problem:collectivity-exists`).'),
          422: invalid,
        },
      },
    },
    async (request, reply) => {
      const created = await createCollectivity(deps.registry, scopeOf(request), request.body)
      return reply.code(201).send(toAdminCollectivity(created))
    },
  )

  app.get(
    '/admin/collectivities',
    {
      schema: {
        tags,
        operationId: 'listAdminCollectivities',
        summary: 'Lister les collectivités (filtres)',
        description:
          'Toutes les collectivités (proposées ou non) triées par nom, filtrées par état (`lifecycle`), ancien ' +
          'statut (`status=active` : proposées ; `inactive` : les autres), éditeur, département, jeton qui ' +
          'expire. Une clé d’éditeur ne voit que les siennes.',
        querystring: ListQuery,
        response: { 200: Type.Ref(AdminCollectivityList), ...common, 422: invalid },
      },
    },
    async (request) => {
      const q = request.query
      const found = await listCollectivities(deps.registry, scopeOf(request), {
        offered: q.status === undefined ? undefined : q.status === 'active',
        lifecycle: q.lifecycle,
        editorSiret: q.editor,
        departement: q.departement,
        tokenExpiring: q.token_expiring,
        limit: q.limit,
        offset: q.offset,
      })
      return { items: found.map(toAdminCollectivity) }
    },
  )

  app.get(
    '/admin/collectivities/:siret',
    {
      schema: {
        tags,
        operationId: 'getAdminCollectivity',
        summary: 'Lire une collectivité (administration)',
        description: 'Tous ses champs, sauf le jeton lui-même : « enregistré, expire le … ».',
        params: SiretParams,
        response: { 200: Type.Ref(AdminCollectivity), ...common, 404: notFound, 422: invalid },
      },
    },
    async (request) =>
      toAdminCollectivity(await getCollectivity(deps.registry, scopeOf(request), request.params.siret)),
  )

  app.patch(
    '/admin/collectivities/:siret',
    {
      schema: {
        tags,
        operationId: 'updateCollectivity',
        summary: 'Modifier une collectivité',
        description:
          'Les champs donnés remplacent les anciens ; une clé d’éditeur ne peut ni changer d’éditeur ni donner ' +
          '`status` (403). `status` (clé `admin`) : `active` habilite la collectivité (proposée une fois ' +
          'l’abonnement HubEE relu `Actif`), `inactive` la suspend ; 409 ' +
          '(`urn:qf:problem:lifecycle-transition-refused`) si son état ne le permet pas (ex. `closed`).',
        params: SiretParams,
        body: Type.Ref(CollectivityUpdate),
        response: {
          200: Type.Ref(AdminCollectivity),
          ...common,
          404: notFound,
          409: refusedTransition,
          422: invalid,
        },
      },
    },
    async (request) =>
      toAdminCollectivity(
        await updateCollectivity(deps.registry, scopeOf(request), request.params.siret, request.body),
      ),
  )

  app.post(
    '/admin/collectivities/:siret/deactivate',
    {
      schema: {
        tags,
        operationId: 'deactivateCollectivity',
        summary: 'Désactiver une collectivité',
        description:
          'Clé `admin` seulement : la collectivité passe `suspended` (décision des exploitants) et est retirée du ' +
          'public (page, recherche, parcours) ; ses données restent. Seule une clé `admin` la rétablit ' +
          '(`status: active`).',
        params: SiretParams,
        response: {
          200: Type.Ref(AdminCollectivity),
          ...common,
          404: notFound,
          409: refusedTransition,
          422: invalid,
        },
      },
    },
    async (request) =>
      toAdminCollectivity(
        await deactivateCollectivity(deps.registry, scopeOf(request), request.params.siret),
      ),
  )

  app.post(
    '/admin/collectivities/:siret/check-hubee',
    {
      schema: {
        tags,
        operationId: 'checkCollectivityHubee',
        summary: 'Relire l’abonnement HubEE d’une collectivité',
        description:
          'Clé `admin` seulement : relit maintenant l’abonnement `FormulaireQF` dans le référentiel HubEE (sinon ' +
          'la tâche périodique le fait, `HUBEE_SUBSCRIPTION_CHECK_CRON`). `Actif` : une collectivité habilitée ' +
          '(`awaiting_hubee`, ou suspendue à cause de HubEE) devient `active` ; autre chose : une collectivité ' +
          '`active` est suspendue. 503 si HubEE ne répond pas.',
        params: SiretParams,
        response: {
          200: Type.Ref(AdminCollectivity),
          ...common,
          404: notFound,
          422: invalid,
          503: problemResponse('HubEE ne répond pas (problem+json, `urn:qf:problem:unavailable`).'),
        },
      },
    },
    async (request) =>
      toAdminCollectivity(
        await checkCollectivityHubee(deps.hubeeCheck, scopeOf(request), request.params.siret),
      ),
  )

  app.get(
    '/admin/collectivities/:siret/transitions',
    {
      schema: {
        tags,
        operationId: 'listCollectivityTransitions',
        summary: 'Historique du cycle de vie d’une collectivité',
        description:
          'Chaque transition (de, vers, événement, qui — type et identifiant —, pourquoi, quand), de la plus ' +
          'ancienne à la plus récente ; aussi les événements DataPass reçus sans changement d’état (`to` ' +
          '`null`). Une clé d’éditeur ne lit que celles de ses collectivités.',
        params: SiretParams,
        response: { 200: Type.Ref(CollectivityTransitionList), ...common, 404: notFound, 422: invalid },
      },
    },
    async (request) => ({
      items: (await collectivityTransitions(deps.registry, scopeOf(request), request.params.siret)).map(
        toTransitionView,
      ),
    }),
  )

  app.put(
    '/admin/collectivities/:siret/api-particulier-token',
    {
      schema: {
        tags,
        operationId: 'setApiParticulierToken',
        summary: 'Enregistrer le jeton API Particulier d’une collectivité',
        description:
          'Le jeton est scellé (AES-256-GCM) et ne sera jamais renvoyé. Sa date d’expiration est lue dans le JWT ' +
          '(`exp`) ; pour un jeton qui n’est pas un JWT, donnez `expiresAt`. La réponse dit seulement « enregistré, ' +
          'expire le … ».',
        params: SiretParams,
        body: Type.Ref(ApiParticulierTokenWrite),
        response: {
          200: Type.Ref(AdminCollectivity),
          ...common,
          404: notFound,
          422: problemResponse(
            'Jeton mal formé, ou date absente / discordante (problem+json, `urn:qf:problem:token-expiry-invalid`, ' +
              '`code` `expiry_required` ou `expiry_mismatch`).',
          ),
        },
      },
    },
    async (request) =>
      toAdminCollectivity(
        await setApiParticulierToken(deps.registry, scopeOf(request), request.params.siret, request.body),
      ),
  )

  app.post(
    '/admin/collectivities/import',
    {
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        tags,
        operationId: 'importCollectivities',
        summary: 'Importer des collectivités (CSV ou JSON)',
        description:
          'Tout ou rien : chaque ligne est contrôlée d’abord ; une ligne invalide est signalée avec son numéro ' +
          '(`errors[].name` : `ligne 3`, `items[2].siret`…) et rien n’est écrit. Réimporter le même fichier ne ' +
          'change rien (`unchanged`).',
        body: Type.Ref(CollectivityImport),
        response: {
          200: Type.Ref(CollectivityImportResult),
          ...common,
          413: problemResponse('Fichier trop volumineux (plus de 5 Mo).'),
          422: problemResponse('Lignes invalides (problem+json, `urn:qf:problem:import-invalid`).'),
        },
      },
    },
    async (request) => importCollectivities(deps.registry, scopeOf(request), request.body),
  )

  app.get(
    '/admin/onboardings',
    {
      schema: {
        tags,
        operationId: 'listOnboardings',
        summary: 'Lister les embarquements DataPass',
        description: 'Les plus récents d’abord ; une clé d’éditeur ne voit que ceux qui la nomment.',
        querystring: Type.Object({
          siret: Type.Optional(Siret),
          state: Type.Optional(Type.Ref(OnboardingState)),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
        }),
        response: { 200: Type.Ref(OnboardingList), ...common, 422: invalid },
      },
    },
    async (request) => {
      const found = await listOnboardingStatus(deps.registry, scopeOf(request), request.query)
      return { items: found.map(toOnboardingView) }
    },
  )

  app.get(
    '/admin/onboardings/:datapassId',
    {
      schema: {
        tags,
        operationId: 'getOnboarding',
        summary: 'État d’un embarquement DataPass',
        description: 'Chaque étape (faite, échouée, à faire) et la dernière erreur (code stable, message).',
        params: DatapassParams,
        response: {
          200: Type.Ref(OnboardingView),
          ...common,
          404: problemResponse('Embarquement inconnu (problem+json, `urn:qf:problem:onboarding-not-found`).'),
          422: invalid,
        },
      },
    },
    async (request) =>
      toOnboardingView(await getOnboardingStatus(deps.registry, scopeOf(request), request.params.datapassId)),
  )

  app.post(
    '/admin/onboardings/:datapassId/retry',
    {
      schema: {
        tags,
        operationId: 'retryOnboarding',
        summary: 'Relancer un embarquement DataPass',
        description: 'Clé `admin` seulement : rejoue les étapes (idempotentes) et renvoie le nouvel état.',
        params: DatapassParams,
        response: {
          200: Type.Ref(OnboardingView),
          ...common,
          404: problemResponse('Embarquement inconnu (problem+json, `urn:qf:problem:onboarding-not-found`).'),
          422: invalid,
        },
      },
    },
    async (request) => {
      const scope = scopeOf(request)
      await retryOnboardingNow(
        { ...deps.onboarding, jobQueue: deps.jobQueue },
        scope,
        request.params.datapassId,
      )
      return toOnboardingView(await getOnboardingStatus(deps.registry, scope, request.params.datapassId))
    },
  )

  app.get(
    '/admin/tokens/expiring',
    {
      schema: {
        tags,
        operationId: 'listExpiringTokens',
        summary: 'Jetons API Particulier à renouveler',
        description:
          'Les collectivités marquées par la tâche quotidienne : jeton qui expire dans moins de 90 jours (ou ' +
          'expiré), par date d’expiration. Une clé d’éditeur ne voit que les siennes.',
        response: { 200: Type.Ref(ExpiringTokenList), ...common },
      },
    },
    async (request) => {
      const found = await listCollectivities(deps.registry, scopeOf(request), {
        tokenExpiring: true,
        limit: 10_000,
      })
      return toExpiringTokens(found, deps.registry.clock.now())
    },
  )

  app.post(
    '/quotient-familial/lookup',
    {
      schema: {
        tags: ['quotient-familial'],
        operationId: 'lookupQuotientFamilial',
        summary: 'Lire le quotient familial d’une personne sans FranceConnect',
        description:
          'Pour le logiciel d’un éditeur ou l’outil d’un agent d’accueil : l’identité pivot (nom de naissance, ' +
          'prénoms, sexe, date de naissance éventuellement partielle, pays et commune de naissance — ou nom de ' +
          'commune et département) et le SIRET de la collectivité (dans le périmètre de la clé). Appelle API ' +
          'Particulier (`/v3/dss/quotient_familial/identite`) avec le jeton de cette collectivité, ' +
          '`recipient` = son SIRET ; 20 demandes par seconde et par jeton au plus (429 + `Retry-After`). ' +
          'L’identité n’est ni conservée ni journalisée.',
        body: Type.Ref(QuotientFamilialLookup),
        response: {
          200: Type.Ref(QuotientFamilialLookupResult),
          ...common,
          404: problemResponse(
            'Collectivité inconnue ou inactive (`urn:qf:problem:collectivity-not-found`), ou personne inconnue de ' +
              'la CAF et de la MSA (`urn:qf:problem:quotient-familial-not-found`) (problem+json).',
          ),
          409: problemResponse(
            'Jeton de la collectivité absent (`urn:qf:problem:api-particulier-token-missing`), expiré ' +
              '(`urn:qf:problem:api-particulier-token-expired` : le détail donne la procédure de renouvellement ' +
              'par DataPass) ou refusé (`urn:qf:problem:api-particulier-token-refused`) (problem+json).',
          ),
          422: problemResponse(
            'Identité mal formée (`urn:qf:problem:validation`) ou refusée par API Particulier ' +
              '(`urn:qf:problem:identity-rejected`) (problem+json).',
          ),
          429: problemResponse(
            'Plus de 20 demandes par seconde pour ce jeton, ou API Particulier demande d’attendre ' +
              '(`urn:qf:problem:quotient-familial-rate-limited`, en-tête `Retry-After`) (problem+json).',
          ),
          502: problemResponse(
            'Réponse invalide de la CAF/MSA (`urn:qf:problem:quotient-familial-provider-error`) (problem+json).',
          ),
          503: problemResponse(
            'API Particulier, la CAF ou la MSA ne répond pas (`urn:qf:problem:quotient-familial-unavailable`) (problem+json).',
          ),
        },
      },
    },
    async (request) => ({
      quotientFamilial: await lookupQuotientFamilial(deps.lookup, scopeOf(request), request.body),
    }),
  )
}
