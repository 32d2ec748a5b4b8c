import { createCipheriv, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { parseSealingKeys, SealedBox, SealedBoxError } from '../src/lib/sealed-box.js'

const box = new SealedBox(randomBytes(32))
const identity = { familyName: 'DUBOIS', givenName: 'Angela Claire Louise', birthdate: '1962-08-24' }
const context = 'session:0b6f3a4e-5c1d-4f0e-9d8a-2f1e6c7b8a90'

/** `v2.<kid>.<payload>` → its parts. */
function parts(sealed: string): { header: string; payload: Buffer } {
  const dot = sealed.lastIndexOf('.')
  return { header: sealed.slice(0, dot + 1), payload: Buffer.from(sealed.slice(dot + 1), 'base64url') }
}

/** Flips one bit of the sealed bytes at `index` (iv 0–11, tag 12–27, ciphertext after). */
function flip(sealed: string, index: number): string {
  const { header, payload } = parts(sealed)
  payload[index] = (payload[index] ?? 0) ^ 0x01
  return header + payload.toString('base64url')
}

/** A value in the format written before key ids: bare base64url(iv ‖ tag ‖ ciphertext). */
function legacySeal(key: Buffer, value: unknown, context: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')
}

describe('SealedBox', () => {
  it('opens what it sealed, in the same context', () => {
    const sealed = box.seal(identity, context)
    expect(box.open(sealed, context)).toEqual(identity)
    expect(sealed).not.toContain('DUBOIS')
    expect(parts(sealed).payload.toString('utf8')).not.toContain('DUBOIS')
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
    const length = parts(sealed).payload.length
    for (const index of [0, 12, 28, length - 1]) {
      expect(() => box.open(flip(sealed, index), context)).toThrow()
    }
    expect(() => box.open(sealed.slice(0, 20), context)).toThrow()
  })

  it('refuses a value sealed with another key', () => {
    const other = new SealedBox(randomBytes(32))
    expect(() => other.open(box.seal(identity, context), context)).toThrow()
  })

  it('says why a value does not open (a SealedBoxError with the key id, never the value)', () => {
    const sealed = box.seal(identity, context)
    const failureOf = (open: () => unknown) => {
      try {
        open()
      } catch (error) {
        if (!(error instanceof SealedBoxError)) throw error
        return { failure: error.failure, keyId: error.keyId, message: error.message }
      }
      throw new Error('it opened')
    }
    const unknownKey = new SealedBox({ current: { id: 'k2027', key: randomBytes(32) } })
    expect(failureOf(() => unknownKey.open(sealed, context))).toEqual({
      failure: 'unknown_key',
      keyId: 'k0',
      message: 'sealed with an unknown key (k0)',
    })
    const sameIdOtherKey = new SealedBox(randomBytes(32))
    expect(failureOf(() => sameIdOtherKey.open(sealed, context))).toMatchObject({
      failure: 'not_authentic',
      keyId: 'k0',
    })
    expect(failureOf(() => box.open(sealed, 'another row'))).toMatchObject({ failure: 'not_authentic' })
    expect(failureOf(() => box.open(flip(sealed, 40), context))).toMatchObject({ failure: 'not_authentic' })
    expect(failureOf(() => box.open(sealed.slice(0, 20), context))).toMatchObject({ failure: 'malformed' })
    const legacy = sealed.slice('v2.k0.'.length)
    expect(failureOf(() => sameIdOtherKey.open(legacy, context))).toMatchObject({
      failure: 'not_authentic',
      keyId: null,
    })
    expect(failureOf(() => sameIdOtherKey.open(sealed, context)).message).not.toContain('DUBOIS')
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

  it('writes the key id in front of the value', () => {
    expect(box.seal(identity, context)).toMatch(/^v2\.k0\.[A-Za-z0-9_-]+$/)
    expect(box.currentKeyId).toBe('k0')
  })
})

describe('SealedBox key rotation', () => {
  const oldKey = { id: 'k2025', key: randomBytes(32) }
  const newKey = { id: 'k2026', key: randomBytes(32) }
  const before = new SealedBox({ current: oldKey })
  const after = new SealedBox({ current: newKey, previous: [oldKey] })
  const token = 'eyJhbGciOiJIUzI1NiJ9.collectivity-token.sig'
  const tokenContext = 'collectivity:21040107100019:api_particulier_token'

  it('seals new values with the current key', () => {
    const sealed = after.seal(token, tokenContext)
    expect(after.keyIdOf(sealed)).toBe('k2026')
    expect(after.needsResealing(sealed)).toBe(false)
    // the old key alone cannot open it
    expect(() => before.open(sealed, tokenContext)).toThrow(/unknown key/)
  })

  it('still opens rows sealed with the previous key', () => {
    const oldRow = before.seal(token, tokenContext)
    expect(after.keyIdOf(oldRow)).toBe('k2025')
    expect(after.open(oldRow, tokenContext)).toBe(token)
    expect(after.needsResealing(oldRow)).toBe(true)
  })

  it('re-seals an old row with the current key, after which the old key can be dropped', () => {
    const oldRow = before.seal(token, tokenContext)
    const moved = after.reseal(oldRow, tokenContext)
    expect(after.keyIdOf(moved)).toBe('k2026')
    const withoutOldKey = new SealedBox({ current: newKey })
    expect(withoutOldKey.open(moved, tokenContext)).toBe(token)
    expect(() => withoutOldKey.open(oldRow, tokenContext)).toThrow(/unknown key/)
  })

  it('keeps the context binding across keys', () => {
    const oldRow = before.seal(token, tokenContext)
    expect(() => after.open(oldRow, 'collectivity:21730132400018:api_particulier_token')).toThrow()
    expect(() => after.reseal(oldRow, 'collectivity:21730132400018:api_particulier_token')).toThrow()
  })

  it('does not let a changed key id open a value with another key', () => {
    const sealed = after.seal(token, tokenContext)
    expect(() => after.open(sealed.replace('v2.k2026.', 'v2.k2025.'), tokenContext)).toThrow()
  })

  it('opens values written before key ids existed (the journey sessions’ sealed columns)', () => {
    const sessionKey = randomBytes(32)
    const legacy = legacySeal(sessionKey, identity, context)
    expect(new SealedBox(sessionKey).open(legacy, context)).toEqual(identity)
    const rotated = new SealedBox({
      current: { id: 'k1', key: randomBytes(32) },
      previous: [{ id: 'k0', key: sessionKey }],
    })
    expect(rotated.keyIdOf(legacy)).toBeNull()
    expect(rotated.needsResealing(legacy)).toBe(true)
    expect(rotated.open(legacy, context)).toEqual(identity)
    expect(rotated.keyIdOf(rotated.reseal(legacy, context))).toBe('k1')
    expect(() => new SealedBox(randomBytes(32)).open(legacy, context)).toThrow()
    expect(() => rotated.open(legacy, 'session:another-one')).toThrow()
  })

  it('refuses a keyring with a repeated id, a bad id or a short key', () => {
    expect(
      () => new SealedBox({ current: oldKey, previous: [{ id: 'k2025', key: randomBytes(32) }] }),
    ).toThrow(/twice/)
    expect(() => new SealedBox({ current: { id: 'bad.id', key: randomBytes(32) } })).toThrow(/key id/)
    expect(() => new SealedBox({ current: newKey, previous: [{ id: 'k1', key: randomBytes(16) }] })).toThrow(
      /32-byte/,
    )
  })
})

describe('parseSealingKeys (SECRETS_ENCRYPTION_KEYS)', () => {
  const a = randomBytes(32)
  const b = randomBytes(32)

  it('reads kid:base64 pairs, the first one current', () => {
    const ring = parseSealingKeys(`k2026:${a.toString('base64')}, k2025:${b.toString('base64')}`)
    expect(ring.current).toEqual({ id: 'k2026', key: a })
    expect(ring.previous).toEqual([{ id: 'k2025', key: b }])
    const box2 = new SealedBox(ring)
    const older = new SealedBox({ current: { id: 'k2025', key: b } })
    expect(box2.open(older.seal('x', 'c'), 'c')).toBe('x')
  })

  it('reads a single key', () => {
    expect(parseSealingKeys(`k1:${a.toString('base64')}`).previous).toEqual([])
  })

  it.each([
    ['', /at least one key/],
    [`:${Buffer.alloc(32).toString('base64')}`, /<id>:<base64/],
    [Buffer.alloc(32).toString('base64'), /<id>:<base64/],
    [`k1:${Buffer.alloc(16).toString('base64')}`, /32 bytes/],
    [`k1:${Buffer.alloc(32).toString('base64')},k1:${Buffer.alloc(32, 1).toString('base64')}`, /unique/],
    [`k 1:${Buffer.alloc(32).toString('base64')}`, /key id/],
  ])('refuses %j', (value, message) => {
    expect(() => parseSealingKeys(value)).toThrow(message)
  })
})
