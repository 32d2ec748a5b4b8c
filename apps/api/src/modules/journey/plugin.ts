import type { FastifyPluginAsync } from 'fastify'
import { deleteExpiredSessions } from './repository.js'
import { journeyRoutes } from './routes.js'
import type { JourneyService } from './service.js'
import type { Clock } from '../../ports/clock.js'

export interface JourneyModuleOptions {
  service: JourneyService
  clock: Clock
  secureCookies: boolean
  backgroundJobs: boolean
}

export const PURGE_SESSIONS_QUEUE = 'purge-expired-sessions'

/** The journey: routes, and the job deleting idle sessions (and their personal data) every 5 minutes. */
export const journeyModule: FastifyPluginAsync<JourneyModuleOptions> = async (app, opts) => {
  await app.register(journeyRoutes, { service: opts.service, secureCookies: opts.secureCookies })
  if (!opts.backgroundJobs) return
  app.addHook('onReady', async () => {
    await app.jobs.createQueue(PURGE_SESSIONS_QUEUE)
    await app.jobs.schedule(PURGE_SESSIONS_QUEUE, '*/5 * * * *')
    await app.jobs.work(PURGE_SESSIONS_QUEUE, async () => {
      const deleted = await deleteExpiredSessions(app.db, opts.clock.now())
      if (deleted) app.log.info({ deleted }, 'expired journey sessions purged')
    })
  })
}
