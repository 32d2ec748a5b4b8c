import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problemTypes, type Collectivity } from '@qf/contracts'
import {
  demoCollectivityInputs,
  findOfferedBySiret,
  seedDemoCollectivities,
  upsertCollectivity,
} from '../src/modules/collectivities/index.js'
import { SealedBox } from '../src/lib/sealed-box.js'
import { buildTestServer, testConfig } from './helpers/app.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'

const siret = {
  majastres: '21040107100019',
  hauteluce: '21730132400018',
  parisCentre: '21750001600019',
  ajaccio: '21200004600012',
  saintDenis: '21974110600013',
  amberieu: '21010004600015',
}

let database: TestDatabase
let server: FastifyInstance
/** The demo keyring (no SECRETS_ENCRYPTION_KEYS outside production). */
const demoBox = new SealedBox(testConfig('postgres://unused').security.secretsKeyring)

beforeAll(async () => {
  database = await createTestDatabase()
  // DEMO_SEED=true: the app seeds the demo collectivities when it is ready.
  server = await buildTestServer(database.url, { RATE_LIMIT_MAX: '1000', DEMO_SEED: 'true' })
})
afterAll(async () => {
  await server?.close()
  await database?.drop()
})

const list = async (query = '') => {
  const res = await server.inject({ method: 'GET', url: `/api/v1/collectivities${query}` })
  return { res, names: res.statusCode === 200 ? (res.json().items as Collectivity[]).map((c) => c.name) : [] }
}

describe('demo seed', () => {
  it('runs at start with DEMO_SEED=true', async () => {
    const rows = await server.db.selectFrom('collectivities').select('siret').orderBy('siret').execute()
    expect(rows.map((r) => r.siret)).toEqual(Object.values(siret).sort())
  })

  it('is idempotent: the six demo collectivities once each, however many times it runs', async () => {
    await seedDemoCollectivities(server.db, demoBox)
    const rows = await server.db
      .selectFrom('collectivities')
      .select(['siret', 'departement', 'search_name'])
      .execute()
    expect(rows).toHaveLength(6)
    expect(rows.find((r) => r.siret === siret.amberieu)).toEqual({
      siret: siret.amberieu,
      departement: '01',
      search_name: 'amberieu en bugey',
    })
  })

  it('upserts by SIRET: a second write updates the row and its derived columns, never its lifecycle', async () => {
    const majastres = demoCollectivityInputs().find((c) => c.siret === siret.majastres)
    if (!majastres) throw new Error('Majastres is missing from the demo data')
    try {
      await upsertCollectivity(server.db, { ...majastres, name: 'Majastres-Village' })
      expect((await findOfferedBySiret(server.db, siret.majastres))?.lifecycle).toBe('active')
      const row = await server.db
        .selectFrom('collectivities')
        .select(['name', 'search_name'])
        .where('siret', '=', siret.majastres)
        .executeTakeFirst()
      expect(row).toEqual({ name: 'Majastres-Village', search_name: 'majastres village' })
    } finally {
      await seedDemoCollectivities(server.db, demoBox)
    }
    expect((await findOfferedBySiret(server.db, siret.majastres))?.name).toBe('Majastres')
  })
})

