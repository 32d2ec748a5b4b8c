import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Type } from '@sinclair/typebox'
import { journeyCookies, openapiSchemas, Problem } from '@qf/contracts'

export const apiVersion = '0.1.0'

export const openapiTags = [
  { name: 'operations', description: 'Santé, disponibilité et métriques du service (exploitation).' },
  { name: 'meta', description: 'La description OpenAPI de cette API.' },
  { name: 'collectivities', description: 'Les collectivités destinataires du quotient familial.' },
  {
    name: 'journey',
    description: 'Le parcours du citoyen : session, identité et quotient familial, déconnexion.',
  },
  { name: 'franceconnect', description: 'Les allers-retours du navigateur avec FranceConnect.' },
  {
    name: 'submissions',
    description: 'L’envoi du quotient familial à la collectivité (dépôt HubEE) et son suivi par référence.',
  },
  {
    name: 'admin',
    description:
      'Administration du registre des collectivités (clé d’API `admin` pour l’exploitation, `editor:<SIRET>` ' +
      'pour un éditeur, limitée à ses collectivités).',
  },
  { name: 'onboarding', description: 'Embarquement des collectivités depuis DataPass (webhook signé).' },
  {
    name: 'quotient-familial',
    description:
      'Le quotient familial sans FranceConnect, pour le logiciel d’un éditeur ou un agent (clé d’API).',
  },
]

/** A problem+json response, for route schemas: `response: { 404: problemResponse('…') }`. */
export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Type.Ref(Problem) } },
})

/**
 * OpenAPI 3.1 generated from the route schemas, served at /openapi.json and browsable at /docs
 * (Swagger UI served locally: no request leaves for an outside host).
 */
export const openapiPlugin = fp(
  async (
    app: FastifyInstance,
    opts: {
      publicUrl: string
      extraTags?: { name: string; description: string }[]
      /** Serve the Swagger UI at /docs (`API_DOCS`); /openapi.json is always served. */
      ui?: boolean
    },
  ) => {
    for (const schema of openapiSchemas) app.addSchema(schema)
    // Every documented route gets its generic error answers (rate limit, bad input, unknown
    // resource, masked 5xx) documented as problem+json. Security is set by the authentication hook
    // (deny by default under /api/v1), never defaulted here.
    app.addHook('onRoute', (route) => {
      const schema = route.schema as Record<string, unknown> | undefined
      if (!schema || schema.hide) return
      const response = (schema.response ?? {}) as Record<string, unknown>
      const codes = Object.keys(response)
      if (!codes.some((c) => c.startsWith('4')))
        response['4xx'] = problemResponse('Requête refusée (problem+json).')
      if (!codes.some((c) => c.startsWith('5')))
        response['5xx'] = problemResponse('Erreur du service (problem+json).')
      schema.response = response
    })
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Formulaire QF — API',
          version: apiVersion,
          description:
            'API du formulaire « quotient familial » : une collectivité reçoit le quotient familial CAF/MSA ' +
            'd’une famille, avec son accord, via FranceConnect, API Particulier et HubEE. ' +
            'Toutes les erreurs sont au format `application/problem+json` (RFC 9457) avec un `type` stable.',
          license: { name: 'MIT', identifier: 'MIT' },
          contact: { name: 'Équipe Formulaire QF' },
        },
        servers: [{ url: opts.publicUrl }],
        components: {
          securitySchemes: {
            metricsToken: {
              type: 'http',
              scheme: 'bearer',
              description: 'Jeton d’exploitation (`METRICS_TOKEN`) pour lire les métriques.',
            },
            sessionCookie: {
              type: 'apiKey',
              in: 'cookie',
              name: journeyCookies.session,
              description:
                'Session du parcours (cookie HttpOnly, SameSite=Lax) pour le front-end de même site.',
            },
            sessionToken: {
              type: 'http',
              scheme: 'bearer',
              description: 'Jeton de session d’un front-end tiers (obtenu par `exchangeLoginCode`).',
            },
            apiKey: {
              type: 'http',
              scheme: 'bearer',
              description:
                'Clé d’API `qf_…` (créée par l’exploitant : `npm run cli -- api-keys create`), portée `admin` ou ' +
                '`editor:<SIRET>` (ADR 0022).',
            },
          },
        },
        tags: [...openapiTags, ...(opts.extraTags ?? [])],
      },
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) =>
          typeof json.$id === 'string' ? json.$id : `def-${i}`,
      },
    })
    if (opts.ui !== false)
      await app.register(swaggerUi, {
        routePrefix: '/docs',
        staticCSP: true,
        uiConfig: { deepLinking: true, defaultModelsExpandDepth: 0 },
        theme: { title: 'Formulaire QF — API' },
      })
  },
  { name: 'openapi' },
)
