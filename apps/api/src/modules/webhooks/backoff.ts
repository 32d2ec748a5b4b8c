/** The longest wait between two attempts, whatever the backoff reached. */
export const maxRetryDelaySeconds = 6 * 3600

/**
 * When to try again after the `attempt`-th failed attempt (1-based), or null when the horizon is
 * reached: `delay × 2^(attempt-1)` seconds (at most 6 h), plus up to 20 % jitter, never past
 * `createdAt + horizon` (one last attempt lands on the horizon itself).
 */
export function nextAttemptAt(
  { createdAt, attempt, failedAt }: { createdAt: Date; attempt: number; failedAt: Date },
  { retryDelaySeconds, horizonSeconds }: { retryDelaySeconds: number; horizonSeconds: number },
  random: () => number = Math.random,
): Date | null {
  const deadline = createdAt.getTime() + horizonSeconds * 1000
  if (failedAt.getTime() >= deadline) return null
  const base = Math.min(retryDelaySeconds * 2 ** Math.min(attempt - 1, 30), maxRetryDelaySeconds)
  const wait = base * (1 + 0.2 * random())
  return new Date(Math.min(failedAt.getTime() + wait * 1000, deadline))
}