describe('findOfferedBySiret', () => {
  it('gives the internal fields the journey needs', async () => {
    expect(await findOfferedBySiret(server.db, siret.saintDenis)).toEqual({
      siret: siret.saintDenis,
      name: 'Saint-Denis',
      cogCode: '97411',
      departement: '974',
      postalCodes: ['97400', '97490'],
      lifecycle: 'active',
      authorizedBy: 'admin',
      suspendedBy: null,
      editor: null,
      allowedRedirectOrigins: ['http://localhost:8080'],
      hubeeRecipient: { type: 'SI', companyRegister: siret.saintDenis, branchCode: '97411' },
      contacts: { requester: null, dpo: null },
      apiParticulierToken: {
        sealed: expect.stringMatching(/^v2\.demo\./),
        expiresAt: new Date('2026-01-31T23:59:59Z'),
        source: 'admin',
        expiringSince: null,
      },
      hubeeSubscription: null,
      datapassId: null,
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    })
    const found = await findOfferedBySiret(server.db, siret.saintDenis)
    expect(
      found?.apiParticulierToken &&
        demoBox.open(
          found.apiParticulierToken.sealed,
          `collectivity:${siret.saintDenis}:api_particulier_token`,
        ),
    ).toBe(`sandbox-api-particulier-${siret.saintDenis}`)
    expect(await findOfferedBySiret(server.db, siret.amberieu)).toBeUndefined()
    expect(await findOfferedBySiret(server.db, '00000000000000')).toBeUndefined()
  })
})

describe('GET /api/v1/collectivities', () => {
  it('lists the active collectivities sorted by name, inactive ones excluded, public fields only', async () => {
    const { res, names } = await list()
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(names).toEqual(['Ajaccio', 'Hauteluce', 'Majastres', 'Paris Centre', 'Saint-Denis'])
    expect(res.json().items[0]).toEqual({
      siret: siret.ajaccio,
      name: 'Ajaccio',
      cogCode: '2A004',
      departement: '2A',
      postalCodes: ['20000', '20090'],
    })
    expect(res.body).not.toContain('sandbox-api-particulier')
    expect(res.body).not.toContain('localhost:8080')
  })

  it('bounds the result with limit', async () => {
    expect((await list('?limit=2')).names).toEqual(['Ajaccio', 'Hauteluce'])
    const tooMany = await list('?limit=51')
    expect(tooMany.res.statusCode).toBe(422)
    expect(tooMany.res.json()).toMatchObject({ type: problemTypes.validation })
  })

  it('searches the name as a substring, whatever the accents and the case', async () => {
    expect((await list('?q=PARIS')).names).toEqual(['Paris Centre'])
    expect((await list('?q=hautel%C3%BCce')).names).toEqual(['Hauteluce'])
    expect((await list('?q=%20%20centre%20')).names).toEqual(['Paris Centre'])
    expect((await list('?q=saint%20denis')).names).toEqual(['Saint-Denis'])
    expect((await list('?q=JAST')).names).toEqual(['Majastres'])
  })

  it('finds the town as people write it: St/Ste, "mairie de", name + postal code or département, "Paris 3e"', async () => {
    const q = async (text: string) => (await list(`?q=${encodeURIComponent(text)}`)).names
    for (const text of ['St Denis', 'St-Denis', 'st. denis', 'ST DENIS', 'Saint-Denis 97400', 'St Denis 974'])
      expect(await q(text), text).toEqual(['Saint-Denis'])
    expect(await q('Commune de Saint-Denis (974)')).toEqual(['Saint-Denis'])
    expect(await q('Saint-Denis 93200')).toEqual([]) // the name matches, the postal code does not
    expect(await q('Saint-Denis 93')).toEqual([])
    for (const text of [
      'Mairie de Majastres',
      'commune de majastres',
      'Ville de Majastres',
      "Mairie d'Hauteluce",
    ])
      expect(await q(text), text).toEqual([text.includes('Hauteluce') ? 'Hauteluce' : 'Majastres'])
    expect(await q('CCAS de Majastres')).toEqual(['Majastres'])
    expect(await q('Majastres 04270')).toEqual(['Majastres'])
    for (const text of ['Paris 3e', 'Paris 3ème', 'paris 3eme', 'Paris 1er'])
      expect(await q(text), text).toEqual(['Paris Centre'])
    expect(await q('Paris 15e')).toEqual([]) // 75015 is not Paris Centre
    expect(await q('Ste Denis')).toEqual([]) // "sainte denis" is another name
    expect(await q('Mairie')).toEqual([]) // only filler words: nothing to search
  })

  it('reads a one-digit query as a département (4 → 04)', async () => {
    expect((await list('?q=4')).names).toEqual(['Majastres'])
    expect((await list('?q=7')).names).toEqual([]) // Ardèche (07): none in the seed
  })

  it('never lists an inactive collectivity, even when it matches', async () => {
    expect((await list('?q=amberieu')).names).toEqual([])
    expect((await list('?q=Amb%C3%A9rieu')).names).toEqual([])
    expect((await list('?q=01500')).names).toEqual([])
  })

  it('searches a postal code prefix', async () => {
    expect((await list('?q=75003')).names).toEqual(['Paris Centre'])
    expect((await list('?q=75')).names).toEqual(['Paris Centre'])
    expect((await list('?q=2009')).names).toEqual(['Ajaccio'])
    expect((await list('?q=9749')).names).toEqual(['Saint-Denis'])
  })

  it('searches a département code, Corsica and overseas included', async () => {
    expect((await list('?q=04')).names).toEqual(['Majastres'])
    expect((await list('?q=2A')).names).toEqual(['Ajaccio'])
    expect((await list('?q=2a')).names).toEqual(['Ajaccio'])
    expect((await list('?q=974')).names).toEqual(['Saint-Denis'])
    expect((await list('?q=2B')).names).toEqual([])
  })

  it('answers an empty list when nothing matches (LIKE wildcards are plain text)', async () => {
    for (const q of ['Lyon', '%25', '_', '99999']) {
      const { res, names } = await list(`?q=${q}`)
      expect(res.statusCode).toBe(200)
      expect(names).toEqual([])
    }
  })

  it('refuses a q that is too long or blank with a problem+json 422', async () => {
    for (const q of ['a'.repeat(101), '', '%20%20']) {
      const { res } = await list(`?q=${q}`)
      expect(res.statusCode).toBe(422)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.json()).toMatchObject({ type: problemTypes.validation, status: 422 })
      // `querystring.q` today (Fastify's context name); the contract's doc says `query.q`.
      const names = (res.json().errors as { name: string }[]).map((e) => e.name)
      expect(names.length).toBeGreaterThan(0)
      for (const name of names) expect(name).toMatch(/^query(string)?\.q$/)
    }
  })
})

