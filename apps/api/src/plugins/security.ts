import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config/load.js'
import { AppError } from '../errors/catalog.js'

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

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
      hsts: opts.config.env === 'production',
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
