import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { journeyErrorMessages, type JourneyErrorCode } from '@qf/contracts'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { isRetryable, journeyCodeFor } from '../src/adapters/api-particulier/errors.js'

/**
 * API Particulier v3 errors of the quotient familial (HTTP status, `errors[0].code`) → journey code.
 * The cases of docs protocols §2, plus those the official spec documents for the FranceConnect route.
 */
const table: [status: number, providerCode: string | null, expected: JourneyErrorCode][] = [
  [404, '35003', 'qf_not_found'],
  [404, '23003', 'qf_cnaf_file_not_found'],
  [404, '10003', 'qf_msa_file_not_found'],
  [404, '37003', 'qf_file_not_found'],
  [401, '00101', 'qf_token_rejected'],
  [401, '00103', 'qf_token_rejected'],
  [401, '00105', 'qf_token_rejected'],
  [403, '00100', 'qf_scope_missing'],
  [422, '00203', 'qf_invalid_request'],
  [422, '00210', 'qf_invalid_request'],
  [422, '00366', 'qf_invalid_request'],
  [400, null, 'qf_invalid_request'],
  [409, '00015', 'qf_provider_unavailable'],
  [429, '00429', 'qf_rate_limited'],
  [502, '37999', 'qf_provider_error'],
  [504, '37001', 'qf_provider_unavailable'],
  [504, '37002', 'qf_provider_unavailable'],
  [504, '00501', 'qf_provider_unavailable'],
  // An unknown code falls back on the status.
  [404, '99999', 'qf_not_found'],
  [401, null, 'qf_token_rejected'],
  [403, null, 'qf_scope_missing'],
  [429, null, 'qf_rate_limited'],
  [502, null, 'qf_provider_error'],
  [503, null, 'qf_provider_unavailable'],
  [500, null, 'qf_provider_unavailable'],
]

describe('API Particulier error → journey code', () => {
  it.each(table)('%i %s → %s', (status, providerCode, expected) => {
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
