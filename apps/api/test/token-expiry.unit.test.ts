import { SignJWT, UnsecuredJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { apiParticulierTokenExpiry, jwtExpiry } from '../src/lib/token-expiry.js'

const key = new TextEncoder().encode('api-particulier-signing-key-0123456789abcdef')
const exp = Date.parse('2028-05-31T23:59:59Z') / 1000

/** A token shaped like API Particulier's: an HS256 JWT valid 18 months. */
const signed = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key)

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

describe('jwtExpiry', () => {
  it('reads exp of a signed JWT without its key', async () => {
    const token = await signed({
      exp,
      iat: exp - 18 * 30 * 86400,
      sub: '21040107100019',
      scopes: ['cnaf_quotient_familial'],
    })
    expect(jwtExpiry(token)).toEqual(new Date('2028-05-31T23:59:59Z'))
    expect(jwtExpiry(`  ${token}\n`)).toEqual(new Date('2028-05-31T23:59:59Z'))
  })

  it('reads exp whatever the signature (it is only a date, never trusted for access)', async () => {
    const token = await signed({ exp })
    const [header, payload] = token.split('.')
    expect(jwtExpiry(`${header}.${payload}.not-the-signature`)).toEqual(new Date(exp * 1000))
    expect(jwtExpiry(new UnsecuredJWT({ exp }).encode())).toEqual(new Date(exp * 1000))
  })

  it('gives null for a JWT without exp', async () => {
    expect(jwtExpiry(await signed({ sub: 'x' }))).toBeNull()
  })

  it.each([
    ['a string exp', { exp: '1843343999' }],
    ['exp in milliseconds', { exp: exp * 1000 }],
    ['a negative exp', { exp: -1 }],
    ['exp 0', { exp: 0 }],
  ])('gives null for %s', (_, claims) => {
    expect(jwtExpiry(`${b64({ alg: 'HS256' })}.${b64(claims)}.sig`)).toBeNull()
  })

  it.each([
    ['an opaque token (the sandbox’s)', 'sandbox-api-particulier-21040107100019'],
    ['an empty string', ''],
    ['two parts', `${b64({ alg: 'HS256' })}.${b64({ exp })}`],
    ['a JWE (five parts)', 'a.b.c.d.e'],
    [
      'a payload that is not JSON',
      `${b64({ alg: 'HS256' })}.${Buffer.from('not json').toString('base64url')}.sig`,
    ],
    ['a payload that is an array', `${b64({ alg: 'HS256' })}.${b64([exp])}.sig`],
    ['a header that is not JSON', `bm90IGpzb24.${b64({ exp })}.sig`],
  ])('gives null for %s', (_, token) => {
    expect(jwtExpiry(token)).toBeNull()
  })
})

describe('apiParticulierTokenExpiry', () => {
  it('takes the JWT’s exp', async () => {
    expect(apiParticulierTokenExpiry(await signed({ exp }), null)).toEqual({
      ok: true,
      expiresAt: new Date(exp * 1000),
      source: 'jwt',
    })
  })

  it('accepts an admin date that agrees with the JWT within a day, and keeps the JWT’s', async () => {
    const given = new Date((exp - 3600) * 1000)
    expect(apiParticulierTokenExpiry(await signed({ exp }), given)).toMatchObject({ ok: true, source: 'jwt' })
  })

  it('refuses an admin date that contradicts the JWT', async () => {
    expect(apiParticulierTokenExpiry(await signed({ exp }), new Date('2027-01-01T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'expiry_mismatch',
      jwtExpiresAt: new Date(exp * 1000),
    })
  })

  it('wants the admin’s date for a token that is not a JWT (or has no exp)', async () => {
    expect(apiParticulierTokenExpiry('opaque-token', null)).toEqual({
      ok: false,
      reason: 'expiry_required',
      jwtExpiresAt: null,
    })
    expect(apiParticulierTokenExpiry(await signed({ sub: 'x' }), null)).toMatchObject({
      reason: 'expiry_required',
    })
    expect(apiParticulierTokenExpiry('opaque-token', new Date('invalid'))).toMatchObject({
      reason: 'expiry_required',
    })
    const given = new Date('2028-05-31T23:59:59Z')
    expect(apiParticulierTokenExpiry('opaque-token', given)).toEqual({
      ok: true,
      expiresAt: given,
      source: 'admin',
    })
  })
})
