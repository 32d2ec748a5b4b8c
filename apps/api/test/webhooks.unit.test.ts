import { describe, expect, it } from 'vitest'
import { parseNetworks } from '../src/lib/url-policy.js'
import { maxRetryDelaySeconds, nextAttemptAt, webhookUrlRefusal } from '../src/modules/webhooks/index.js'

describe('webhook URL policy', () => {
  it('outside production: https anywhere, plain http on a loopback host only', () => {
    const dev = { production: false, allowedNetworks: [] }
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
    const prod = { production: true, allowedNetworks: [] }
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

  it('outside production: no link-local, metadata or unspecified address; private ranges only when named (issue 21, L4)', () => {
    const dev = { production: false, allowedNetworks: [] }
    for (const bad of [
      'https://169.254.169.254/latest/meta-data',
      'https://[::ffff:a9fe:a9fe]/',
      'https://[fd00:ec2::254]/',
      'https://[fe80::1]/',
      'https://0.0.0.0:8443/',
      'https://[64:ff9b::a9fe:a9fe]/',
      'https://10.0.0.1/',
      'https://172.16.0.1/',
      'https://192.168.1.1/',
      'https://[fd12::1]/',
    ])
      expect(webhookUrlRefusal(bad, dev), bad).toBeTypeOf('string')
    const named = { production: false, allowedNetworks: parseNetworks('10.0.0.0/8,fd12::/16') }
    expect(webhookUrlRefusal('https://10.0.0.1/', named)).toBeUndefined()
    expect(webhookUrlRefusal('https://[fd12::1]/', named)).toBeUndefined()
    expect(webhookUrlRefusal('https://192.168.1.1/', named)).toBeTypeOf('string')
    // Naming a range never opens the metadata addresses.
    const wide = { production: false, allowedNetworks: parseNetworks('169.254.0.0/16,fd00::/8') }
    expect(webhookUrlRefusal('https://169.254.169.254/', wide)).toBeTypeOf('string')
    expect(webhookUrlRefusal('https://[fd00:ec2::254]/', wide)).toBeTypeOf('string')
  })

  it('production: no address of the IANA special-purpose registries (issue 21, L4)', () => {
    const prod = { production: true, allowedNetworks: [] }
    for (const bad of [
      'https://198.18.0.1/',
      'https://198.19.255.1/',
      'https://[64:ff9b::a9fe:a9fe]/',
      'https://[64:ff9b:1::1]/',
      'https://192.0.0.8/',
      'https://192.0.2.1/',
      'https://198.51.100.1/',
      'https://203.0.113.10/',
      'https://224.0.0.1/',
      'https://240.0.0.1/',
      'https://[2001:db8::1]/',
      'https://[2002:a9fe:a9fe::1]/',
      'https://[ff02::1]/',
    ])
      expect(webhookUrlRefusal(bad, prod), bad).toBeTypeOf('string')
    expect(webhookUrlRefusal('https://93.184.215.14/', prod)).toBeUndefined()
    expect(webhookUrlRefusal('https://[2606:4700::1111]/', prod)).toBeUndefined()
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
