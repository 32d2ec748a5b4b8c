import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify'
import fp from 'fastify-plugin'
import type { Problem } from '@qf/contracts'
import { isDatabaseUnavailable } from '../db/connection.js'
import { AppError, errorCatalog, type ErrorKey } from '../errors/catalog.js'
import { toInvalidParams } from '../errors/validation.js'

const PROBLEM_JSON = 'application/problem+json; charset=utf-8'
/** What a 503 for a database outage tells clients to wait (a Postgres restart or failover takes seconds). */
const DATABASE_RETRY_AFTER_SECONDS = 5

function problem(key: ErrorKey, instance: string, extra: Partial<Problem> = {}): Problem {
  const entry = errorCatalog[key]
  return { type: entry.type, title: entry.title, status: entry.status, instance, ...extra }
}

function send(reply: FastifyReply, request: FastifyRequest, key: ErrorKey, extra: Partial<Problem> = {}) {
  const body = problem(key, request.id, extra)
  return reply.status(body.status).type(PROBLEM_JSON).serializer(JSON.stringify).send(body)
}

/**
 * Errors Fastify's router raises before any route or hook (Fastify's `frameworkErrors` option): a
 * path that is not valid percent-encoded UTF-8, a path parameter longer than the router allows.
 */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (
  error,
  request,
  reply,
) => {
  // No hook runs on these replies: the headers every answer carries are set here.
  void reply.headers({
    'x-request-id': request.id,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  if (error.code === 'FST_ERR_BAD_URL')
    return send(reply, request, 'badUrl', {
      detail: 'L’adresse demandée n’est pas correctement encodée (UTF-8, encodage-pourcent).',
    })
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return send(reply, request, 'uriTooLong', { detail: 'Un paramètre de l’adresse est trop long.' })
  return send(reply, request, 'badRequest')
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (Fastify's `clientErrorHandler`):
 * oversized headers or request line (431), a request that is not HTTP (400), a request too slow to
 * arrive (408). Answered on the raw socket, as problem+json, and the connection closed.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Duplex) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const key: ErrorKey =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'headersTooLarge'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'requestTimeout'
        : 'badRequest'
  const body = JSON.stringify(problem(key, randomUUID()))
  this.log.debug({ err: error, problem: key }, 'client error')
  if (!socket.writable) return void socket.destroy()
  const status = errorCatalog[key].status
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      `Content-Type: ${PROBLEM_JSON}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  )
}

/** Maps framework errors (by their code) to catalog entries. */
function keyForFrameworkError(error: FastifyError): ErrorKey | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupportedMediaType'
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'payloadTooLarge'
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'invalidBody'
  }
  if (error.statusCode === 429) return 'tooManyRequests'
  if (error instanceof SyntaxError || error.statusCode === 400) return 'invalidBody'
  if (error.statusCode === 404) return 'notFound'
  if (error.statusCode === 405) return 'methodNotAllowed'
  if (error.statusCode === 413) return 'payloadTooLarge'
  if (error.statusCode === 415) return 'unsupportedMediaType'
  return undefined
}

/** At most this many `errors` in one problem: 20,000 bad import rows must not make a 5 MB answer. */
export const maxInvalidParams = 100
const capped = <T>(errors: readonly T[]): T[] => errors.slice(0, maxInvalidParams)

/**
 * The one error handler: every error leaves as problem+json (RFC 9457). 4xx say what is wrong;
 * 5xx are logged with their cause and answered with a masked detail.
 */
export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setNotFoundHandler((request, reply) =>
      send(reply, request, 'notFound', {
        detail: `Aucune ressource ne correspond à ${request.method} ${request.url.split('?')[0]}.`,
      }),
    )

    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof AppError) {
        if (error.status >= 500) request.log.error({ err: error.cause ?? error }, 'request failed')
        if (error.headers) void reply.headers(error.headers)
        return send(reply, request, error.key, {
          ...(error.detail ? { detail: error.detail } : {}),
          ...(error.code ? { code: error.code } : {}),
          ...(error.errors ? { errors: capped(error.errors) } : {}),
        })
      }
      if (error.validation) {
        const errors = toInvalidParams(error.validation, error.validationContext ?? '')
        return send(reply, request, 'validation', {
          detail:
            errors.length > maxInvalidParams
              ? `Certaines valeurs envoyées ne sont pas valides (${errors.length} erreurs, les ${maxInvalidParams} premières listées).`
              : 'Certaines valeurs envoyées ne sont pas valides.',
          errors: capped(errors),
        })
      }
      const key = keyForFrameworkError(error)
      if (key && errorCatalog[key].status < 500) {
        return send(
          reply,
          request,
          key,
          key === 'tooManyRequests' ? { detail: 'Veuillez réessayer dans quelques instants.' } : {},
        )
      }
      if (isDatabaseUnavailable(error)) {
        // Postgres restarting, failing over or out of connections: the citizen retries, support need not hear of it.
        request.log.warn(
          { err: { name: error.name, code: error.code, message: error.message } },
          'database unavailable',
        )
        void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
        return send(reply, request, 'unavailable', {
          detail: 'Le service est momentanément indisponible. Veuillez réessayer dans quelques instants.',
        })
      }
      request.log.error({ err: error }, 'unhandled error')
      return send(reply, request, 'internal', {
        detail: 'Une erreur inattendue est survenue. Communiquez l’identifiant de la requête au support.',
      })
    })
  },
  { name: 'errors' },
)
