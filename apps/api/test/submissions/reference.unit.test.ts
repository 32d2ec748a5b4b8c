import { REFERENCE_LENGTH, referenceAlphabet, SubmissionReference } from '@qf/contracts'
import { Value } from '@sinclair/typebox/value'
import { describe, expect, it } from 'vitest'
import { newReference } from '../../src/modules/submissions/reference.js'

describe('newReference', () => {
  it('draws 13 characters of the alphabet, matching the public schema', () => {
    for (let i = 0; i < 1000; i++) {
      const reference = newReference()
      expect(reference).toHaveLength(REFERENCE_LENGTH)
      expect(Value.Check(SubmissionReference, reference)).toBe(true)
    }
  })

  it('rejects the bytes that would bias the draw (253, 254, 255 for 23 letters)', () => {
    const bytes = [253, 254, 255, 0, 22, 23, 252, 46, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    let calls = 0
    const reference = newReference((size) => {
      calls++
      const chunk = bytes.splice(0, size)
      return Buffer.from(chunk.length === size ? chunk : [...chunk, ...Array(size - chunk.length).fill(0)])
    })
    const a = referenceAlphabet
    expect(reference).toBe(
      `${a[0]}${a[22]}${a[0]}${a[22]}${a[0]}${a[1]}${a[2]}${a[3]}${a[4]}${a[5]}${a[6]}${a[7]}${a[8]}`,
    )
    expect(calls).toBe(1)
  })

  it('asks for more bytes when too many were rejected', () => {
    let calls = 0
    const reference = newReference((size) => Buffer.alloc(size, calls++ === 0 ? 255 : 3))
    expect(calls).toBe(2)
    expect(reference).toBe(referenceAlphabet[3]!.repeat(REFERENCE_LENGTH))
  })

  it('uses every character about evenly (no character twice as likely as another)', () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 4000; i++) for (const c of newReference()) counts.set(c, (counts.get(c) ?? 0) + 1)
    expect([...counts.keys()].sort().join('')).toBe([...referenceAlphabet].sort().join(''))
    const values = [...counts.values()]
    const expected = (4000 * REFERENCE_LENGTH) / referenceAlphabet.length
    // 52,000 draws, ~2,261 per character, σ ≈ 47: ±15 % is more than 7σ.
    for (const v of values) expect(Math.abs(v - expected) / expected).toBeLessThan(0.15)
  })
})
