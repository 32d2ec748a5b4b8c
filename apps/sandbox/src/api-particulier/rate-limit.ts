/** API Particulier's limit: 20 requests per second and per token (fixed one-second windows). */
export const requestsPerSecond = 20

export interface RateLimitState {
  limited: boolean
  headers: Record<string, string>
}

export class RateLimiter {
  private readonly windows = new Map<string, { second: number; count: number }>()
  constructor(
    private readonly limit = requestsPerSecond,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request for `key`; the headers go on every answer, `Retry-After` only when limited. */
  hit(key: string): RateLimitState {
    const second = Math.floor(this.now() / 1000)
    let w = this.windows.get(key)
    if (!w || w.second !== second) {
      w = { second, count: 0 }
      this.windows.set(key, w)
      if (this.windows.size > 10_000) this.prune(second)
    }
    w.count++
    const limited = w.count > this.limit
    const headers: Record<string, string> = {
      'RateLimit-Limit': String(this.limit),
      'RateLimit-Remaining': String(Math.max(0, this.limit - w.count)),
      'RateLimit-Reset': String(second + 1),
    }
    if (limited) headers['Retry-After'] = '1'
    return { limited, headers }
  }

  private prune(second: number) {
    for (const [k, w] of this.windows) if (w.second !== second) this.windows.delete(k)
  }
}
