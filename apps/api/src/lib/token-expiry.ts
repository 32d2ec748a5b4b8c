import { decodeJwt, decodeProtectedHeader } from 'jose'

/** 9999-12-31T23:59:59Z: beyond it an `exp` is not a NumericDate in seconds (milliseconds by mistake). */
const latestNumericDate = 253_402_300_799

/**
 * The expiry (`exp`) of a token when it is a JWS-form JWT, else `null`. The signature is NOT
 * checked: the token is the collectivity's own API Particulier secret, and only its date is read
 * (to warn before it expires), never trusted for access. `null` too when the JWT has no `exp`, or an
 * `exp` that is not a NumericDate in seconds.
 */
export function jwtExpiry(token: string): Date | null {
  const trimmed = token.trim()
  if (trimmed.split('.').length !== 3) return null
  try {
    decodeProtectedHeader(trimmed)
    const { exp } = decodeJwt(trimmed)
    if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= 0 || exp > latestNumericDate) return null
    return new Date(exp * 1000)
  } catch {
    return null
  }
}

export type ApiParticulierTokenExpiry =
  | { ok: true; expiresAt: Date; source: 'jwt' | 'admin' }
  | {
      ok: false
      /**
       * `expiry_required`: not a JWT with an `exp`, so the admin must give the date;
       * `expiry_mismatch`: the admin's date is more than a day away from the JWT's own `exp`.
       */
      reason: 'expiry_required' | 'expiry_mismatch'
      jwtExpiresAt: Date | null
    }

const oneDayMs = 24 * 3600 * 1000

/**
 * The expiry date to store with a collectivity's API Particulier token: the JWT's `exp` when it has
 * one (an admin-given date must then agree within a day), else the date the admin gives.
 */
export function apiParticulierTokenExpiry(
  token: string,
  givenByAdmin: Date | null,
): ApiParticulierTokenExpiry {
  const fromJwt = jwtExpiry(token)
  if (fromJwt) {
    if (givenByAdmin && Math.abs(givenByAdmin.getTime() - fromJwt.getTime()) > oneDayMs)
      return { ok: false, reason: 'expiry_mismatch', jwtExpiresAt: fromJwt }
    return { ok: true, expiresAt: fromJwt, source: 'jwt' }
  }
  if (!givenByAdmin || Number.isNaN(givenByAdmin.getTime()))
    return { ok: false, reason: 'expiry_required', jwtExpiresAt: null }
  return { ok: true, expiresAt: givenByAdmin, source: 'admin' }
}
