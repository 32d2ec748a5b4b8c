import type { JourneyStep, PivotIdentity, QuotientFamilial, QuotientFamilialError } from '@qf/contracts'

/** Personal data of a journey: sealed at rest, deleted with the session. */
export interface PersonalData {
  identity: PivotIdentity
  quotientFamilial: QuotientFamilial | null
  quotientFamilialError: QuotientFamilialError | null
  /** API Particulier's v3 `data` as received (the deposit carries it as is). */
  rawQuotientFamilial: Record<string, unknown> | null
  /** For the logout's `id_token_hint`. */
  idToken: string
}

export interface JourneySession {
  id: string
  siret: string
  externalId: string | null
  redirectUri: string | null
  frontendUrl: string | null
  step: JourneyStep
  loginState: string | null
  loginBindingHash: string | null
  loginTransaction: { nonce: string; codeVerifier: string } | null
  loginCodeHash: string | null
  loginCodeExpiresAt: Date | null
  personalData: PersonalData | null
  /** Once `submitted`: the sending's reference (the personal data has left the session). */
  submissionReference: string | null
  /** Once `submitted`: the FranceConnect id_token, kept only for the logout's `id_token_hint`. */
  logoutIdToken: string | null
  createdAt: Date
  expiresAt: Date
}

/** Lifetime of the single-use login ticket in `loginUrl` (the front end navigates to it at once). */
export const LOGIN_TICKET_TTL_MS = 5 * 60 * 1000
/** The steps in which a login may be started (or restarted) with a ticket; never once authenticated. */
export const loginStartableSteps = ['created', 'login_pending'] as const satisfies readonly JourneyStep[]
/** Lifetime of the one-time login code handed to a third-party front end. */
export const LOGIN_CODE_TTL_MS = 2 * 60 * 1000

export const plus = (d: Date, ms: number) => new Date(d.getTime() + ms)
