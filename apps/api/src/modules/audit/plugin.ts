import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AuditList, Siret } from '@qf/contracts'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { Counter } from 'prom-client'
import type { Db } from '../../db/connection.js'
import { AppError } from '../../errors/catalog.js'
import type { Clock } from '../../ports/clock.js'
import { problemResponse } from '../../plugins/openapi.js'
import { completeAudit, listAudit, outcomeOf, recordAudit } from './repository.js'

export interface AuditDeps {
  db: Db
  clock: Clock
}

const siretPattern = /^\d{14}$/

/** The collectivity a call is about: the `siret` path parameter, else the body's (create, lookup). */
function collectivityOf(request: FastifyRequest): string | null {
  for (const source of [request.params, request.body]) {
    if (typeof source === 'object' && source !== null && 'siret' in source) {
      const siret: unknown = source.siret
      if (typeof siret === 'string' && siretPattern.test(siret)) return siret
    }
  }
  return null
}

function operationOf(request: FastifyRequest): string {
  const schema: unknown = request.routeOptions.schema
  if (typeof schema === 'object' && schema !== null && 'operationId' in schema) {
    const id: unknown = schema.operationId
    if (typeof id === 'string') return id
  }
  return 'unknown'
}

const auditRoutes: FastifyPluginAsyncTypebox<{ deps: AuditDeps }> = async (app, { deps }) => {
  app.get(
    '/admin/audit',
    {
      schema: {
        tags: ['admin'],
        operationId: 'listAudit',
        summary: 'Journal des appels faits avec une clé d’API',
        description:
          'Clé `admin` seulement. Chaque lecture du quotient familial et chaque appel d’administration : clé ' +
          '(identifiant public), périmètre, opération, collectivité, résultat, date. Aucune donnée personnelle. ' +
          'Conservé `AUDIT_RETENTION_DAYS` jours. Les plus récents d’abord.',
        querystring: Type.Object({
          key: Type.Optional(
            Type.String({ pattern: '^[a-z0-9]{8,16}$', description: 'Identifiant de la clé.' }),
          ),
          siret: Type.Optional(Siret),
          operation: Type.Optional(Type.String({ pattern: '^[A-Za-z]{1,64}$' })),
          since: Type.Optional(Type.String({ format: 'date-time' })),
          until: Type.Optional(Type.String({ format: 'date-time' })),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
        }),
        response: {
          200: Type.Ref(AuditList),
          401: problemResponse('Clé d’API absente, inconnue ou révoquée (problem+json).'),
          403: problemResponse('Réservé aux clés `admin` (problem+json, `urn:qf:problem:forbidden`).'),
          422: problemResponse('Filtres invalides (problem+json, `urn:qf:problem:validation`).'),
          429: problemResponse('Trop de requêtes (problem+json).'),
        },
      },
    },
    async (request) => {
      if (request.apiKeyScope?.kind !== 'admin')
        throw new AppError('forbidden', { detail: 'Le journal des appels est réservé aux clés `admin`.' })
      const q = request.query
      return {
        items: await listAudit(deps.db, {
          keyId: q.key,
          collectivity: q.siret,
          operation: q.operation,
          since: q.since === undefined ? undefined : new Date(q.since),
          until: q.until === undefined ? undefined : new Date(q.until),
          limit: q.limit,
        }),
      }
    },
  )
}

/**
 * The audit trail of the API-key scope (M2 of issue 21): every call a key makes (QF lookups, admin
 * reads and writes, refused or not) is recorded before its answer leaves (`onSend`) — key id,
 * scope, operation, collectivity, outcome, time, never a body — and counted per key in
 * `api_key_requests_total`. Registered at the top of that scope, it also serves `GET /admin/audit`.
 */
export const auditPlugin = fp<{ deps: AuditDeps }>(
  async (app, { deps }) => {
    // Key ids are public (`qf_<id>_…`, listed by the CLI); key values never reach a label.
    const counter = new Counter({
      name: 'api_key_requests_total',
      help: 'Calls made with an API key, by key id (public), operation and outcome',
      labelNames: ['key_id', 'operation', 'outcome'],
      registers: app.hasDecorator('metrics') ? [app.metrics] : [],
    })
    const pending = new WeakMap<FastifyRequest, number>()
    const entryOf = (
      request: FastifyRequest,
      keyId: string,
      scope: NonNullable<FastifyRequest['apiKeyScope']>,
    ) => ({
      at: deps.clock.now(),
      keyId,
      scope: scope.kind === 'admin' ? 'admin' : `editor:${scope.siret}`,
      operation: operationOf(request),
      collectivity: collectivityOf(request),
    })
    // A write (anything but GET/HEAD) that passed validation is recorded `pending` before its handler
    // runs: no write happens without its trace (the insert failing refuses the call, 503).
    app.addHook('preHandler', async (request: FastifyRequest) => {
      const keyId = request.apiKeyId
      const scope = request.apiKeyScope
      if (!keyId || !scope || request.method === 'GET' || request.method === 'HEAD') return
      try {
        pending.set(
          request,
          await recordAudit(deps.db, {
            ...entryOf(request, keyId, scope),
            outcome: 'pending',
            statusCode: null,
          }),
        )
      } catch (cause) {
        throw new AppError('unavailable', {
          detail:
            'Le journal des appels est indisponible : l’écriture n’a pas été faite. Réessayez plus tard.',
          cause,
        })
      }
    })
    app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const keyId = request.apiKeyId
      const scope = request.apiKeyScope
      if (!keyId || !scope) return payload
      const operation = operationOf(request)
      const outcome = outcomeOf(reply.statusCode)
      counter.inc({ key_id: keyId, operation, outcome })
      try {
        const id = pending.get(request)
        if (id === undefined)
          await recordAudit(deps.db, {
            ...entryOf(request, keyId, scope),
            outcome,
            statusCode: reply.statusCode,
          })
        else await completeAudit(deps.db, id, { outcome, statusCode: reply.statusCode })
      } catch (err) {
        request.log.error({ err, keyId, operation }, 'audit record not written')
      }
      return payload
    })
    await app.register(auditRoutes, { deps })
  },
  { name: 'api-audit' },
)
