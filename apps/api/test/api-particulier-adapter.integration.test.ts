import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  HttpApiParticulier,
  type HttpApiParticulierOptions,
} from '../src/adapters/api-particulier/http-api-particulier.js'
import { stagingFamilies } from './contracts/quotient-familial-families.js'
import { ScriptedServer } from './contracts/scripted-server.js'

const recipient = '21040107100019'
const token = 'the-citizens-franceconnect-token'
const path = '/v3/dss/quotient_familial/france_connect'
const okBody = { data: stagingFamilies.avec_nom_dusage, links: {}, meta: {} }
const apiError = (code: string, meta: Record<string, unknown> = {}) => ({
  errors: [{ code, title: 'Erreur', detail: 'Détail pour un humain.', source: null, meta }],
})

let server: ScriptedServer
const adapters: HttpApiParticulier[] = []

beforeAll(async () => {
  server = await ScriptedServer.start()
})
afterEach(async () => {
  for (const adapter of adapters.splice(0)) await adapter.close()
})
afterAll(() => server.close())

/** An adapter on the scripted server, retrying fast unless a test says otherwise. */
function adapter(options: Partial<HttpApiParticulierOptions> = {}) {
  const a = new HttpApiParticulier({
    baseUrl: server.url,
    timeoutMs: 5_000,
    backoffMs: 1,
    maxDelayMs: 50,
    ...options,
  })
  adapters.push(a)
  return a
}

/** Options under which an unhonoured provider delay (or an uncapped one) would outlast the test timeout. */
const slowBackoff = { backoffMs: 600_000, maxDelayMs: 600_000 }

describe('HttpApiParticulier: the request', () => {
  it('calls the FranceConnect route with the recipient and the bearer token', async () => {
    server.answers({ status: 200, body: okBody })
    const result = await adapter().byFranceConnectToken(token, recipient)
    expect(result.ok).toBe(true)
    expect(server.requests).toHaveLength(1)
    const [request] = server.requests
    expect(request?.method).toBe('GET')
    expect(request?.url.pathname).toBe(path)
    expect(request?.url.searchParams.get('recipient')).toBe(recipient)
    expect(request?.headers.authorization).toBe(`Bearer ${token}`)
    expect(request?.headers.accept).toBe('application/json')
  })

  it('maps the answer and keeps the raw data', async () => {
    server.answers({ status: 200, body: okBody })
    const result = await adapter().byFranceConnectToken(token, recipient)
    if (!result.ok) throw new Error(result.kind)
    expect(result.quotientFamilial).toMatchObject({
      supplier: 'CNAF',
      value: 2550,
      computedYear: 2024,
      computedMonth: 12,
    })
    expect(result.quotientFamilial.enfants).toHaveLength(3)
    expect(result.raw).toEqual(okBody.data)
  })
})

describe('HttpApiParticulier: retries', () => {
  it('a 200 without quotient_familial (masked: the habilitation lacks the scope) is scope_missing, not retried', async () => {
    const { quotient_familial: _masked, ...rest } = stagingFamilies.avec_nom_dusage ?? {}
    server.answers({ status: 200, body: { data: rest, links: {}, meta: {} } })
    const result = await adapter().byFranceConnectToken(token, recipient)
    expect(result).toEqual({
      ok: false,
      kind: 'scope_missing',
      providerCode: null,
      status: 200,
      retryAfterSeconds: null,
    })
    expect(server.requests).toHaveLength(1)
  })

  it('succeeds after a retry when a 503 is followed by a 200', async () => {
    server.answers({ status: 503, body: 'Service Unavailable' }, { status: 200, body: okBody })
    const result = await adapter().byFranceConnectToken(token, recipient)
    expect(result.ok).toBe(true)
    expect(server.requests).toHaveLength(2)
  })

  it('honours meta.retry_in of a 504 (a zero wait beats a ten-minute backoff)', async () => {
    server.answers({ status: 504, body: apiError('37001', { retry_in: 0 }) }, { status: 200, body: okBody })
    const result = await adapter(slowBackoff).byFranceConnectToken(token, recipient)
    expect(result.ok).toBe(true)
    expect(server.requests).toHaveLength(2)
  })

  it('honours Retry-After (a zero wait beats a ten-minute backoff)', async () => {
    server.answers(
      { status: 504, body: apiError('00501'), headers: { 'retry-after': '0' } },
      { status: 200, body: okBody },
    )
    const result = await adapter(slowBackoff).byFranceConnectToken(token, recipient)
    expect(result.ok).toBe(true)
    expect(server.requests).toHaveLength(2)
  })

  it('caps a long Retry-After at maxDelayMs', async () => {
    server.answers({ status: 503, headers: { 'retry-after': '3600' } }, { status: 200, body: okBody })
    const result = await adapter({ backoffMs: 600_000, maxDelayMs: 1 }).byFranceConnectToken(token, recipient)
    expect(result.ok).toBe(true)
    expect(server.requests).toHaveLength(2)
  })

  it('gives up after three 502 37999: provider_error', async () => {
    server.answers({ status: 502, body: apiError('37999') })
    const result = await adapter().byFranceConnectToken(token, recipient)
    expect(result).toEqual({
      ok: false,
      kind: 'provider_error',
      providerCode: '37999',
      status: 502,
      retryAfterSeconds: null,
    })
    expect(server.requests).toHaveLength(3)
  })

  it('retries a reset connection, then answers provider_unavailable', async () => {
    server.answers('reset')
    const result = await adapter().byFranceConnectToken(token, recipient)
    expect(result).toEqual({
      ok: false,
      kind: 'provider_unavailable',
      providerCode: null,
      status: null,
      retryAfterSeconds: null,
    })
    expect(server.requests).toHaveLength(3)
  })

  it('recovers when a reset connection is followed by a 200', async () => {
    server.answers('reset', { status: 200, body: okBody })
    const result = await adapter().byFranceConnectToken(token, recipient)
    expect(result.ok).toBe(true)
    expect(server.requests).toHaveLength(2)
  })

  it('retries a provider that does not answer in time, then answers provider_unavailable', async () => {
    server.answers('hang')
    const result = await adapter({ timeoutMs: 100 }).byFranceConnectToken(token, recipient)
    expect(result).toMatchObject({ ok: false, kind: 'provider_unavailable', status: null })
    expect(server.requests).toHaveLength(3)
  })

  it('honours maxAttempts', async () => {
    server.answers({ status: 503 })
    const result = await adapter({ maxAttempts: 5 }).byFranceConnectToken(token, recipient)
    expect(result).toMatchObject({ ok: false, kind: 'provider_unavailable', status: 503 })
    expect(server.requests).toHaveLength(5)
  })
})

