import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { Health, Readiness } from '@qf/contracts'
import { sql } from 'kysely'
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type { Db } from '../../db/connection.js'
import { AppError } from '../../errors/catalog.js'
import { apiVersion, problemResponse } from '../../plugins/openapi.js'
import type { JobQueue } from '../../ports/job-queue.js'

export interface HealthDeps {
  db: Db
  jobQueue: Pick<JobQueue, 'isReady'>
  /** Bearer token `/metrics` requires; unset (outside production only): `/metrics` is open. */
  metricsToken?: string | undefined
}

const startedAt = Date.now()

/**
 * Probes and scrapers poll from one address, often the traffic's own (a load balancer): a 429 would
 * read as "not ready". /metrics stays behind its token.
 */
const outsideRateLimit = { rateLimit: false } as const

/** A readiness check answers within this: a database that hangs (a failover) is "down", not a hung probe. */
const CHECK_TIMEOUT_MS = 2_000

/** 'up' when `check` resolves truthy within CHECK_TIMEOUT_MS, else 'down'. */
async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'down'>((resolve) => {
    timer = setTimeout(() => resolve('down'), CHECK_TIMEOUT_MS)
  })
  const result = check().then(
    (ok) => (ok === false ? ('down' as const) : ('up' as const)),
    () => 'down' as const,
  )
  try {
    return await Promise.race([result, timeout])
  } finally {
    clearTimeout(timer)
  }
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest()

/** Whether the request carries `Authorization: Bearer <token>` (compared in constant time). */
function bearerMatches(request: FastifyRequest, token: string): boolean {
  const auth = request.headers.authorization ?? ''
  const given = auth.startsWith('Bearer ') ? auth.slice(7).trim() : ''
  return timingSafeEqual(digest(given), digest(token))
}

/** Operations endpoints: liveness, readiness (database + job queue), Prometheus metrics, the OpenAPI document. */
export const healthRoutes: FastifyPluginAsyncTypebox<{ deps: HealthDeps }> = async (app, { deps }) => {
  app.get(
    '/health',
    {
      config: outsideRateLimit,
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
      config: outsideRateLimit,
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
      const [database, jobQueue] = await Promise.all([
        probe(() => sql`select 1`.execute(deps.db)),
        probe(() => deps.jobQueue.isReady()),
      ])
      const ready = database === 'up' && jobQueue === 'up'
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not_ready', checks: { database, jobQueue } })
    },
  )

  app.get(
    '/metrics',
    {
      config: outsideRateLimit,
      schema: {
        tags: ['operations'],
        operationId: 'getMetrics',
        summary: 'Métriques Prometheus',
        description:
          'Requêtes par route (nombre, latence) et tâches par file et état, au format texte Prometheus. ' +
          'Exige `Authorization: Bearer <METRICS_TOKEN>` dès que `METRICS_TOKEN` est défini (toujours en production).',
        produces: ['text/plain'],
        security: [{ metricsToken: [] }, {}],
        response: {
          200: Type.String({ description: 'Prometheus text exposition format' }),
          401: problemResponse('Jeton absent ou invalide (`urn:qf:problem:unauthorized`).'),
        },
      },
    },
    async (request, reply) => {
      if (deps.metricsToken !== undefined && !bearerMatches(request, deps.metricsToken))
        throw new AppError('unauthorized', {
          detail: 'Les métriques exigent le jeton d’exploitation (Authorization: Bearer).',
          headers: { 'www-authenticate': 'Bearer realm="metrics"' },
        })
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
