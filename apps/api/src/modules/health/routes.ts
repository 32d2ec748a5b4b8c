import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { Health, Readiness } from '@qf/contracts'
import { sql } from 'kysely'
import type { Db } from '../../db/connection.js'
import { apiVersion } from '../../plugins/openapi.js'
import type { JobQueue } from '../../ports/job-queue.js'

export interface HealthDeps {
  db: Db
  jobQueue: Pick<JobQueue, 'isReady'>
}

const startedAt = Date.now()

/** Operations endpoints: liveness, readiness (database + job queue), Prometheus metrics, the OpenAPI document. */
export const healthRoutes: FastifyPluginAsyncTypebox<{ deps: HealthDeps }> = async (app, { deps }) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['operations'],
        operationId: 'getHealth',
        security: [],
        summary: 'Le processus répond',
        description: 'Vivacité du processus ; ne vérifie aucune dépendance.',
        response: { 200: Type.Ref(Health) },
      },
    },
    async () => ({
      status: 'ok' as const,
      uptimeSeconds: (Date.now() - startedAt) / 1000,
      version: apiVersion,
    }),
  )

  app.get(
    '/ready',
    {
      schema: {
        tags: ['operations'],
        operationId: 'getReadiness',
        security: [],
        summary: 'Le service peut recevoir du trafic',
        description: 'Vérifie la base de données et la file de tâches ; 503 si l’une ne répond pas.',
        response: { 200: Type.Ref(Readiness), 503: Type.Ref(Readiness) },
      },
    },
    async (_request, reply) => {
      const database = await sql`select 1`
        .execute(deps.db)
        .then(() => 'up' as const)
        .catch(() => 'down' as const)
      const jobQueue = await deps.jobQueue
        .isReady()
        .then((ok) => (ok ? ('up' as const) : ('down' as const)))
        .catch(() => 'down' as const)
      const ready = database === 'up' && jobQueue === 'up'
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not_ready', checks: { database, jobQueue } })
    },
  )

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['operations'],
        operationId: 'getMetrics',
        security: [],
        summary: 'Métriques Prometheus',
        description:
          'Requêtes par route (nombre, latence) et tâches par file et état, au format texte Prometheus.',
        produces: ['text/plain'],
        response: { 200: Type.String({ description: 'Prometheus text exposition format' }) },
      },
    },
    async (_request, reply) => {
      const text = await app.metrics.metrics()
      return reply.type(app.metrics.contentType).send(text)
    },
  )

  app.get(
    '/openapi.json',
    {
      schema: {
        tags: ['meta'],
        operationId: 'getOpenApiDocument',
        security: [],
        summary: 'La description OpenAPI 3.1 de cette API',
        response: { 200: Type.Object({}, { additionalProperties: true }) },
      },
    },
    async () => app.swagger(),
  )
}
