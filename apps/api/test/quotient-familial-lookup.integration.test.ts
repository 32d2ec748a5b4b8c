import { problemTypes } from '@qf/contracts'
import { type Sandbox, startSandbox } from '@qf/sandbox'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nominalCivility } from './contracts/quotient-familial-families.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'
import { LogCapture } from './helpers/log-capture.js'
import { bearer, buildRegistryServer, demoEditorSiret } from './helpers/registry.js'

const majastres = '21040107100019'
const saintDenis = '21974110600013'
const hauteluce = '21730132400018'

/** The sandbox's civility cases (apps/sandbox/fixtures/api-particulier/…_with_civility), as identities. */
const failing = (birthName: string, firstName: string) => ({
  birthName,
  firstNames: [firstName],
  sex: 'M' as const,
  birthDate: '2002-12-05',
  birthCountry: '99100',
  birthCommune: '08480',
})
const cases = {
  rateLimited: failing('DESFOUIN', 'René'),
  providerError: failing('DELANOUE', 'Jean-Marie'),
  timeout: failing('SITUDI', 'Clément'),
  /** Typing errors in the first names and only the birth year: not found (37003). */
  notFound: {
    ...nominalCivility,
    firstNames: ['ALEIXS', 'GRÉÔME', 'JEAN-PHILIPPE'],
    birthDate: '1982-00-00',
  },
}

let sandbox: Sandbox
let database: TestDatabase
let server: FastifyInstance
let admin: string
const logs = new LogCapture()

const lookup = (body: unknown, authorization = admin, target = server) =>
  target.inject({
    method: 'POST',
    url: '/api/v1/quotient-familial/lookup',
    headers: { authorization },
    payload: body as object,
  })

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  database = await createTestDatabase()
  server = await buildRegistryServer(database.url, {
    logs,
    env: { LOG_LEVEL: 'info', API_PARTICULIER_URL: `${sandbox.url}/api-particulier` },
  })
  admin = await bearer(server, { kind: 'admin' })
})
afterAll(async () => {
  await server?.close()
  await database?.drop()
  await sandbox?.close()
})

