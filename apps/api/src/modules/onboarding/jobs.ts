import type { FastifyBaseLogger } from 'fastify'
import { defineJob, type JobQueue } from '../../ports/job-queue.js'
import { maxOnboardingAttempts, onboardingRetryDelay, RETRY_ONBOARDING_JOB } from './job-names.js'
import { type OnboardingDeps, retryOnboarding } from './onboard-collectivity.js'

export { maxOnboardingAttempts, onboardingRetryDelay, RETRY_ONBOARDING_JOB }

/** The onboarding's background job, as data: one more run of a `waiting_retry` onboarding. */
export const onboardingJobs = (
  deps: OnboardingDeps & { jobQueue: JobQueue },
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>,
) => [
  defineJob<{ datapassId: number }>({
    name: RETRY_ONBOARDING_JOB,
    // An unexpected error (database, crash) is retried by pg-boss with backoff; the outside systems'
    // failures are recorded by the run, and the store enqueues the next run in that same transaction.
    retry: { limit: 5, delay: 30, backoff: true },
    expireIn: 5 * 60,
    async handler({ datapassId }) {
      const outcome = await retryOnboarding(deps, datapassId)
      if (!outcome) return
      if (outcome.state === 'waiting_retry') {
        const attempts = (await deps.store.find(datapassId))?.attempts ?? maxOnboardingAttempts
        if (attempts >= maxOnboardingAttempts)
          log.warn({ datapassId, code: outcome.code }, 'onboarding still failing: left to ops')
        else
          log.info(
            {
              datapassId,
              code: outcome.code,
              delay: onboardingRetryDelay(attempts, outcome.retryAfterSeconds),
            },
            'onboarding retry scheduled',
          )
      } else log.info({ datapassId, state: outcome.state }, 'onboarding retried')
    },
  }),
]
