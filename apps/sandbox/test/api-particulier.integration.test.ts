import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  demoEditorApiParticulier,
  type FranceConnectClient,
  type Sandbox,
  seedCollectivities,
  startSandbox,
} from '../src/index.js'
import { loadTestIdentities } from '../src/franceconnect/index.js'
import { loadQfFixtures, type QfFixture } from '../src/api-particulier/fixtures.js'
import { ApiParticulierSpec } from './helpers/api-particulier-spec.js'
import { franceConnectLogin, qfScopes } from '@qf/testing'

const fcPath = '/v3/dss/quotient_familial/france_connect'
const civilityPath = '/v3/dss/quotient_familial/identite'
const recipient = '21040107100019'
const fullScopes = `${qfScopes} cnaf_adresse`

const rp: FranceConnectClient = {
  clientId: 'test-api-particulier-rp',
  clientSecret: 'test-api-particulier-rp-secret-0123456789',
  redirectUris: ['http://rp.test/callback'],
  postLogoutRedirectUris: ['http://rp.test/logged-out'],
}
const relyingParty = {
  clientId: rp.clientId,
  clientSecret: rp.clientSecret,
  redirectUri: rp.redirectUris[0] ?? '',
}

const collectivity = (name: string) => {
  const c = seedCollectivities.find((s) => s.name === name)
  if (!c) throw new Error(name)
  return c
}
const activeToken = collectivity('Majastres').apiParticulierToken
const expiredToken = collectivity('Saint-Denis').apiParticulierToken

interface ApiErrorItem {
  code: string
  title: string
  detail: string
  source: { parameter: string } | null
  meta: Record<string, unknown>
}
interface Answer {
  status: number
  headers: Headers
  body: { data?: Record<string, unknown>; errors?: ApiErrorItem[] } & Record<string, unknown>
}

let sandbox: Sandbox
const spec = new ApiParticulierSpec()

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, franceConnectClients: [rp] })
})
afterAll(() => sandbox.close())

async function call(
  path: string,
  token: string | undefined,
  query: URLSearchParams | string,
  init: RequestInit = {},
) {
  const headers = new Headers(init.headers)
  if (token) headers.set('authorization', `Bearer ${token}`)
  const response = await fetch(`${sandbox.url}/api-particulier${path}?${query.toString()}`, {
    ...init,
    headers,
  })
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Answer['body'],
  }
}

/** Calls like a well-behaved client: waits out API Particulier's rate limit (not a fixture's 429). */
async function politeCall(path: string, token: string, query: URLSearchParams): Promise<Answer> {
  for (;;) {
    const answer = await call(path, token, query)
    if (answer.status !== 429 || answer.headers.get('ratelimit-remaining') !== '0') return answer
    await new Promise((r) => setTimeout(r, Number(answer.headers.get('retry-after') ?? '1') * 1000))
  }
}

function civilityQuery(params: QfFixture['params'], extra: Record<string, string> = {}): URLSearchParams {
  const query = new URLSearchParams({ recipient, ...extra })
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) v.forEach((p) => query.append(`${k}[]`, p))
    else query.set(k, String(v))
  }
  return query
}

function expectSpecValid(path: string, answer: Answer, masked: readonly string[] = []) {
  expect(spec.errors(path, answer.status, answer.body, masked), JSON.stringify(answer.body)).toEqual([])
  if (answer.body.errors) {
    for (const e of answer.body.errors) {
      expect(Object.keys(e).sort()).toEqual(['code', 'detail', 'meta', 'source', 'title'])
    }
  }
}

function expectRateLimitHeaders(answer: Answer) {
  expect(answer.headers.get('ratelimit-limit')).toBe('20')
  expect(answer.headers.get('ratelimit-remaining')).toMatch(/^\d+$/)
  expect(answer.headers.get('ratelimit-reset')).toMatch(/^\d{10}$/)
}

