import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { journeyErrorMessages, type JourneyErrorCode } from '@qf/contracts'
import type { QuotientFamilialFailureKind } from '../src/ports/quotient-familial-provider.js'
import { journeyCodeForQfFailure } from '../src/modules/journey/index.js'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { failureKindFor, isRetryable } from '../src/adapters/api-particulier/errors.js'

/**
 * API Particulier v3 errors of the quotient familial (HTTP status, `errors[0].code`) → the port's
 * failure kind (adapter) → the citizen's journey code (journey module).
 * The cases of docs protocols §2, plus those the official spec documents for the FranceConnect route.
 */
const table: [
  status: number,
  providerCode: string | null,
  kind: QuotientFamilialFailureKind,
  expected: JourneyErrorCode,
][] = [
  [404, '35003', 'not_found', 'qf_not_found'],
  [404, '23003', 'cnaf_file_not_found', 'qf_cnaf_file_not_found'],
  [404, '10003', 'msa_file_not_found', 'qf_msa_file_not_found'],
  [404, '37003', 'file_not_found', 'qf_file_not_found'],
  [401, '00101', 'token_invalid', 'qf_token_rejected'],
  [401, '00103', 'token_expired', 'qf_token_rejected'],
  [401, '00105', 'token_invalid', 'qf_token_rejected'],
  [403, '00100', 'scope_missing', 'qf_scope_missing'],
  [422, '00203', 'bad_request', 'qf_invalid_request'],
  [422, '00210', 'bad_request', 'qf_invalid_request'],
  [422, '00366', 'bad_request', 'qf_invalid_request'],
  [400, null, 'bad_request', 'qf_invalid_request'],
  [409, '00015', 'provider_unavailable', 'qf_provider_unavailable'],
  [429, '00429', 'rate_limited', 'qf_rate_limited'],
  [502, '37999', 'provider_error', 'qf_provider_error'],
  [504, '37001', 'provider_unavailable', 'qf_provider_unavailable'],
  [504, '37002', 'provider_unavailable', 'qf_provider_unavailable'],
  [504, '00501', 'provider_unavailable', 'qf_provider_unavailable'],
  // An unknown code falls back on the status.
  [404, '99999', 'not_found', 'qf_not_found'],
  [401, null, 'token_invalid', 'qf_token_rejected'],
  [403, null, 'scope_missing', 'qf_scope_missing'],
  [429, null, 'rate_limited', 'qf_rate_limited'],
  [502, null, 'provider_error', 'qf_provider_error'],
  [503, null, 'provider_unavailable', 'qf_provider_unavailable'],
  [500, null, 'provider_unavailable', 'qf_provider_unavailable'],
]

const journeyCodeFor = (status: number, providerCode: string | null) =>
  journeyCodeForQfFailure[failureKindFor(status, providerCode)]

describe('API Particulier error → failure kind → journey code', () => {
  it.each(table)('%i %s → %s → %s', (status, providerCode, kind, expected) => {
    expect(failureKindFor(status, providerCode)).toBe(kind)
    const code = journeyCodeFor(status, providerCode)
    expect(code).toBe(expected)
    expect(journeyErrorMessages[code]).toMatch(/\S/)
  })

  it('maps every error code the official spec documents for the FranceConnect route, as the table says', () => {
    const specPath = fileURLToPath(
      new URL('../../sandbox/specs/api-particulier-v3.openapi.yaml', import.meta.url),
    )
    type Example = { value?: { errors?: { code?: string }[] } }
    type Response = { content?: Record<string, { examples?: Record<string, Example> }> }
    const spec = parse(readFileSync(specPath, 'utf8')) as {
      paths: Record<string, { get: { responses: Record<string, Response> } }>
    }
    const responses = spec.paths['/v3/dss/quotient_familial/france_connect']?.get.responses ?? {}
    const documented = Object.entries(responses).flatMap(([status, response]) =>
      Object.values(response.content?.['application/json']?.examples ?? {}).flatMap((example) =>
        (example.value?.errors ?? []).map((e) => [Number(status), e.code ?? null] as const),
      ),
    )
    expect(documented.length).toBeGreaterThan(5)
    for (const [status, providerCode] of documented) {
      const row = table.find(([s, c]) => s === status && c === providerCode)
      expect(row, `${status} ${providerCode} is not in the table`).toBeDefined()
      expect(Object.keys(journeyErrorMessages)).toContain(journeyCodeFor(status, providerCode))
    }
  })

  it('retries only provider-side failures (5xx), never 4xx nor 429', () => {
    expect([500, 502, 503, 504].every(isRetryable)).toBe(true)
    expect([400, 401, 403, 404, 409, 422, 429].some(isRetryable)).toBe(false)
  })
})
