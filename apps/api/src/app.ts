import cookie from '@fastify/cookie'
import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from './config/load.js'
import { collectivitiesModule } from './modules/collectivities/index.js'
import { healthRoutes } from './modules/health/routes.js'
import { journeyModule, JourneyService } from './modules/journey/index.js'
import { HttpApiParticulier } from './adapters/api-particulier/http-api-particulier.js'
import { OpenIdClientFranceConnect, qfScopes } from './adapters/franceconnect/openid-client-franceconnect.js'
import { SealedBox } from './lib/sealed-box.js'
import { systemClock, type Clock } from './ports/clock.js'
import type { IdentityProvider } from './ports/identity-provider.js'
import type { QuotientFamilialProvider } from './ports/quotient-familial-provider.js'
import { dbPlugin } from './plugins/db.js'
import { errorsPlugin } from './plugins/errors.js'
import { jobSchema, jobsPlugin } from './plugins/jobs.js'
import { metricsPlugin } from './plugins/metrics.js'
import { openapiPlugin } from './plugins/openapi.js'
import { securityPlugin } from './plugins/security.js'

export interface AppOptions {
  config: Config
  /** The resolved database URL (the configured one, or the embedded server's). */
  databaseUrl: string
  /** Start the job queue's workers and schedules with the app (default true; false for tooling). */
  backgroundJobs?: boolean
  /** Adapters to use instead of the ones the configuration names (fakes, a driven clock). */
  ports?: Partial<Ports>
}

export interface Ports {
  identityProvider: IdentityProvider
  quotientFamilial: QuotientFamilialProvider
  clock: Clock
}

/** The real adapters, wired from the configuration (the sandbox is just another URL). */
function portsFromConfig(config: Config): Ports {
  return {
    identityProvider: new OpenIdClientFranceConnect({ ...config.franceconnect, scope: qfScopes }),
    quotientFamilial: new HttpApiParticulier({
      baseUrl: config.apiParticulier.url,
      timeoutMs: config.apiParticulier.timeoutMs,
      userAgent: 'formulaire-qf',
    }),
    clock: systemClock,
  }
}

/**
 * The application, as a Fastify plugin: external plugins, then app plugins, then routes.
 * `server.ts` (the thin shell) and the tests both mount it through `buildServer`.
 */
const appPlugin: FastifyPluginAsync<AppOptions> = async (
  fastify,
  { config, databaseUrl, backgroundJobs = true, ports: overrides },
) => {
  const ports = { ...portsFromConfig(config), ...overrides }
  // external plugins
  await fastify.register(cookie, { secret: config.security.cookieSecret })
  await fastify.register(securityPlugin, { config })
  await fastify.register(openapiPlugin, { publicUrl: config.http.publicUrl })

  // app plugins
  await fastify.register(errorsPlugin)
  await fastify.register(dbPlugin, { connectionString: databaseUrl, poolMax: config.database.poolMax })
  await fastify.register(jobsPlugin, {
    connectionString: databaseUrl,
    graceMs: config.http.shutdownGraceMs,
    start: backgroundJobs,
  })
  await fastify.register(metricsPlugin, { db: fastify.db, jobSchema })

  // routes
  await fastify.register(healthRoutes)
  await fastify.register(collectivitiesModule, {
    prefix: '/api/v1',
    seedDemo: config.demo.seed,
    qrCode: { webUrl: config.http.webUrl, allowLocalHttp: config.env !== 'production' },
  })
  const journey = new JourneyService({
    db: fastify.db,
    box: new SealedBox(config.security.sessionEncryptionKey),
    clock: ports.clock,
    identityProvider: ports.identityProvider,
    quotientFamilial: ports.quotientFamilial,
    config,
  })
  await fastify.register(journeyModule, {
    prefix: '/api/v1',
    service: journey,
    clock: ports.clock,
    secureCookies: new URL(config.http.publicUrl).protocol === 'https:',
    backgroundJobs,
  })
}

/** Not encapsulated: the shell (and tests) see the app's decorators, error handler and hooks. */
export const app = fp(appPlugin, { name: 'formulaire-qf' })
