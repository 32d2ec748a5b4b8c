import type {
  CompanyLookupResult,
  CompanyRegistry,
  CompanyRegistryFailure,
  Establishment,
} from '../../ports/company-registry.js'

/**
 * A company register in memory (tests, demos without the sandbox): the establishments it is
 * given, `not_found` for the others, and failures a test sets (`failWith`) until cleared.
 */
export class InMemoryCompanyRegistry implements CompanyRegistry {
  private readonly establishments = new Map<string, Establishment>()
  private failure: { kind: CompanyRegistryFailure; retryAfterSeconds: number | null } | null = null
  /** The SIRETs looked up, oldest first. */
  readonly lookups: string[] = []

  constructor(establishments: readonly Establishment[] = []) {
    for (const e of establishments) this.add(e)
  }

  add(establishment: Establishment): this {
    this.establishments.set(establishment.siret, { ...establishment })
    return this
  }

  /** Every lookup fails with `kind` until `clearFailure()`. */
  failWith(kind: CompanyRegistryFailure, retryAfterSeconds: number | null = null): this {
    this.failure = { kind, retryAfterSeconds }
    return this
  }

  clearFailure(): this {
    this.failure = null
    return this
  }

  async findEstablishment(siret: string): Promise<CompanyLookupResult> {
    this.lookups.push(siret)
    if (!/^\d{14}$/.test(siret))
      return { ok: false, failure: 'invalid_siret', status: null, retryAfterSeconds: null }
    if (this.failure)
      return {
        ok: false,
        failure: this.failure.kind,
        status: null,
        retryAfterSeconds: this.failure.retryAfterSeconds,
      }
    const found = this.establishments.get(siret)
    if (!found) return { ok: false, failure: 'not_found', status: null, retryAfterSeconds: null }
    return { ok: true, establishment: { ...found } }
  }
}