/** `CNAF 2550 (2 allocataires 3 enfants; ...)` or `none (404 35003)`. */
function parseExpectedQf(text: string) {
  const m = /^(CNAF|MSA) (\d+) \((\d+) allocataires? (\d+) enfants?/.exec(text)
  if (!m) return undefined
  return { fournisseur: m[1], valeur: Number(m[2]), allocataires: Number(m[3]), enfants: Number(m[4]) }
}

describe('API Particulier stand-in: quotient familial with a FranceConnect token', () => {
  const identities = loadTestIdentities()

  it.each(identities.map((i) => [i.login, i.expected_qf] as const))(
    'answers what test-identities.csv expects for %s (%s)',
    async (login, expectedText) => {
      const { accessToken } = await franceConnectLogin(sandbox.url, relyingParty, login, fullScopes)
      const answer = await call(fcPath, accessToken, new URLSearchParams({ recipient }))
      expectRateLimitHeaders(answer)
      expectSpecValid(fcPath, answer)
      const expected = parseExpectedQf(expectedText)
      if (!expected) {
        expect(expectedText).toBe('none (404 35003)')
        expect(answer.status).toBe(404)
        expect(answer.body).toEqual({
          errors: [
            {
              code: '35003',
              title: 'Allocataire non référencé',
              detail: "L'allocataire n'est pas référencé auprès des caisses éligibles",
              source: null,
              meta: { provider: 'CNAF & MSA' },
            },
          ],
        })
        return
      }
      expect(answer.status).toBe(200)
      const data = answer.body.data as {
        quotient_familial: { fournisseur: string; valeur: number }
        allocataires: unknown[]
        enfants: unknown[]
        adresse: unknown
      }
      expect(data.quotient_familial).toMatchObject({
        fournisseur: expected.fournisseur,
        valeur: expected.valeur,
      })
      expect(data.allocataires).toHaveLength(expected.allocataires)
      expect(data.enfants).toHaveLength(expected.enfants)
      expect(data.adresse).toBeTruthy()
      expect(answer.body.links).toEqual({})
      expect(answer.body.meta).toEqual({})
    },
  )

  it('masks the fields whose scope was not granted (absent, not null)', async () => {
    const { accessToken } = await franceConnectLogin(sandbox.url, relyingParty, 'sans_nom_dusage', qfScopes)
    const answer = await call(fcPath, accessToken, new URLSearchParams({ recipient }))
    expect(answer.status).toBe(200)
    expect(Object.keys(answer.body.data ?? {}).sort()).toEqual([
      'allocataires',
      'enfants',
      'quotient_familial',
    ])
    expectSpecValid(fcPath, answer, ['adresse'])

    const narrow = await franceConnectLogin(
      sandbox.url,
      relyingParty,
      'sans_nom_dusage',
      'openid identite_pivot cnaf_quotient_familial',
    )
    const qfOnly = await call(fcPath, narrow.accessToken, new URLSearchParams({ recipient }))
    expect(qfOnly.status).toBe(200)
    expect(Object.keys(qfOnly.body.data ?? {})).toEqual(['quotient_familial'])
  })

  it('refuses a token without cnaf_quotient_familial (403 00100)', async () => {
    const { accessToken } = await franceConnectLogin(
      sandbox.url,
      relyingParty,
      'test',
      'openid identite_pivot cnaf_enfants',
    )
    const answer = await call(fcPath, accessToken, new URLSearchParams({ recipient }))
    expect(answer.status).toBe(403)
    expect(answer.body.errors?.[0]?.code).toBe('00100')
    expectSpecValid(fcPath, answer)
  })

  it('refuses an unknown token (401 00101), a collectivity token included', async () => {
    for (const token of ['not-a-franceconnect-token', activeToken]) {
      const answer = await call(fcPath, token, new URLSearchParams({ recipient }))
      expect(answer.status).toBe(401)
      expect(answer.body.errors?.[0]).toMatchObject({ code: '00101', source: { parameter: 'token' } })
      expectSpecValid(fcPath, answer)
      expectRateLimitHeaders(answer)
    }
    const none = await call(fcPath, undefined, new URLSearchParams({ recipient }))
    expect(none.status).toBe(401)
  })

  it('refuses a missing or invalid recipient (422, source.parameter recipient)', async () => {
    const { accessToken } = await franceConnectLogin(sandbox.url, relyingParty, 'test')
    const missing = await call(fcPath, accessToken, new URLSearchParams())
    expect(missing.status).toBe(422)
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ code: '00203', source: { parameter: 'recipient' } }),
    ])
    expectSpecValid(fcPath, missing)
    for (const bad of ['21040107100018', '2104010710001', 'abcdefghijklmn']) {
      const invalid = await call(fcPath, accessToken, new URLSearchParams({ recipient: bad }))
      expect(invalid.status).toBe(422)
      expect(invalid.body.errors?.[0]?.source).toEqual({ parameter: 'recipient' })
    }
  })

  it('answers a second identical call from its cache', async () => {
    const { accessToken } = await franceConnectLogin(sandbox.url, relyingParty, 'test')
    const first = await call(fcPath, accessToken, new URLSearchParams({ recipient }))
    const second = await call(fcPath, accessToken, new URLSearchParams({ recipient }))
    expect(first.headers.get('x-response-cached')).toBe('false')
    expect(second.headers.get('x-response-cached')).toBe('true')
    expect(second.body).toEqual(first.body)
    const bypass = await call(fcPath, accessToken, new URLSearchParams({ recipient }), {
      headers: { 'cache-control': 'no-cache' },
    })
    expect(bypass.headers.get('x-response-cached')).toBe('false')
  })
})

