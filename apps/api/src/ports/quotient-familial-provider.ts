import type { IdentityPivotInput, QuotientFamilial } from '@qf/contracts'

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
  /**
   * The data provider's own code behind a refusal (CNAV `errorCode`, forwarded by API Particulier in
   * `meta.provider_error_code`), and what it means in plain French (never the provider's own text).
   */
  providerErrorCode?: string
  providerMessage?: string
  /** The provider's HTTP status; null when it could not be reached. */
  status: number | null
  /** `rate_limited` (and `provider_unavailable` when said): seconds to wait before another try. */
  retryAfterSeconds: number | null
}

export type QuotientFamilialResult =
  { ok: true; quotientFamilial: QuotientFamilial; raw: RawQuotientFamilialData } | QuotientFamilialFailure

/**
 * Since mid-2026 an editor may hold one API Particulier token for all its client collectivities and name,
 * per call, the delegation of the collectivity it acts for: the token given is then the editor's, with
 * `delegationId`. A delegation the token cannot choose is `bad_request` (`00212`: several, none named);
 * one it does not hold for `recipient` is `scope_missing` (`00213`).
 */
export interface IdentityLookupOptions {
  delegationId?: string
}

/** Where the family's quotient familial comes from (API Particulier v3). */
export interface QuotientFamilialProvider {
  /** With the citizen's FranceConnect access token, for the collectivity `recipient` (its SIRET). */
  byFranceConnectToken(accessToken: string, recipient: string): Promise<QuotientFamilialResult>
  /**
   * With the collectivity's own API Particulier token, from the identity pivot (no FranceConnect):
   * a counter agent's lookup, or an editor's later refresh. `recipient` is the collectivity's SIRET.
   */
  byIdentity(
    collectivityToken: string,
    recipient: string,
    identity: IdentityPivotInput,
    options?: IdentityLookupOptions,
  ): Promise<QuotientFamilialResult>
}

/**
 * The civility query parameters of API Particulier's `/v3/dss/quotient_familial/identite` for an
 * identity pivot (a partial birth date sends only what is known: the year, then the month).
 */
export function civilityParameters(identity: IdentityPivotInput): [string, string][] {
  const params: [string, string][] = [['nomNaissance', identity.birthName]]
  if (identity.usageName) params.push(['nomUsage', identity.usageName])
  for (const first of identity.firstNames) params.push(['prenoms[]', first])
  if (identity.sex) params.push(['sexeEtatCivil', identity.sex])
  const [year, month, day] = identity.birthDate.split('-').map(Number)
  if (year) {
    params.push(['anneeDateNaissance', String(year)])
    if (month) {
      params.push(['moisDateNaissance', String(month)])
      if (day) params.push(['jourDateNaissance', String(day)])
    }
  }
  params.push(['codeCogInseePaysNaissance', identity.birthCountry])
  if (identity.birthCommune) params.push(['codeCogInseeCommuneNaissance', identity.birthCommune])
  else {
    if (identity.birthCommuneName) params.push(['nomCommuneNaissance', identity.birthCommuneName])
    if (identity.birthDepartement)
      params.push(['codeCogInseeDepartementNaissance', identity.birthDepartement])
  }
  return params
}
