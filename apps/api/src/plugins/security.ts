import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config/load.js'
import { AppError } from '../errors/catalog.js'

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** Longer URLs are refused (414): no route of this API needs more. */
export const MAX_URL_LENGTH = 4096
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/** True when every `&`-separated part of the query string is valid percent-encoded UTF-8. */
function wellEncodedQuery(url: string): boolean {
  const start = url.indexOf('?')
  if (start < 0) return true
  try {
    for (const part of url.slice(start + 1).split('&')) decodeURIComponent(part.replace(/\+/g, ' '))
    return true
  } catch {
    return false
  }
}

/**
 * Security headers, CORS for the configured origins only, per-IP rate limiting, and the refusal of
 * cross-site state-changing requests (a browser always sends `Origin` on them).
 */
export const securityPlugin = fp(
  async (app: FastifyInstance, opts: { config: Config }) => {
    const { http } = opts.config
    const allowedOrigins = new Set([...http.corsOrigins, new URL(http.publicUrl).origin])

    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
        },
      },
      crossOriginResourcePolicy: { policy: 'same-site' },
      // HSTS whenever the API is served over https, whatever NODE_ENV says.
      hsts: new URL(http.publicUrl).protocol === 'https:',
    })

    // Every /api/ answer carries or may carry personal data or a credential (identity, QF, session
    // token, id_token, a login code in a redirect): never stored by a browser or a proxy, unless a
    // route sets its own Cache-Control on purpose.
    app.addHook('onSend', async (request, reply) => {
      if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
        void reply.header('cache-control', 'no-store')
    })

    await app.register(cors, {
      origin: (origin, cb) => cb(null, origin !== undefined && http.corsOrigins.includes(origin)),
      credentials: true,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    })

    await app.register(rateLimit, {
      max: http.rateLimit.max,
      timeWindow: http.rateLimit.windowMs,
      errorResponseBuilder: (_req, ctx) =>
        new AppError('tooManyRequests', {
          detail: `Trop de requêtes : réessayez dans ${Math.ceil(ctx.ttl / 1000)} secondes.`,
        }),
    })

    // Malformed input is refused before any route sees it: an over-long URL (414), a query string that
    // is not percent-encoded UTF-8 (Fastify would pass `%E0%A4%A` or `%ED%A0%80` through verbatim), a
    // JSON body that is not UTF-8 (it would be decoded with U+FFFD in place of the bad bytes).
    app.addHook('onRequest', async (request) => {
      if (request.url.length > MAX_URL_LENGTH)
        throw new AppError('uriTooLong', {
          detail: `L’adresse demandée dépasse ${MAX_URL_LENGTH} caractères.`,
        })
      if (!wellEncodedQuery(request.url))
        throw new AppError('badUrl', {
          detail: 'Les paramètres de l’adresse ne sont pas correctement encodés (UTF-8, encodage-pourcent).',
        })
    })
    app.removeContentTypeParser('application/json')
    const parseJson = app.getDefaultJsonParser('error', 'error')
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
      let text: string
      try {
        text = strictUtf8.decode(body as Buffer)
      } catch {
        done(new AppError('invalidBody', { detail: 'Le corps de la requête n’est pas de l’UTF-8 valide.' }))
        return
      }
      parseJson(request, text, done)
    })

    app.addHook('onRequest', async (request) => {
      if (!unsafeMethods.has(request.method)) return
      const origin = request.headers.origin
      const site = request.headers['sec-fetch-site']
      if (origin !== undefined ? !allowedOrigins.has(origin) : site === 'cross-site') {
        throw new AppError('forbiddenOrigin', {
          detail: 'Cette requête provient d’un site qui n’est pas autorisé à agir sur ce service.',
        })
      }
    })
  },
  { name: 'security' },
)