describe('API Particulier stand-in: quotient familial with civility', () => {
  const { civility } = loadQfFixtures()

  it.each(civility.map((f) => [f.file, f] as const))(
    'answers the staging fixture %s',
    async (_file, fixture) => {
      const answer = await politeCall(civilityPath, activeToken, civilityQuery(fixture.params))
      expectRateLimitHeaders(answer)
      if (!('prenoms' in fixture.params)) {
        // The spec makes prenoms[] mandatory: such a staging case cannot be reached with a valid request.
        expect(answer.status).toBe(422)
        expect(answer.body.errors?.map((e) => e.source?.parameter)).toEqual(['prenoms[]'])
        return
      }
      expect(answer.status).toBe(fixture.status)
      expect(answer.body).toEqual(fixture.payload)
      expectSpecValid(civilityPath, answer)
      if (fixture.status === 429) expect(answer.headers.get('retry-after')).toMatch(/^\d+$/)
    },
  )

  it('matches regardless of case and accents', async () => {
    const query = civilityQuery({
      nomNaissance: 'lefebvre',
      prenoms: ['alexis', 'gerome', 'jean-philippe'],
      anneeDateNaissance: 1982,
      moisDateNaissance: 12,
      jourDateNaissance: 27,
      sexeEtatCivil: 'F',
      codeCogInseeCommuneNaissance: '08480',
      codeCogInseePaysNaissance: '99100',
    })
    const answer = await politeCall(civilityPath, activeToken, query)
    expect(answer.status).toBe(200)
  })

  it('takes sexeEtatCivil as optional and case-insensitive (CNAV since April 2026)', async () => {
    const nominal = {
      nomNaissance: 'LEFEBVRE',
      prenoms: ['ALEXIS', 'GÉRÔME', 'JEAN-PHILIPPE'],
      anneeDateNaissance: 1982,
      moisDateNaissance: 12,
      jourDateNaissance: 27,
      codeCogInseeCommuneNaissance: '08480',
      codeCogInseePaysNaissance: '99100',
    }
    const without = await politeCall(civilityPath, activeToken, civilityQuery(nominal))
    expect(without.status).toBe(200)
    expectSpecValid(civilityPath, without)
    const lower = await politeCall(
      civilityPath,
      activeToken,
      civilityQuery({ ...nominal, sexeEtatCivil: 'f' }),
    )
    expect(lower.status).toBe(200)
    expect(lower.body).toEqual(without.body)
    const other = await politeCall(
      civilityPath,
      activeToken,
      civilityQuery({ ...nominal, sexeEtatCivil: 'm' }),
    )
    expect(other.status).toBe(404)
    const bad = await politeCall(civilityPath, activeToken, civilityQuery({ ...nominal, sexeEtatCivil: 'x' }))
    expect(bad.status).toBe(422)
    expect(bad.body.errors?.map((e) => e.source?.parameter)).toEqual(['sexeEtatCivil'])
  })

  it('accepts non-French Latin letters (ñ, ã), transliterated as the provider does', async () => {
    const answer = await politeCall(
      civilityPath,
      activeToken,
      civilityQuery({
        nomNaissance: 'LËFEBVRÉ',
        prenoms: ['ALEXIS', 'GÉRÔME', 'JEAN-PHILIPPE'],
        anneeDateNaissance: 1982,
        moisDateNaissance: 12,
        jourDateNaissance: 27,
        sexeEtatCivil: 'F',
        codeCogInseeCommuneNaissance: '08480',
        codeCogInseePaysNaissance: '99100',
      }),
    )
    expect(answer.status).toBe(200)
    const spanish = await politeCall(
      civilityPath,
      activeToken,
      civilityQuery({
        nomNaissance: 'Muñoz São',
        prenoms: ['Ãna'],
        sexeEtatCivil: 'F',
        codeCogInseePaysNaissance: '99134',
      }),
    )
    expect(spanish.status).toBe(404)
    expect(spanish.body.errors?.[0]?.code).toBe('35003')
  })

  it('answers 404 35003 for a person without a fixture', async () => {
    const answer = await politeCall(
      civilityPath,
      activeToken,
      civilityQuery({
        nomNaissance: 'INCONNU',
        prenoms: ['PERSONNE'],
        anneeDateNaissance: 1990,
        sexeEtatCivil: 'M',
        codeCogInseeCommuneNaissance: '75101',
        codeCogInseePaysNaissance: '99100',
      }),
    )
    expect(answer.status).toBe(404)
    expect(answer.body.errors?.[0]?.code).toBe('35003')
    expectSpecValid(civilityPath, answer)
  })

  it('refuses unknown and expired collectivity tokens', async () => {
    const query = civilityQuery({
      nomNaissance: 'X',
      prenoms: ['Y'],
      sexeEtatCivil: 'M',
      codeCogInseePaysNaissance: '99350',
    })
    const unknown = await call(civilityPath, 'sandbox-api-particulier-00000000000000', query)
    expect(unknown.status).toBe(401)
    expect(unknown.body.errors?.[0]?.code).toBe('00101')
    expectSpecValid(civilityPath, unknown)
    const expired = await call(civilityPath, expiredToken, query)
    expect(expired.status).toBe(401)
    expect(expired.body.errors?.[0]?.code).toBe('00103')
    expectSpecValid(civilityPath, expired)
  })

  it('answers one 422 error per bad parameter', async () => {
    const query = new URLSearchParams({
      nomNaissance: '',
      sexeEtatCivil: 'X',
      codeCogInseePaysNaissance: '991',
      anneeDateNaissance: 'abc',
    })
    const answer = await politeCall(civilityPath, activeToken, query)
    expect(answer.status).toBe(422)
    expectSpecValid(civilityPath, answer)
    expect(answer.body.errors?.map((e) => e.source?.parameter).sort()).toEqual(
      [
        'anneeDateNaissance',
        'codeCogInseePaysNaissance',
        'nomNaissance',
        'prenoms[]',
        'recipient',
        'sexeEtatCivil',
      ].sort(),
    )
    expect(answer.body.errors?.find((e) => e.source?.parameter === 'recipient')?.code).toBe('00203')
  })

  it('asks for the birth commune of a person born in France, and refuses it for one born abroad', async () => {
    const base = { nomNaissance: 'X', prenoms: ['Y'], sexeEtatCivil: 'M' }
    const france = await politeCall(
      civilityPath,
      activeToken,
      civilityQuery({ ...base, codeCogInseePaysNaissance: '99100' }),
    )
    expect(france.status).toBe(422)
    expect(france.body.errors?.map((e) => e.source?.parameter)).toEqual(['codeCogInseeCommuneNaissance'])
    const abroad = await politeCall(
      civilityPath,
      activeToken,
      civilityQuery({ ...base, codeCogInseePaysNaissance: '99350', codeCogInseeCommuneNaissance: '75101' }),
    )
    expect(abroad.status).toBe(422)
  })

  it('limits a token to 20 requests per second (429 00429 with Retry-After)', async () => {
    const token = collectivity('Ajaccio').apiParticulierToken
    const query = civilityQuery({
      nomNaissance: 'X',
      prenoms: ['Y'],
      sexeEtatCivil: 'M',
      codeCogInseePaysNaissance: '99350',
    })
    const answers = await Promise.all(Array.from({ length: 60 }, () => call(civilityPath, token, query)))
    const limited = answers.filter((a) => a.status === 429)
    expect(limited.length).toBeGreaterThan(0)
    for (const a of limited) {
      expect(a.body.errors?.[0]?.code).toBe('00429')
      expect(a.headers.get('retry-after')).toMatch(/^\d+$/)
      expect(a.headers.get('ratelimit-remaining')).toBe('0')
      expectSpecValid(civilityPath, a)
    }
  })

  it('accepts annee only for N, N-1 or N-2 (else 422 00356), and no month in the future (00354)', async () => {
    const year = new Date().getUTCFullYear()
    const base = {
      nomNaissance: 'INCONNU',
      prenoms: ['PERSONNE'],
      sexeEtatCivil: 'M',
      codeCogInseePaysNaissance: '99350',
    }
    for (const annee of [year - 3, year + 1, 2000]) {
      const answer = await politeCall(civilityPath, activeToken, civilityQuery({ ...base, annee, mois: 1 }))
      expect(answer.status).toBe(422)
      expect(answer.body.errors).toEqual([
        {
          code: '00356',
          title: 'Entité non traitable',
          detail: "L'année demandée doit être l'année en cours (N), N-1 ou N-2.",
          source: { parameter: 'annee' },
          meta: {},
        },
      ])
      expectSpecValid(civilityPath, answer)
    }
    for (const annee of [year, year - 1, year - 2]) {
      const answer = await politeCall(civilityPath, activeToken, civilityQuery({ ...base, annee, mois: 1 }))
      expect(answer.status, String(annee)).toBe(404)
    }
    const month = new Date().getUTCMonth() + 1
    if (month < 12) {
      const future = await politeCall(
        civilityPath,
        activeToken,
        civilityQuery({ ...base, annee: year, mois: month + 1 }),
      )
      expect(future.status).toBe(422)
      expect(future.body.errors?.[0]).toMatchObject({ code: '00354', source: { parameter: 'mois' } })
    }
    const { accessToken } = await franceConnectLogin(sandbox.url, relyingParty, 'test')
    const fc = await call(fcPath, accessToken, new URLSearchParams({ recipient, annee: String(year - 3) }))
    expect(fc.status).toBe(422)
    expect(fc.body.errors?.[0]).toMatchObject({ code: '00356', source: { parameter: 'annee' } })
  })

  it('answers 404 for other paths, still with the rate-limit headers', async () => {
    const answer = await call('/v3/unknown', activeToken, '')
    expect(answer.status).toBe(404)
    expectRateLimitHeaders(answer)
  })
})

