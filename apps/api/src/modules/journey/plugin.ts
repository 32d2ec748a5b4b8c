import type { FastifyPluginAsync } from 'fastify'
import type { JourneyDeps } from './deps.js'
import { journeyRoutes } from './routes.js'

export interface JourneyModuleOptions {
  deps: JourneyDeps
}

/** The journey: a session per landing, the FranceConnect login with the QF read, logout. Mounted under `/api/v1`. */
export const journeyModule: FastifyPluginAsync<JourneyModuleOptions> = async (app, { deps }) => {
  await app.register(journeyRoutes, {
    deps,
    secureCookies: new URL(deps.urls.apiBase).protocol === 'https:',
  })
}
