import cookie from '@fastify/cookie'
import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from './config/load.js'
import { collectivitiesModule } from './modules/collectivities/index.js'
import { healthRoutes } from './modules/health/routes.js'
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
}

/**
 * The application, as a Fastify plugin: external plugins, then app plugins, then routes.
 * `server.ts` (the thin shell) and the tests both mount it through `buildServer`.
 */
const appPlugin: FastifyPluginAsync<AppOptions> = async (fastify, { config, databaseUrl, backgroundJobs = true }) => {
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
  await fastify.register(collectivitiesModule, { prefix: '/api/v1', seedDemo: config.demo.seed })
}

/** Not encapsulated: the shell (and tests) see the app's decorators, error handler and hooks. */
export const app = fp(appPlugin, { name: 'formulaire-qf' })