describe('HttpApiParticulier: answers not retried', () => {
  it('does not retry a 429: rate_limited', async () => {
    server.answers(
      { status: 429, body: apiError('00429'), headers: { 'retry-after': '0' } },
      { status: 200, body: okBody },
    )
    const result = await adapter().byFranceConnectToken(token, recipient)
    expect(result).toEqual({
      ok: false,
      kind: 'rate_limited',
      providerCode: '00429',
      status: 429,
      retryAfterSeconds: 0,
    })
    expect(server.requests).toHaveLength(1)
  })

  it('answers cnaf_file_not_found for a 404 23003', async () => {
    server.answers({ status: 404, body: apiError('23003') })
    const result = await adapter().byFranceConnectToken(token, recipient)
    expect(result).toEqual({
      ok: false,
      kind: 'cnaf_file_not_found',
      providerCode: '23003',
      status: 404,
      retryAfterSeconds: null,
    })
    expect(server.requests).toHaveLength(1)
  })

  it('keeps the provider code API Particulier forwards in meta (CNAV 400) and says it plainly', async () => {
    server.answers({
      status: 422,
      body: apiError('00366', { provider_error_code: 40001, provider_error_message: 'Civilité invalide' }),
    })
    const result = await adapter().byIdentity('collectivity-token', recipient, {
      birthName: 'MUÑOZ',
      firstNames: ['JOÃO'],
      birthDate: '1990-01-01',
      birthCountry: '99139',
    })
    expect(result).toMatchObject({
      ok: false,
      kind: 'bad_request',
      providerCode: '00366',
      providerErrorCode: '40001',
    })
    if (result.ok) throw new Error('expected a failure')
    expect(result.providerMessage).toBe(
      'la CNAV ne reconnaît pas cette civilité (code 40001) : vérifiez l’orthographe des nom et prénoms, le sexe et la date de naissance',
    )
    // No sex given: the parameter is left out (optional since April 2026); ñ and ã are sent as they are.
    const [request] = server.requests
    expect(request?.url.searchParams.has('sexeEtatCivil')).toBe(false)
    expect(request?.url.searchParams.get('nomNaissance')).toBe('MUÑOZ')
    expect(request?.url.searchParams.getAll('prenoms[]')).toEqual(['JOÃO'])
  })

  it('a 422 without provider meta has no provider message', async () => {
    server.answers({ status: 422, body: apiError('00366') })
    const result = await adapter().byIdentity('collectivity-token', recipient, {
      birthName: 'X',
      firstNames: ['Y'],
      sex: 'M',
      birthDate: '1990-01-01',
      birthCountry: '99139',
    })
    expect(result).toMatchObject({ ok: false, kind: 'bad_request', providerCode: '00366' })
    expect(result).not.toHaveProperty('providerErrorCode')
  })

  it('answers token_invalid for a 401 00101', async () => {
    server.answers({ status: 401, body: apiError('00101') })
    const result = await adapter().byFranceConnectToken(token, recipient)
    expect(result).toMatchObject({ ok: false, kind: 'token_invalid', providerCode: '00101' })
    expect(server.requests).toHaveLength(1)
  })

  it.each([
    ['a body without data', { links: {}, meta: {} }],
    [
      'a quotient familial without its value',
      { data: { quotient_familial: { fournisseur: 'CNAF', annee: 2024, mois: 2 } } },
    ],
    [
      'an unknown supplier',
      { data: { quotient_familial: { fournisseur: 'CNAV', valeur: 1, annee: 2024, mois: 2 } } },
    ],
    ['a text body', 'OK'],
  ])('answers provider_error for a 200 with %s, without retrying', async (_label, body) => {
    server.answers({ status: 200, body })
    const result = await adapter().byFranceConnectToken(token, recipient)
    expect(result).toEqual({
      ok: false,
      kind: 'provider_error',
      providerCode: null,
      status: 200,
      retryAfterSeconds: null,
    })
    expect(server.requests).toHaveLength(1)
  })
})
