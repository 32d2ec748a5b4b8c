import { describe, expect, it } from 'vitest'
import { TokenBuckets } from '../src/lib/token-bucket.js'

describe('TokenBuckets', () => {
  it('allows a burst of `rate`, then refills at `rate` per second, one bucket per key', () => {
    let now = 1_000_000
    const buckets = new TokenBuckets(20, () => now)
    for (let i = 0; i < 20; i++) expect(buckets.take('a')).toEqual({ ok: true })
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 })
    expect(buckets.take('b')).toEqual({ ok: true })
    now += 50 // one token per 50 ms
    expect(buckets.take('a')).toEqual({ ok: true })
    expect(buckets.take('a').ok).toBe(false)
    now += 10_000
    for (let i = 0; i < 20; i++) expect(buckets.take('a').ok).toBe(true)
    expect(buckets.take('a').ok).toBe(false)
  })

  it('says how long to wait at a low rate', () => {
    let now = 0
    const buckets = new TokenBuckets(1, () => now)
    expect(buckets.take('k').ok).toBe(true)
    expect(buckets.take('k')).toEqual({ ok: false, retryAfterSeconds: 1 })
    now += 999
    expect(buckets.take('k').ok).toBe(false)
    now += 1
    expect(buckets.take('k').ok).toBe(true)
    expect(() => new TokenBuckets(0, () => 0)).toThrow(RangeError)
  })
})
