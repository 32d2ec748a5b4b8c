/** An establishment as the national company register (INSEE Sirene) knows it. */
export interface Establishment {
  siret: string
  /** The register's name (for a commune: `COMMUNE DE MAJASTRES`). */
  name: string
  /** INSEE COG code of the commune where the establishment is (`null` abroad). */
  cog: string | null
  /** The commune's name as INSEE writes it (`MAJASTRES`), `null` abroad. */
  communeName: string | null
  postalCode: string | null
  /** The establishment is open (`etatAdministratifEtablissement` `A`), not closed (`F`). */
  active: boolean
}

/**
 * Why a lookup gave no establishment:
 * - `not_found`: the register does not know that SIRET (final);
 * - `invalid_siret`: not 14 digits (final);
 * - `rate_limited`: the register's quota is spent, try again after `retryAfterSeconds`;
 * - `unavailable`: the register is down, slow or unreachable (5xx, timeout, reset);
 * - `rejected`: the register refused our credentials (401/403: a configuration error).
 */
export type CompanyRegistryFailure =
  'not_found' | 'invalid_siret' | 'rate_limited' | 'unavailable' | 'rejected'

export type CompanyLookupResult =
  | { ok: true; establishment: Establishment }
  | {
      ok: false
      failure: CompanyRegistryFailure
      /** HTTP status of the register's answer, `null` without one. */
      status: number | null
      retryAfterSeconds: number | null
    }

/** Worth retrying later (a job), as opposed to a final answer. */
export const isTransientCompanyRegistryFailure = (f: CompanyRegistryFailure) =>
  f === 'rate_limited' || f === 'unavailable'

/** Looks establishments up in the national company register. */
export interface CompanyRegistry {
  findEstablishment(siret: string): Promise<CompanyLookupResult>
}
