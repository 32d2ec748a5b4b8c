import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { SealedBox } from '../src/lib/sealed-box.js'

const box = new SealedBox(randomBytes(32))
const identity = { familyName: 'DUBOIS', givenName: 'Angela Claire Louise', birthdate: '1962-08-24' }
const context = 'session:0b6f3a4e-5c1d-4f0e-9d8a-2f1e6c7b8a90'

/** Flips one bit of the sealed bytes at `index` (iv 0–11, tag 12–27, ciphertext after). */
function flip(sealed: string, index: number): string {
  const raw = Buffer.from(sealed, 'base64url')
  raw[index] = (raw[index] ?? 0) ^ 0x01
  return raw.toString('base64url')
}

describe('SealedBox', () => {
  it('opens what it sealed, in the same context', () => {
    const sealed = box.seal(identity, context)
    expect(box.open(sealed, context)).toEqual(identity)
    expect(sealed).not.toContain('DUBOIS')
    expect(Buffer.from(sealed, 'base64url').toString('utf8')).not.toContain('DUBOIS')
  })

  it('round-trips other JSON values', () => {
    for (const value of ['texte', 42, null, [1, 'deux'], { nested: { ok: true } }]) {
      expect(box.open(box.seal(value, context), context)).toEqual(value)
    }
  })

  it('refuses to open in another context (a value copied onto another row)', () => {
    const sealed = box.seal(identity, context)
    expect(() => box.open(sealed, 'session:another-one')).toThrow()
  })

  it('refuses a tampered ciphertext, tag or iv', () => {
    const sealed = box.seal(identity, context)
    const length = Buffer.from(sealed, 'base64url').length
    for (const index of [0, 12, 28, length - 1]) {
      expect(() => box.open(flip(sealed, index), context)).toThrow()
    }
    expect(() => box.open(sealed.slice(0, 20), context)).toThrow()
  })

  it('refuses a value sealed with another key', () => {
    const other = new SealedBox(randomBytes(32))
    expect(() => other.open(box.seal(identity, context), context)).toThrow()
  })

  it('gives a different output for two seals of the same value (random iv)', () => {
    const a = box.seal(identity, context)
    const b = box.seal(identity, context)
    expect(a).not.toBe(b)
    expect(box.open(a, context)).toEqual(box.open(b, context))
  })

  it('wants a 32-byte key', () => {
    expect(() => new SealedBox(randomBytes(16))).toThrow()
  })
})
