import { randomBytes } from 'node:crypto'
import { REFERENCE_LENGTH, referenceAlphabet } from '@qf/contracts'

/** Source of random bytes (crypto's by default; tests pass their own to check the rejection). */
export type RandomBytes = (size: number) => Buffer

/** Largest multiple of the alphabet's size within a byte: bytes at or above it are rejected. */
const limit = 256 - (256 % referenceAlphabet.length)

/**
 * A new démarche reference: 13 characters drawn uniformly from `referenceAlphabet` (rejection
 * sampling over crypto random bytes: no modulo bias). ~58.8 bits: collisions are rare but possible,
 * so the caller inserts under a unique constraint and draws again on a conflict.
 */
export function newReference(random: RandomBytes = randomBytes): string {
  let reference = ''
  while (reference.length < REFERENCE_LENGTH) {
    for (const byte of random(REFERENCE_LENGTH * 2)) {
      if (byte >= limit) continue
      reference += referenceAlphabet[byte % referenceAlphabet.length]
      if (reference.length === REFERENCE_LENGTH) break
    }
  }
  return reference
}