describe('API Particulier stand-in: one editor token and delegations', () => {
  const editorToken = demoEditorApiParticulier.token
  const [majastresDelegation, hautelucDelegation] = demoEditorApiParticulier.delegations
  const nominal = {
    nomNaissance: 'LEFEBVRE',
    prenoms: ['ALEXIS', 'GÉRÔME', 'JEAN-PHILIPPE'],
    anneeDateNaissance: 1982,
    moisDateNaissance: 12,
    jourDateNaissance: 27,
    sexeEtatCivil: 'F',
    codeCogInseeCommuneNaissance: '08480',
    codeCogInseePaysNaissance: '99100',
  }

  it('lists the editor’s delegations (GET /editeur/api/v1/delegations)', async () => {
    const answer = await call('/editeur/api/v1/delegations', editorToken, '')
    expect(answer.status).toBe(200)
    expect(answer.body.data).toEqual([
      {
        id: majastresDelegation?.id,
        recipient: { siret: '21040107100019', nom: 'Majastres' },
        scopes: expect.any(Array),
      },
      {
        id: hautelucDelegation?.id,
        recipient: { siret: '21730132400018', nom: 'Hauteluce' },
        scopes: expect.any(Array),
      },
    ])
    expect((await call('/editeur/api/v1/delegations', activeToken, '')).status).toBe(403)
    expect((await call('/editeur/api/v1/delegations', 'not-a-token', '')).status).toBe(401)
  })

  it('answers the QF with the editor token and the collectivity’s delegation_id (query or X-Delegation-Id)', async () => {
    const withQuery = await politeCall(
      civilityPath,
      editorToken,
      civilityQuery(nominal, { delegation_id: majastresDelegation?.id ?? '' }),
    )
    expect(withQuery.status).toBe(200)
    expectSpecValid(civilityPath, withQuery)
    const withHeader = await call(civilityPath, editorToken, civilityQuery(nominal), {
      headers: { 'x-delegation-id': majastresDelegation?.id ?? '', 'cache-control': 'no-cache' },
    })
    expect(withHeader.status).toBe(200)
    expect(withHeader.body).toEqual(withQuery.body)
  })

  it('422 00212 when several delegations fit and none is named', async () => {
    const answer = await politeCall(civilityPath, editorToken, civilityQuery(nominal))
    expect(answer.status).toBe(422)
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ code: '00212', source: { parameter: 'delegation_id' } }),
    ])
  })

  it('403 00213 for a delegation of another collectivity, or an unknown one', async () => {
    for (const delegationId of [hautelucDelegation?.id ?? '', '00000000-0000-4000-8000-000000000000']) {
      const answer = await politeCall(
        civilityPath,
        editorToken,
        civilityQuery(nominal, { delegation_id: delegationId }),
      )
      expect(answer.status).toBe(403)
      expect(answer.body.errors?.[0]).toMatchObject({ code: '00213', title: 'Délégation absente' })
    }
  })
})

