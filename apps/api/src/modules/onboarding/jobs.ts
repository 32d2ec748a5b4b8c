import type { FastifyBaseLogger } from 'fastify'
import { defineJob, type JobQueue } from '../../ports/job-queue.js'
import { type OnboardingDeps, type OnboardingOutcome, retryOnboarding } from './onboard-collectivity.js'

export const RETRY_ONBOARDING_JOB = 'retry-onboarding'

/** After this many runs, a transient failure is left `waiting_retry` for ops (CLI / admin API retry). */
export const maxOnboardingAttempts = 12

/** Seconds before the next run: `retryAfterSeconds` when the outside system said, else 1 min × 2^(n−1), at most 6 h. */
export function onboardingRetryDelay(attempts: number, retryAfterSeconds: number | null): number {
  const backoff = Math.min(60 * 2 ** Math.max(0, attempts - 1), 6 * 3600)
  return Math.max(retryAfterSeconds ?? 0, backoff)
}

/**
 * Enqueues the next run of a `waiting_retry` onboarding (none after `maxOnboardingAttempts` runs).
 * Returns the delay, or `null` when no run was scheduled.
 */
export async function scheduleOnboardingRetry(
  deps: Pick<OnboardingDeps, 'store'> & { jobQueue: JobQueue },
  outcome: OnboardingOutcome,
): Promise<number | null> {
  if (outcome.state !== 'waiting_retry') return null
  const record = await deps.store.find(outcome.datapassId)
  const attempts = record?.attempts ?? 1
  if (attempts >= maxOnboardingAttempts) return null
  const delay = onboardingRetryDelay(attempts, outcome.retryAfterSeconds)
  await deps.jobQueue.send(RETRY_ONBOARDING_JOB, { datapassId: outcome.datapassId }, { startAfter: delay })
  return delay
}

/** The onboarding's background job, as data: one more run of a `waiting_retry` onboarding. */
export const onboardingJobs = (
  deps: OnboardingDeps & { jobQueue: JobQueue },
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>,
) => [
  defineJob<{ datapassId: number }>({
    name: RETRY_ONBOARDING_JOB,
    // An unexpected error (database, crash) is retried by pg-boss with backoff; the outside systems'
    // failures are recorded by the run and rescheduled here with their own delay.
    retry: { limit: 5, delay: 30, backoff: true },
    expireIn: 5 * 60,
    async handler({ datapassId }) {
      const outcome = await retryOnboarding(deps, datapassId)
      if (!outcome) return
      if (outcome.state === 'waiting_retry') {
        const delay = await scheduleOnboardingRetry(deps, outcome)
        if (delay === null)
          log.warn({ datapassId, code: outcome.code }, 'onboarding still failing: left to ops')
        else log.info({ datapassId, code: outcome.code, delay }, 'onboarding retry scheduled')
      } else log.info({ datapassId, state: outcome.state }, 'onboarding retried')
    },
  }),
]
