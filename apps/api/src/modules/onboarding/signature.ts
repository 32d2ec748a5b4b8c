import { createHmac, timingSafeEqual } from 'node:crypto'

const signaturePattern = /^sha256=([0-9a-fA-F]{64})$/

/**
 * Checks DataPass's `X-Hub-Signature-256` header: `sha256=` + the hex HMAC-SHA256 of the raw
 * request body (the exact bytes received, before any JSON parsing) keyed with the webhook's shared
 * secret. Constant-time comparison of the 32-byte MACs; a missing, malformed or repeated header is
 * refused. An empty secret is refused too (a misconfiguration must not accept everything).
 */
export function verifyDatapassSignature(
  rawBody: Buffer | string,
  header: string | readonly string[] | undefined,
  secret: string,
): boolean {
  if (secret === '' || typeof header !== 'string') return false
  const match = signaturePattern.exec(header.trim())
  if (!match?.[1]) return false
  const received = Buffer.from(match[1], 'hex')
  const expected = createHmac('sha256', secret)
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .digest()
  return received.length === expected.length && timingSafeEqual(received, expected)
}
