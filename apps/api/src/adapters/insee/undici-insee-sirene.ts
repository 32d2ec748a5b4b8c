import { Agent, request, errors as undiciErrors } from 'undici'
import type { CompanyLookupResult, CompanyRegistry, Establishment } from '../../ports/company-registry.js'

export interface UndiciInseeSireneOptions {
  /** Base URL of Sirene 3.11, e.g. `https://api.insee.fr/api-sirene/3.11` (no trailing slash). */
  baseUrl: string
  /** The portail-api.insee.fr API key, sent as `X-INSEE-Api-Key-Integration`. */
  apiKey: string
  timeoutMs: number
  userAgent?: string
}

const failure = (
  kind: Extract<CompanyLookupResult, { ok: false }>['failure'],
  status: number | null,
  retryAfterSeconds: number | null = null,
): CompanyLookupResult => ({ ok: false, failure: kind, status, retryAfterSeconds })

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null)
const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {}

/**
 * Sirene 3.11's `etablissement` → the domain's establishment. The name is the establishment's
 * usual name when it has one, else its legal unit's denomination (or, for a person, the names).
 * The current period is the first of `periodesEtablissement`.
 */
export function toEstablishment(etablissement: unknown): Establishment | null {
  const e = record(etablissement)
  const siret = text(e.siret)
  if (!siret) return null
  const unit = record(e.uniteLegale)
  const address = record(e.adresseEtablissement)
  const periods = Array.isArray(e.periodesEtablissement) ? e.periodesEtablissement.map(record) : []
  const current = periods.find((p) => p.dateFin === null) ?? periods[0] ?? {}
  const personName = [
    text(unit.prenomUsuelUniteLegale),
    text(unit.nomUsageUniteLegale) ?? text(unit.nomUniteLegale),
  ]
    .filter((part) => part !== null)
    .join(' ')
  const name =
    text(current.denominationUsuelleEtablissement) ??
    text(unit.denominationUniteLegale) ??
    (personName === '' ? null : personName)
  if (!name) return null
  return {
    siret,
    name,
    cog: text(address.codeCommuneEtablissement),
    communeName: text(address.libelleCommuneEtablissement),
    postalCode: text(address.codePostalEtablissement),
    active: current.etatAdministratifEtablissement === 'A',
  }
}

function retryAfterSeconds(header: string | string[] | undefined): number | null {
  const value = Number(Array.isArray(header) ? header[0] : header)
  return Number.isFinite(value) && value >= 0 ? value : null
}

/**
 * INSEE's Sirene API 3.11 over HTTP (undici): `GET /siret/{siret}` with the portal's API key
 * header. 404 → `not_found`, 400 → `invalid_siret`, 429 → `rate_limited` (with `Retry-After`),
 * 401/403 → `rejected`, 5xx / timeout / reset → `unavailable`. No retry here: the caller (a job)
 * decides when to try again.
 */
export class UndiciInseeSirene implements CompanyRegistry {
  private readonly agent = new Agent({ keepAliveTimeout: 10_000, connections: 8 })

  constructor(private readonly options: UndiciInseeSireneOptions) {}

  async findEstablishment(siret: string): Promise<CompanyLookupResult> {
    if (!/^\d{14}$/.test(siret)) return failure('invalid_siret', null)
    let status: number
    let body: unknown = null
    let retryAfter: number | null = null
    try {
      const res = await request(`${this.options.baseUrl}/siret/${siret}`, {
        method: 'GET',
        dispatcher: this.agent,
        headers: {
          'x-insee-api-key-integration': this.options.apiKey,
          accept: 'application/json',
          'user-agent': this.options.userAgent ?? 'formulaire-qf',
        },
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      })
      status = res.statusCode
      retryAfter = retryAfterSeconds(res.headers['retry-after'])
      const raw = await res.body.text()
      try {
        body = raw ? JSON.parse(raw) : null
      } catch {
        body = null
      }
    } catch (err) {
      if (err instanceof undiciErrors.UndiciError || (err as NodeJS.ErrnoException).code)
        return failure('unavailable', null)
      throw err
    }
    if (status === 200) {
      const establishment = toEstablishment(record(body).etablissement)
      return establishment ? { ok: true, establishment } : failure('unavailable', status)
    }
    if (status === 404) return failure('not_found', status)
    if (status === 400) return failure('invalid_siret', status)
    if (status === 429) return failure('rate_limited', status, retryAfter)
    if (status === 401 || status === 403) return failure('rejected', status)
    return failure('unavailable', status, retryAfter)
  }

  async close(): Promise<void> {
    await this.agent.close()
  }
}
