import type { JourneyErrorCode, QuotientFamilial } from '@qf/contracts'

/** API Particulier's v3 `data`, as received (kept for the deposit, which editors parse). */
export type RawQuotientFamilialData = Record<string, unknown>

export type QuotientFamilialResult =
  | { ok: true; quotientFamilial: QuotientFamilial; raw: RawQuotientFamilialData }
  | {
      ok: false
      code: JourneyErrorCode
      /** The provider's own error code (e.g. `35003`), for support. */
      providerCode: string | null
      status: number | null
    }

/** Where the family's quotient familial comes from (API Particulier v3). */
export interface QuotientFamilialProvider {
  /** With the citizen's FranceConnect access token, for the collectivity `recipient` (its SIRET). */
  byFranceConnectToken(accessToken: string, recipient: string): Promise<QuotientFamilialResult>
}
