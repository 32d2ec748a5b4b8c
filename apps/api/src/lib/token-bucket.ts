/**
 * Token buckets, one per key (e.g. per API Particulier token): `ratePerSecond` requests a second on
 * average, bursts up to `ratePerSecond`. In process: each API instance keeps its own buckets, so with
 * N instances set the rate to 20 / N (API Particulier bans an IP that ignores its 429s for 12 h).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(
    private readonly ratePerSecond: number,
    private readonly nowMs: () => number,
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError('ratePerSecond must be positive')
  }

  /** Takes one token for `key`: `ok`, or how many seconds until one is available. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.nowMs()
    const bucket = this.buckets.get(key) ?? { tokens: this.ratePerSecond, at: now }
    const refilled = Math.min(
      this.ratePerSecond,
      bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * this.ratePerSecond,
    )
    if (refilled >= 1) {
      this.buckets.set(key, { tokens: refilled - 1, at: now })
      if (this.buckets.size > 50_000) this.prune(now)
      return { ok: true }
    }
    this.buckets.set(key, { tokens: refilled, at: now })
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - refilled) / this.ratePerSecond)) }
  }

  private prune(now: number) {
    for (const [key, b] of this.buckets) if (now - b.at > 60_000) this.buckets.delete(key)
  }
}
