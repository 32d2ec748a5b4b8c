import type { FastifyPluginAsync } from 'fastify'
import type { SubmissionsDeps } from './deps.js'
import { submissionsRoutes } from './routes.js'

export interface SubmissionsModuleOptions {
  deps: SubmissionsDeps
}

/** The submission of a journey and its public trace. Mounted under `/api/v1`, after the authentication plugin. */
export const submissionsModule: FastifyPluginAsync<SubmissionsModuleOptions> = async (app, { deps }) => {
  await app.register(submissionsRoutes, { deps })
}
