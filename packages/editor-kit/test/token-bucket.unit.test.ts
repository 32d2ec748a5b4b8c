import { describe, expect, it } from 'vitest'
import { type Clock, TokenBucket } from '../src/refresh/token-bucket.js'

/** A clock that only moves when someone sleeps on it: deterministic, no real time. */
function fakeClock(): Clock & { log: number[] } {
  let t = 1_000_000
  const log: number[] = []
  return {
    log,
    now: () => t,
    sleep: async (ms) => {
      t += ms
    },
  }
}

describe('TokenBucket', () => {
  it('never lets more than the rate through in any one-second window', async () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(20, 1, clock)
    const times: number[] = []
    for (let i = 0; i < 100; i++) {
      await bucket.take()
      times.push(clock.now())
    }
    for (let i = 0; i < times.length; i++) {
      const start = times[i] ?? 0
      const inWindow = times.filter((x) => x >= start && x < start + 1000).length
      expect(inWindow).toBeLessThanOrEqual(20)
    }
    // And it does reach the rate: 100 requests in about 5 seconds.
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeLessThanOrEqual(5000)
  })

  it('a burst capacity lets that many through at once', async () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(20, 5, clock)
    const start = clock.now()
    for (let i = 0; i < 5; i++) await bucket.take()
    expect(clock.now()).toBe(start)
    await bucket.take()
    expect(clock.now()).toBeGreaterThan(start)
  })

  it('pauseUntil holds every taker (Retry-After)', async () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(20, 1, clock)
    await bucket.take()
    bucket.pauseUntil(clock.now() + 3000)
    const before = clock.now()
    await bucket.take()
    expect(clock.now() - before).toBeGreaterThanOrEqual(3000)
  })

  it('serves concurrent takers in order', async () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(10, 1, clock)
    const order: number[] = []
    await Promise.all([0, 1, 2, 3].map((i) => bucket.take().then(() => order.push(i))))
    expect(order).toEqual([0, 1, 2, 3])
  })
})
