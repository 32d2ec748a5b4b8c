import { describe, expect, it } from 'vitest'
import { maxRetryDelaySeconds, nextAttemptAt, webhookUrlRefusal } from '../src/modules/webhooks/index.js'

describe('webhook URL policy', () => {
  it('outside production: https anywhere, plain http on a loopback host only', () => {
    const dev = { production: false }
    for (const ok of [
      'https://hooks.example/qf',
      'http://localhost:8787/webhooks/formulaire-qf',
      'http://127.0.0.1:9/x',
      'http://[::1]:9/x',
    ])
      expect(webhookUrlRefusal(ok, dev), ok).toBeUndefined()
    for (const bad of [
      'http://hooks.example/qf',
      'http://10.0.0.2/x',
      'ftp://hooks.example/',
      'not a url',
      'https://a:b@hooks.example/',
      'https://hooks.example/#f',
    ])
      expect(webhookUrlRefusal(bad, dev), bad).toBeTypeOf('string')
  })

  it('production: https only, no loopback, private, shared or link-local host', () => {
    const prod = { production: true }
    expect(webhookUrlRefusal('https://hooks.example/qf', prod)).toBeUndefined()
    for (const bad of [
      'http://hooks.example/qf',
      'https://localhost/x',
      'https://app.localhost/x',
      'https://127.0.0.1/x',
      'https://10.1.2.3/x',
      'https://172.16.0.1/x',
      'https://192.168.1.1/x',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/x',
      'https://[::1]/x',
      'https://[fd00::1]/x',
      'https://[::ffff:127.0.0.1]/x',
    ])
      expect(webhookUrlRefusal(bad, prod), bad).toBeTypeOf('string')
    expect(webhookUrlRefusal(`https://hooks.example/${'a'.repeat(2100)}`, prod)).toBeTypeOf('string')
  })
})

describe('webhook backoff', () => {
  const settings = { retryDelaySeconds: 30, horizonSeconds: 86_400 }
  const createdAt = new Date('2026-12-01T10:00:00Z')
  const at = (s: number) => new Date(createdAt.getTime() + s * 1000)

  it('doubles the wait at each failure (with at most 20 % jitter), capped at 6 h', () => {
    const noJitter = () => 0
    expect(nextAttemptAt({ createdAt, attempt: 1, failedAt: at(0) }, settings, noJitter)).toEqual(at(30))
    expect(nextAttemptAt({ createdAt, attempt: 2, failedAt: at(30) }, settings, noJitter)).toEqual(at(90))
    expect(nextAttemptAt({ createdAt, attempt: 3, failedAt: at(90) }, settings, noJitter)).toEqual(at(210))
    expect(nextAttemptAt({ createdAt, attempt: 20, failedAt: at(1000) }, settings, noJitter)).toEqual(
      at(1000 + maxRetryDelaySeconds),
    )
    const jittered = nextAttemptAt({ createdAt, attempt: 1, failedAt: at(0) }, settings, () => 0.999)
    expect(jittered?.getTime()).toBeGreaterThan(at(30).getTime())
    expect(jittered?.getTime()).toBeLessThanOrEqual(at(36).getTime())
  })

  it('never schedules past the horizon: the last attempt lands on it, then gives up', () => {
    expect(nextAttemptAt({ createdAt, attempt: 12, failedAt: at(86_000) }, settings, () => 0)).toEqual(
      at(86_400),
    )
    expect(nextAttemptAt({ createdAt, attempt: 13, failedAt: at(86_400) }, settings, () => 0)).toBeNull()
  })

  it('the default settings make about a dozen attempts over 24 h', () => {
    let t = 0
    let attempts = 1
    for (;;) {
      const next = nextAttemptAt({ createdAt, attempt: attempts, failedAt: at(t) }, settings, () => 0)
      if (!next) break
      t = (next.getTime() - createdAt.getTime()) / 1000
      attempts++
    }
    expect(t).toBe(86_400)
    expect(attempts).toBeGreaterThanOrEqual(10)
    expect(attempts).toBeLessThanOrEqual(16)
  })
})