describe('GET /api/v1/collectivities/{siret}', () => {
  it('reads an active collectivity', async () => {
    const res = await server.inject({ method: 'GET', url: `/api/v1/collectivities/${siret.ajaccio}` })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      siret: siret.ajaccio,
      name: 'Ajaccio',
      cogCode: '2A004',
      departement: '2A',
      postalCodes: ['20000', '20090'],
    })
  })

  it('answers 404 problem+json with the collectivity-not-found type for an unknown SIRET', async () => {
    const res = await server.inject({ method: 'GET', url: '/api/v1/collectivities/12345678901234' })
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json()).toMatchObject({
      type: problemTypes.collectivityNotFound,
      status: 404,
      title: 'Collectivité introuvable',
      detail: expect.stringContaining('Aucune collectivité ne correspond'),
    })
  })

  it('answers 404 collectivity-not-offered, not_yet_offered, for one awaiting its HubEE activation', async () => {
    const res = await server.inject({ method: 'GET', url: `/api/v1/collectivities/${siret.amberieu}` })
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json()).toMatchObject({
      type: problemTypes.collectivityNotOffered,
      status: 404,
      code: 'not_yet_offered',
      detail: expect.stringContaining('Ambérieu-en-Bugey'),
    })
  })

  it('refuses a malformed SIRET with a problem+json 422', async () => {
    for (const bad of ['2104010710001', '210401071000190', '2104010710001A']) {
      const res = await server.inject({ method: 'GET', url: `/api/v1/collectivities/${bad}` })
      expect(res.statusCode).toBe(422)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.json()).toMatchObject({
        type: problemTypes.validation,
        errors: [{ name: 'params.siret', reason: "n'a pas le format attendu" }],
      })
    }
  })
})
