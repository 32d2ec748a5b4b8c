/**
 * Production's checks on keys and secrets (issue 21, L8): small functions over the parsed values, so
 * they read the same whatever the variables that carry them (a keyring, one key).
 */

/** Shannon entropy of the characters of `value`, times its length: a rough bound on its bits. */
function estimatedBits(value: string): number {
  const chars = [...value]
  const counts = new Map<string, number>()
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1)
  let perChar = 0
  for (const n of counts.values()) {
    const p = n / chars.length
    perChar -= p * Math.log2(p)
  }
  return perChar * chars.length
}

/** A secret or token below this estimate is refused in production (a random 16-character token has ~64). */
export const minimumSecretBits = 64

/** Why `value` is too weak to be a production secret or token, or undefined. */
export function weakSecretRefusal(value: string): string | undefined {
  if ([...value].length < 16) return 'is a low-entropy secret (fewer than 16 characters); use a random one'
  if (estimatedBits(value) < minimumSecretBits)
    return 'is a low-entropy secret (repeated characters); use a random one (e.g. `openssl rand -hex 32`)'
  return undefined
}

/** Why `key` (AES-256 key bytes) may not be used in production, or undefined. */
export function weakKeyRefusal(key: Buffer, publicKeys: readonly Buffer[]): string | undefined {
  if (publicKeys.some((k) => k.equals(key)))
    return 'is a public demo key (it is in the repository); generate one with `openssl rand -base64 32`'
  // 32 random bytes have ~28 distinct values; fewer than 16 is a made-up key (all zero, one byte repeated…).
  if (new Set(key).size < 16)
    return 'is a low-entropy key (all zero or few distinct bytes); generate one with `openssl rand -base64 32`'
  return undefined
}

/** Whether a key sealing the session data is also a key of the secrets keyring (one leak would open both). */
export function sharedKeys(sessionKeys: readonly Buffer[], secretsKeys: readonly Buffer[]): boolean {
  return sessionKeys.some((s) => secretsKeys.some((k) => k.equals(s)))
}