describe('API Particulier stand-in: answers masked per the collectivity’s habilitation', () => {
  it('leaves out what the habilitation does not cover, on both routes (the token’s scopes too)', async () => {
    const habilitated = await startSandbox({
      port: 0,
      franceConnectClients: [rp],
      apiParticulier: {
        habilitations: { [recipient]: ['cnaf_quotient_familial', 'cnaf_allocataires', 'cnaf_adresse'] },
      },
    })
    try {
      const { accessToken } = await franceConnectLogin(
        habilitated.url,
        relyingParty,
        'avec_nom_dusage',
        fullScopes,
      )
      const fc = await fetch(
        `${habilitated.url}/api-particulier${fcPath}?${new URLSearchParams({ recipient })}`,
        { headers: { authorization: `Bearer ${accessToken}` } },
      )
      expect(fc.status).toBe(200)
      const fcBody = (await fc.json()) as { data: Record<string, unknown> }
      expect(Object.keys(fcBody.data).sort()).toEqual(['adresse', 'allocataires', 'quotient_familial'])
      expect(spec.errors(fcPath, 200, fcBody, ['enfants'])).toEqual([])

      const query = civilityQuery({
        nomNaissance: 'LEFEBVRE',
        prenoms: ['ALEXIS', 'GÉRÔME', 'JEAN-PHILIPPE'],
        anneeDateNaissance: 1982,
        moisDateNaissance: 12,
        jourDateNaissance: 27,
        sexeEtatCivil: 'F',
        codeCogInseeCommuneNaissance: '08480',
        codeCogInseePaysNaissance: '99100',
      })
      const civility = await fetch(`${habilitated.url}/api-particulier${civilityPath}?${query}`, {
        headers: { authorization: `Bearer ${activeToken}` },
      })
      expect(civility.status).toBe(200)
      const body = (await civility.json()) as { data: Record<string, unknown> }
      expect(body.data).not.toHaveProperty('enfants')
      expect(body.data).toHaveProperty('quotient_familial')
    } finally {
      await habilitated.close()
    }
  })
})
