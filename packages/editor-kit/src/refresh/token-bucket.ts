export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

/**
 * A token bucket: `ratePerSecond` tokens a second, at most `capacity` saved up. With the default
 * capacity of 1 the requests are spaced by 1/rate, so no one-second window (fixed or sliding) sees
 * more than `ratePerSecond` of them. `pauseUntil` holds every taker (a 429's `Retry-After`).
 */
export class TokenBucket {
  private tokens: number
  private updatedAt: number
  private pausedUntil = 0
  private queue: Promise<void> = Promise.resolve()

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity = 1,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError('ratePerSecond must be > 0')
    if (!(capacity >= 1)) throw new RangeError('capacity must be ≥ 1')
    this.tokens = capacity
    this.updatedAt = clock.now()
  }

  private refill(): void {
    const now = this.clock.now()
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond)
    this.updatedAt = now
  }

  /** Waits for a token; takers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.takeNow())
    this.queue = turn.catch(() => undefined)
    return turn
  }

  private async takeNow(): Promise<void> {
    for (;;) {
      const now = this.clock.now()
      if (now < this.pausedUntil) {
        await this.clock.sleep(this.pausedUntil - now)
        continue
      }
      this.refill()
      if (this.tokens >= 1) {
        this.tokens -= 1
        return
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000))
    }
  }

  /** No token before `until` (ms); the bucket restarts empty then. */
  pauseUntil(until: number): void {
    if (until <= this.pausedUntil) return
    this.pausedUntil = until
    this.tokens = 0
    this.updatedAt = until
  }
}
