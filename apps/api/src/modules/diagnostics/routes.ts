import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { CollectivityHealth, CollectivityRepair, EditorHealth, Siret } from '@qf/contracts'
import { Type } from '@sinclair/typebox'
import { problemResponse } from '../../plugins/openapi.js'
import { scopeOf, scopeText } from '../registry/index.js'
import type { DiagnosticsDeps } from './deps.js'
import { getCollectivityHealth, getEditorHealth, repairCollectivity } from './health.js'

const tags = ['admin']
const SiretParams = Type.Object({ siret: Siret })

const common = {
  401: problemResponse(
    'Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`).',
  ),
  403: problemResponse(
    'Hors du périmètre de la clé : une clé `editor:<SIRET>` ne voit que ses collectivités et elle-même ' +
      '(problem+json, `urn:qf:problem:forbidden`).',
  ),
  422: problemResponse('SIRET invalide (problem+json, `urn:qf:problem:validation`).'),
  429: problemResponse('Trop de requêtes (problem+json).'),
}
const notFound = problemResponse(
  'Collectivité inconnue (problem+json, `urn:qf:problem:collectivity-not-found`).',
)
const checked =
  'Vérifie l’abonnement FormulaireQF relu auprès du référentiel HubEE (absent, inactif, mode d’accès ou ' +
  'délégation), l’éditeur, le jeton API Particulier (absent, expiré, qui expire, marque à jour) et les derniers ' +
  'envois du webhook. HubEE injoignable : problème `hubee_unreachable`, jamais une erreur 5xx.'

/**
 * The health check and its repair (tag `admin`), in the API-key scope: one collectivity, every
 * collectivity of an editor. Mounted under `/api/v1`.
 */
export const diagnosticsRoutes: FastifyPluginAsyncTypebox<{ deps: DiagnosticsDeps }> = async (
  app,
  { deps },
) => {
  app.get(
    '/admin/collectivities/:siret/health',
    {
      schema: {
        tags,
        operationId: 'getCollectivityHealth',
        summary: 'Bilan de santé d’une collectivité',
        description:
          `Ce qui empêche un dossier d’arriver ou le QF d’être rafraîchi. ${checked} Le cache de l’abonnement ` +
          'HubEE est remis à jour s’il diffère. Une clé d’éditeur ne voit que ses collectivités.',
        params: SiretParams,
        response: { 200: Type.Ref(CollectivityHealth), ...common, 404: notFound },
      },
    },
    async (request) => getCollectivityHealth(deps, scopeOf(request), request.params.siret),
  )

  app.get(
    '/admin/editors/:siret/health',
    {
      schema: {
        tags,
        operationId: 'getEditorHealth',
        summary: 'Bilan de santé de toutes les collectivités d’un éditeur',
        description: `Le bilan de chaque collectivité dont il est l’éditeur. ${checked} Une clé d’éditeur ne voit que le sien.`,
        params: SiretParams,
        response: { 200: Type.Ref(EditorHealth), ...common },
      },
    },
    async (request) => getEditorHealth(deps, scopeOf(request), request.params.siret),
  )

  app.post(
    '/admin/collectivities/:siret/repair',
    {
      schema: {
        tags,
        operationId: 'repairCollectivity',
        summary: 'Réparer ce qui peut l’être automatiquement',
        description:
          'Applique les réparations automatiques (création ou mise à jour de l’abonnement FormulaireQF par le ' +
          'référentiel HubEE — il peut rester « Inactif » en attendant l’activation par HubEE —, cache de ' +
          'l’abonnement, marque du jeton à renouveler), puis relit tout : `actions` dit ce qui a été fait, ' +
          '`health` ce qui reste à faire à la main. Une clé d’éditeur ne répare que ses collectivités.',
        params: SiretParams,
        response: { 200: Type.Ref(CollectivityRepair), ...common, 404: notFound },
      },
    },
    async (request) => {
      const scope = scopeOf(request)
      const repair = await repairCollectivity(deps, scope, request.params.siret)
      // The operator's trail of who repaired what (SIRETs and codes only).
      request.log.info(
        {
          siret: repair.siret,
          by: scopeText(scope),
          actions: repair.actions.map((a) => `${a.code}:${a.outcome}`),
          remaining: repair.health.problems.map((p) => p.code),
        },
        'collectivity repaired',
      )
      return repair
    },
  )
}