describe('POST /api/v1/quotient-familial/lookup against the sandbox', () => {
  it('200: the normalised QF, read with the collectivity’s own token and recipient = its SIRET', async () => {
    const res = await lookup({ siret: majastres, identity: nominalCivility })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      quotientFamilial: {
        supplier: 'CNAF',
        value: 2550,
        year: 2023,
        month: 6,
        computedYear: 2024,
        computedMonth: 12,
        allocataires: [
          {
            nomNaissance: 'LEFEBVRE',
            nomUsage: null,
            prenoms: 'ALEXIS GÉRÔME JEAN-PHILIPPE',
            dateNaissance: '1982-12-27',
            sexe: 'F',
          },
        ],
        enfants: [],
        withheld: [],
      },
    })
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('404: a person neither CAF nor MSA knows (partial birth date), with a stable code', async () => {
    const res = await lookup({ siret: majastres, identity: cases.notFound })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ type: problemTypes.quotientFamilialNotFound, code: 'file_not_found' })
  })

  it('429 from API Particulier: a problem with its Retry-After', async () => {
    const res = await lookup({ siret: majastres, identity: cases.rateLimited })
    expect(res.statusCode).toBe(429)
    expect(res.json()).toMatchObject({ type: problemTypes.quotientFamilialRateLimited, code: 'rate_limited' })
    expect(res.headers['retry-after']).toBe('1')
  })

  it('502 and 504 from the provider: stable problems', async () => {
    const bad = await lookup({ siret: majastres, identity: cases.providerError })
    expect(bad.statusCode).toBe(502)
    expect(bad.json()).toMatchObject({
      type: problemTypes.quotientFamilialProviderError,
      code: 'provider_error',
    })
    const down = await lookup({ siret: majastres, identity: cases.timeout })
    expect(down.statusCode).toBe(503)
    expect(down.json()).toMatchObject({
      type: problemTypes.quotientFamilialUnavailable,
      code: 'provider_unavailable',
    })
  })

  it('422 on a value outside a choice: one error listing the allowed values, in French', async () => {
    const res = await lookup({ siret: majastres, identity: { ...nominalCivility, sex: 'female' } })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors).toEqual([
      { name: 'body.identity.sex', reason: 'ne fait pas partie des valeurs permises (M, F)' },
    ])
  })

  it('an expired collectivity token: a clear problem naming the renewal through DataPass', async () => {
    const res = await lookup({ siret: saintDenis, identity: nominalCivility })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ type: problemTypes.apiParticulierTokenExpired, code: 'token_expired' })
    expect(res.json().detail).toMatch(/2026-01-31.*DataPass/)
  })

  it('an expired token the registry still believes valid: API Particulier’s 00103 gives the same problem', async () => {
    // The registry's clock set before Saint-Denis's expiry date: the call reaches the sandbox, which refuses it.
    const before = { now: () => new Date('2026-01-15T00:00:00Z') }
    const early = await buildRegistryServer(database.url, {
      env: { API_PARTICULIER_URL: `${sandbox.url}/api-particulier`, DEMO_SEED: 'false' },
      ports: { clock: before },
    })
    try {
      const res = await lookup(
        { siret: saintDenis, identity: nominalCivility },
        await bearer(early, { kind: 'admin' }),
        early,
      )
      expect(res.statusCode).toBe(409)
      expect(res.json()).toMatchObject({ type: problemTypes.apiParticulierTokenExpired })
    } finally {
      await early.close()
    }
  })

  it('an editor key may look up only for its own collectivities (foreign SIRET → 403)', async () => {
    const editor = await bearer(server, { kind: 'editor', siret: demoEditorSiret })
    const res = await lookup({ siret: majastres, identity: nominalCivility }, editor)
    expect(res.statusCode).toBe(403)
    expect(res.json().type).toBe(problemTypes.forbidden)
    await server.db
      .updateTable('collectivities')
      .set({ editor: 'Logiciels Communes', editor_siret: demoEditorSiret })
      .where('siret', '=', hauteluce)
      .execute()
    expect((await lookup({ siret: hauteluce, identity: nominalCivility }, editor)).statusCode).toBe(200)
    expect((await lookup({ siret: hauteluce, identity: nominalCivility }, 'Bearer nope')).statusCode).toBe(
      401,
    )
  })

  it('refuses a malformed identity with a validation problem naming the field', async () => {
    const res = await lookup({ siret: majastres, identity: { ...nominalCivility, birthDate: '1982-13-01' } })
    expect(res.statusCode).toBe(422)
    expect(JSON.stringify(res.json().errors)).toContain('birthDate')
  })

  it('never logs the identity', () => {
    const text = JSON.stringify(logs.lines)
    for (const secret of [
      'LEFEBVRE',
      'ALEXIS',
      '1982-12-27',
      'DESFOUIN',
      'SITUDI',
      'sandbox-api-particulier-',
    ])
      expect(text).not.toContain(secret)
  })
})

describe('20 requests per second and per token (token bucket, frozen clock)', () => {
  it('the request over the limit is a 429 problem with Retry-After, before API Particulier is called', async () => {
    const frozen = new Date()
    const limited = await buildRegistryServer(database.url, {
      env: {
        API_PARTICULIER_URL: `${sandbox.url}/api-particulier`,
        API_PARTICULIER_LOOKUP_RATE: '2',
        DEMO_SEED: 'false',
      },
      ports: { clock: { now: () => frozen } },
    })
    try {
      const key = await bearer(limited, { kind: 'admin' })
      const statuses = []
      for (let i = 0; i < 3; i++)
        statuses.push(
          (await lookup({ siret: majastres, identity: nominalCivility }, key, limited)).statusCode,
        )
      expect(statuses).toEqual([200, 200, 429])
      const over = await lookup({ siret: majastres, identity: nominalCivility }, key, limited)
      expect(over.headers['retry-after']).toBe('1')
      expect(over.json().type).toBe(problemTypes.quotientFamilialRateLimited)
      // Another collectivity's token has its own bucket.
      expect((await lookup({ siret: hauteluce, identity: nominalCivility }, key, limited)).statusCode).toBe(
        200,
      )
    } finally {
      await limited.close()
    }
  })
})
