import type { FastifyBaseLogger } from 'fastify'
import { defineJob } from '../../ports/job-queue.js'
import type { JourneyDeps } from './deps.js'
import { sessionRepository } from './repository.js'

export const PURGE_SESSIONS_JOB = 'purge-expired-sessions'

/** Deletes every session idle past its expiry, with the personal data it held; returns how many. */
export async function purgeExpiredSessions(deps: Pick<JourneyDeps, 'db' | 'box' | 'clock'>): Promise<number> {
  return sessionRepository(deps.db, deps.box).deleteExpired(deps.clock.now())
}

/** The journey's background jobs, as data (registered and stopped by the jobs plugin). */
export const journeyJobs = (
  deps: Pick<JourneyDeps, 'db' | 'box' | 'clock'>,
  log: Pick<FastifyBaseLogger, 'info'>,
) => [
  defineJob({
    name: PURGE_SESSIONS_JOB,
    schedule: '*/5 * * * *',
    // The next tick does the same work: no retry, and an attempt never outlives its tick.
    retry: { limit: 0, delay: 0, backoff: false },
    expireIn: 4 * 60,
    async handler() {
      const deleted = await purgeExpiredSessions(deps)
      if (deleted) log.info({ deleted }, 'expired journey sessions purged')
    },
  }),
]
