import type { FastifyBaseLogger } from 'fastify'
import { defineJob } from '../../ports/job-queue.js'
import { markExpiringTokens } from '../collectivities/index.js'
import { renewalHorizon, type RegistryDeps } from './collectivity-admin.js'

export const MARK_EXPIRING_TOKENS_JOB = 'mark-expiring-api-particulier-tokens'

/**
 * Marks the collectivities whose API Particulier token expires within 90 days (or has expired), and
 * unmarks those renewed since (only the collectivity `siret` when given: the health check's repair).
 * Returns how many are marked.
 */
export async function markExpiringApiParticulierTokens(
  deps: Pick<RegistryDeps, 'db' | 'clock'>,
  siret?: string,
): Promise<number> {
  const now = deps.clock.now()
  return markExpiringTokens(deps.db, now, renewalHorizon(now), siret)
}

/** The registry's background jobs, as data: the daily renewal marks (03:15 UTC). */
export const registryJobs = (
  deps: Pick<RegistryDeps, 'db' | 'clock'>,
  log: Pick<FastifyBaseLogger, 'info'>,
) => [
  defineJob({
    name: MARK_EXPIRING_TOKENS_JOB,
    schedule: '15 3 * * *',
    retry: { limit: 3, delay: 300, backoff: true },
    expireIn: 10 * 60,
    async handler() {
      const marked = await markExpiringApiParticulierTokens(deps)
      log.info({ marked }, 'API Particulier tokens expiring within 90 days marked')
    },
  }),
]
