import type { QuotientFamilial } from '@qf/contracts'

/** API Particulier's v3 `data`, as received (kept for the deposit, which editors parse). */
export type RawQuotientFamilialData = Record<string, unknown>

/**
 * Why the provider gave no quotient familial, in its own terms (the journey maps these to the
 * citizen's error codes; the lookup by identity maps them to its own answers).
 * - `not_found`: no CAF nor MSA file for this person; `cnaf_file_not_found` / `msa_file_not_found` /
 *   `file_not_found`: the person is known but the file is not.
 * - `token_expired` / `token_invalid`: the credential (citizen's FranceConnect token, or the
 *   collectivity's API Particulier token) was refused; `scope_missing`: valid but not allowed.
 * - `bad_request`: the provider refused the request's parameters.
 * - `rate_limited`: try again after `retryAfterSeconds` (when the provider said).
 * - `provider_error`: the provider answered something broken; `provider_unavailable`: down, timed
 *   out or unreachable (worth another try later).
 */
export const quotientFamilialFailureKinds = [
  'not_found',
  'cnaf_file_not_found',
  'msa_file_not_found',
  'file_not_found',
  'token_expired',
  'token_invalid',
  'scope_missing',
  'bad_request',
  'rate_limited',
  'provider_error',
  'provider_unavailable',
] as const
export type QuotientFamilialFailureKind = (typeof quotientFamilialFailureKinds)[number]

export interface QuotientFamilialFailure {
  ok: false
  kind: QuotientFamilialFailureKind
  /** The provider's own error code (e.g. `35003`), for support. */
  providerCode: string | null
  /** The provider's HTTP status; null when it could not be reached. */
  status: number | null
  /** `rate_limited` (and `provider_unavailable` when said): seconds to wait before another try. */
  retryAfterSeconds: number | null
}

export type QuotientFamilialResult =
  { ok: true; quotientFamilial: QuotientFamilial; raw: RawQuotientFamilialData } | QuotientFamilialFailure

/** Where the family's quotient familial comes from (API Particulier v3). */
export interface QuotientFamilialProvider {
  /** With the citizen's FranceConnect access token, for the collectivity `recipient` (its SIRET). */
  byFranceConnectToken(accessToken: string, recipient: string): Promise<QuotientFamilialResult>
}
