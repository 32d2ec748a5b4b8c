import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { signWebhook, verifyWebhook } from '../src/webhook/signature.js'

const secret = 'whsec-test-0123456789abcdef'
const body = JSON.stringify({
  id: '0b8f0c4e-6a4f-4d8e-9a51-3f2f1c7d9e10',
  type: 'dossier.completed',
  reference: '7KQ4MXD9HTCW3',
})
const t = 1_790_000_000
const now = t * 1000

describe('verifyWebhook', () => {
  it('accepts the signature of the documented scheme (hex HMAC-SHA256 of "<t>.<raw body>")', () => {
    const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
    expect(verifyWebhook(body, `t=${t},v1=${v1}`, secret, { now })).toEqual({ ok: true, timestamp: t })
    expect(signWebhook(body, secret, t)).toBe(`t=${t},v1=${v1}`)
    expect(verifyWebhook(Buffer.from(body), signWebhook(body, secret, t), secret, { now })).toMatchObject({
      ok: true,
    })
  })

  it('refuses a tampered body', () => {
    const header = signWebhook(body, secret, t)
    expect(verifyWebhook(body.replace('7KQ4', '7KQ5'), header, secret, { now })).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    })
    expect(verifyWebhook(`${body} `, header, secret, { now })).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    })
  })

  it('refuses a wrong secret, and a tampered timestamp', () => {
    expect(
      verifyWebhook(body, signWebhook(body, 'another-secret-0123456789', t), secret, { now }),
    ).toMatchObject({ ok: false })
    const header = signWebhook(body, secret, t).replace(`t=${t}`, `t=${t + 1}`)
    expect(verifyWebhook(body, header, secret, { now })).toEqual({ ok: false, reason: 'signature_mismatch' })
  })

  it('refuses an old (replayed) or future timestamp beyond the tolerance', () => {
    const header = signWebhook(body, secret, t)
    expect(verifyWebhook(body, header, secret, { now: now + 301_000 })).toEqual({
      ok: false,
      reason: 'timestamp_out_of_range',
    })
    expect(verifyWebhook(body, header, secret, { now: now - 301_000 })).toEqual({
      ok: false,
      reason: 'timestamp_out_of_range',
    })
    expect(verifyWebhook(body, header, secret, { now: now + 299_000 })).toMatchObject({ ok: true })
    expect(verifyWebhook(body, header, secret, { now: now + 61_000, toleranceSeconds: 60 })).toMatchObject({
      ok: false,
    })
  })

  it('accepts several v1 (rotation, on either side)', () => {
    const rotating = signWebhook(body, ['old-secret-0123456789', secret], t)
    expect(rotating.split(',')).toHaveLength(3)
    expect(verifyWebhook(body, rotating, secret, { now })).toMatchObject({ ok: true })
    expect(
      verifyWebhook(body, signWebhook(body, secret, t), ['new-secret-0123456789', secret], { now }),
    ).toMatchObject({ ok: true })
  })

  it('refuses a missing or malformed header, and an empty secret list', () => {
    expect(verifyWebhook(body, undefined, secret, { now })).toEqual({ ok: false, reason: 'missing_header' })
    expect(verifyWebhook(body, 'v1=abc', secret, { now })).toEqual({ ok: false, reason: 'malformed_header' })
    expect(verifyWebhook(body, `t=${t}`, secret, { now })).toEqual({ ok: false, reason: 'malformed_header' })
    expect(verifyWebhook(body, `t=soon,v1=${'0'.repeat(64)}`, secret, { now })).toEqual({
      ok: false,
      reason: 'malformed_header',
    })
    expect(verifyWebhook(body, signWebhook(body, secret, t), [], { now })).toEqual({
      ok: false,
      reason: 'no_secret',
    })
  })
})
