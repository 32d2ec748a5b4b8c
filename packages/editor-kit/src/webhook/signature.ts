import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * `X-QF-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. Several `v1` may be
 * present while a secret is being rotated (one per secret); one matching is enough.
 */
export const signatureHeaderName = 'X-QF-Signature'

export interface VerifyOptions {
  /** Accepted distance between `t` and now, both ways. Default 300 s. */
  toleranceSeconds?: number
  /** Now, in milliseconds. Default `Date.now()`. */
  now?: number
}

export type VerifyResult =
  | { ok: true; timestamp: number }
  | {
      ok: false
      reason:
        'missing_header' | 'malformed_header' | 'timestamp_out_of_range' | 'signature_mismatch' | 'no_secret'
    }

const hmac = (secret: string, timestamp: string, body: Buffer) =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest()

/** The header value for `rawBody` signed with each of `secrets` at `timestamp` (unix seconds). */
export function signWebhook(
  rawBody: string | Buffer,
  secrets: string | readonly string[],
  timestamp = Math.floor(Date.now() / 1000),
): string {
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody
  const list = typeof secrets === 'string' ? [secrets] : secrets
  const t = String(timestamp)
  return [`t=${t}`, ...list.map((s) => `v1=${hmac(s, t, body).toString('hex')}`)].join(',')
}

/**
 * Verifies a webhook: the raw body exactly as received (not re-serialised JSON), the header, and the
 * secret (or the secrets, during a rotation). Constant-time comparison; a timestamp outside the
 * tolerance is refused (replay).
 */
export function verifyWebhook(
  rawBody: string | Buffer,
  headerValue: string | readonly string[] | undefined | null,
  secret: string | readonly string[],
  options: VerifyOptions = {},
): VerifyResult {
  const secrets = (typeof secret === 'string' ? [secret] : [...secret]).filter((s) => s.length > 0)
  if (secrets.length === 0) return { ok: false, reason: 'no_secret' }
  const value = Array.isArray(headerValue) ? headerValue.join(',') : headerValue
  if (typeof value !== 'string' || !value.trim()) return { ok: false, reason: 'missing_header' }

  let t: string | undefined
  const signatures: Buffer[] = []
  for (const part of value.split(',')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const key = part.slice(0, eq).trim()
    const v = part.slice(eq + 1).trim()
    if (key === 't') t = v
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(v)) signatures.push(Buffer.from(v, 'hex'))
  }
  if (!t || !/^\d{1,12}$/.test(t) || signatures.length === 0) return { ok: false, reason: 'malformed_header' }

  const timestamp = Number(t)
  const tolerance = options.toleranceSeconds ?? 300
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000)
  if (Math.abs(nowSeconds - timestamp) > tolerance) return { ok: false, reason: 'timestamp_out_of_range' }

  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody
  let matched = false
  for (const s of secrets) {
    const expected = hmac(s, t, body)
    // Every pair is compared (no early exit), each in constant time.
    for (const candidate of signatures) if (timingSafeEqual(expected, candidate)) matched = true
  }
  return matched ? { ok: true, timestamp } : { ok: false, reason: 'signature_mismatch' }
}
