/** The retry job's name and schedule (shared by the jobs and the store that enqueues them). */
export const RETRY_ONBOARDING_JOB = 'retry-onboarding'

/** After this many runs, a transient failure is left `waiting_retry` for ops (CLI / admin API retry). */
export const maxOnboardingAttempts = 12

/** Seconds before the next run: `retryAfterSeconds` when the outside system said, else 1 min × 2^(n−1), at most 6 h. */
export function onboardingRetryDelay(attempts: number, retryAfterSeconds: number | null): number {
  const backoff = Math.min(60 * 2 ** Math.max(0, attempts - 1), 6 * 3600)
  return Math.max(retryAfterSeconds ?? 0, backoff)
}
