import { problemTypes } from '@qf/contracts'
import { DrivenClock } from '@qf/testing'
import type { FastifyInstance } from 'fastify'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SealedBox } from '../src/lib/sealed-box.js'
import {
  createApiKey,
  listApiKeys,
  markExpiringApiParticulierTokens,
  revokeApiKey,
} from '../src/modules/registry/index.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'
import { LogCapture } from './helpers/log-capture.js'
import { bearer, buildRegistryServer, demoEditorSiret, otherEditorSiret } from './helpers/registry.js'

const fresh = { a: '21330063500025', b: '21330063500033', c: '21330063500041' }
const laPoste = '35600000000015'
const majastres = '21040107100019'
const saintDenis = '21974110600013'

let database: TestDatabase
let server: FastifyInstance
let admin: string
let editor: string
let otherEditor: string
const logs = new LogCapture()
const clock = new DrivenClock()

beforeAll(async () => {
  database = await createTestDatabase()
  server = await buildRegistryServer(database.url, { logs, ports: { clock }, env: { LOG_LEVEL: 'info' } })
  admin = await bearer(server, { kind: 'admin' })
  editor = await bearer(server, { kind: 'editor', siret: demoEditorSiret })
  otherEditor = await bearer(server, { kind: 'editor', siret: otherEditorSiret })
})
afterAll(async () => {
  await server?.close()
  await database?.drop()
})

const call = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  authorization?: string,
  payload?: unknown,
) =>
  server.inject({
    method,
    url: `/api/v1${url}`,
    headers: authorization ? { authorization } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  })

const collectivity = (siret: string, over: Record<string, unknown> = {}) => ({
  siret,
  name: `Commune ${siret.slice(-4)}`,
  cogCode: '33063',
  postalCodes: ['33000'],
  editor: { siret: demoEditorSiret, name: 'Logiciels Communes' },
  allowedRedirectOrigins: ['https://portail.example.fr'],
  ...over,
})

describe('API keys', () => {
  it('refuses a missing, malformed, unknown or revoked key with a 401 problem', async () => {
    for (const authorization of [
      undefined,
      'Bearer nope',
      'Bearer qf_abcdefghijkl_' + 'x'.repeat(43),
      'Basic abc',
    ]) {
      const res = await call('GET', '/admin/collectivities', authorization)
      expect(res.statusCode).toBe(401)
      expect(res.json()).toMatchObject({ type: problemTypes.apiKeyInvalid })
    }
    const { key, record } = await createApiKey(server.db, { scope: { kind: 'admin' }, label: 'to revoke' })
    expect((await call('GET', '/admin/collectivities', `Bearer ${key}`)).statusCode).toBe(200)
    expect(await revokeApiKey(server.db, record.id, new Date())).toBe(true)
    expect((await call('GET', '/admin/collectivities', `Bearer ${key}`)).statusCode).toBe(401)
  })

  it('stores only the hash of the key, and records its last use', async () => {
    const { key, record } = await createApiKey(server.db, { scope: { kind: 'admin' }, label: 'hash check' })
    expect(key).toMatch(new RegExp(`^qf_${record.id}_[A-Za-z0-9_-]{43}$`))
    const row = await server.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(row)).not.toContain(key.slice(`qf_${record.id}_`.length))
    expect(row.last_used_at).toBeNull()
    await call('GET', '/admin/collectivities', `Bearer ${key}`)
    const used = (await listApiKeys(server.db)).find((k) => k.id === record.id)
    expect(used?.lastUsedAt).toBeInstanceOf(Date)
  })
})

describe('collectivities: create, read, update, deactivate', () => {
  it('creates with validated identifiers: SIRET Luhn and La Poste, COG with Corsica and overseas', async () => {
    const created = await call(
      'POST',
      '/admin/collectivities',
      admin,
      collectivity(fresh.a, { cogCode: '2B033' }),
    )
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({
      siret: fresh.a,
      status: 'inactive',
      lifecycle: 'draft',
      departement: '2B',
      editor: { siret: demoEditorSiret },
      apiParticulierToken: { set: false, expiresAt: null },
    })
    const poste = await call(
      'POST',
      '/admin/collectivities',
      admin,
      collectivity(laPoste, { cogCode: '97611', editor: null }),
    )
    expect(poste.statusCode).toBe(201)
    expect(poste.json().departement).toBe('976')

    const badSiret = await call('POST', '/admin/collectivities', admin, collectivity('21330063500026'))
    expect(badSiret.statusCode).toBe(422)
    expect(badSiret.json().errors).toEqual([{ name: 'body.siret', reason: expect.stringContaining('SIRET') }])
    for (const cogCode of ['20004', '98735', '97100', '04000']) {
      const res = await call('POST', '/admin/collectivities', admin, collectivity(fresh.b, { cogCode }))
      expect(res.statusCode, cogCode).toBe(422)
      expect(res.json().errors[0].name).toBe('body.cogCode')
    }
    const again = await call('POST', '/admin/collectivities', admin, collectivity(fresh.a))
    expect(again.statusCode).toBe(409)
    expect(again.json().type).toBe(problemTypes.collectivityExists)
  })

  it('updates some fields, keeps the others; deactivating suspends it', async () => {
    const updated = await call('PATCH', `/admin/collectivities/${fresh.a}`, admin, { name: 'Bastia-Ville' })
    expect(updated.statusCode).toBe(200)
    expect(updated.json()).toMatchObject({ name: 'Bastia-Ville', cogCode: '2B033', lifecycle: 'draft' })
    expect((await call('GET', `/collectivities/${fresh.a}`)).json().code).toBe('not_yet_offered')
    const off = await call('POST', `/admin/collectivities/${fresh.a}/deactivate`, admin)
    expect(off.json()).toMatchObject({ status: 'inactive', lifecycle: 'suspended' })
    expect((await call('GET', `/collectivities/${fresh.a}`)).json().code).toBe('no_longer_offered')
    expect((await call('GET', `/admin/collectivities/${fresh.a}`, admin)).json().lifecycle).toBe('suspended')
    const on = await call('PATCH', `/admin/collectivities/${fresh.a}`, admin, { status: 'active' })
    expect(on.json()).toMatchObject({ status: 'inactive', lifecycle: 'awaiting_hubee' })
  })

  it('lists with filters: status, editor, département, token expiring', async () => {
    const names = async (query: string) =>
      ((await call('GET', `/admin/collectivities${query}`, admin)).json().items as { siret: string }[]).map(
        (c) => c.siret,
      )
    expect(await names(`?editor=${demoEditorSiret}`)).toEqual([fresh.a])
    expect(await names('?departement=2b')).toEqual([fresh.a])
    expect(await names('?status=inactive')).toEqual(['21010004600015', fresh.a, laPoste])
    expect(await names('?lifecycle=draft')).toEqual([laPoste])
    expect(await names('?lifecycle=awaiting_hubee')).toEqual(['21010004600015', fresh.a])
    expect(await names('?status=active')).toHaveLength(5)
    await markExpiringApiParticulierTokens({ db: server.db, clock })
    expect(await names('?token_expiring=true')).toEqual([saintDenis])
  })
})

describe('editor keys are limited to their editor’s collectivities', () => {
  it('sees and changes only its own; a foreign SIRET is 403', async () => {
    const list = await call('GET', '/admin/collectivities', editor)
    expect((list.json().items as { siret: string }[]).map((c) => c.siret)).toEqual([fresh.a])
    expect((await call('GET', `/admin/collectivities?editor=${otherEditorSiret}`, editor)).statusCode).toBe(
      403,
    )
    for (const [method, url, body] of [
      ['GET', `/admin/collectivities/${majastres}`, undefined],
      ['PATCH', `/admin/collectivities/${majastres}`, { name: 'x' }],
      ['POST', `/admin/collectivities/${majastres}/deactivate`, undefined],
      [
        'PUT',
        `/admin/collectivities/${majastres}/api-particulier-token`,
        { token: 'x'.repeat(20), expiresAt: '2028-01-01' },
      ],
      ['GET', `/admin/collectivities/${fresh.c}`, undefined],
    ] as const) {
      const res = await call(method, url, editor, body)
      expect(res.statusCode, `${method} ${url}`).toBe(403)
      expect(res.json().type).toBe(problemTypes.forbidden)
    }
    expect((await call('GET', `/admin/collectivities/${fresh.a}`, editor)).statusCode).toBe(200)
    expect((await call('GET', `/admin/collectivities/${fresh.a}`, otherEditor)).statusCode).toBe(403)
    // It cannot give its collectivity to another editor, nor create one for another editor.
    const give = await call('PATCH', `/admin/collectivities/${fresh.a}`, editor, {
      editor: { siret: otherEditorSiret, name: 'Autre' },
    })
    expect(give.statusCode).toBe(403)
    const foreign = await call(
      'POST',
      '/admin/collectivities',
      editor,
      collectivity(fresh.c, {
        editor: { siret: otherEditorSiret, name: 'Autre' },
      }),
    )
    expect(foreign.statusCode).toBe(403)
    const own = await call('POST', '/admin/collectivities', editor, collectivity(fresh.c))
    expect(own.statusCode).toBe(201)
  })
})

describe('API Particulier tokens: sealed, never returned, expiry from the JWT', () => {
  const key = new TextEncoder().encode('k'.repeat(32))
  const jwtExpiring = (exp: Date) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(Math.floor(exp.getTime() / 1000))
      .sign(key)

  it('answers "set, expires on …" only; the database holds the sealed value; nothing in the logs', async () => {
    const exp = new Date('2028-06-01T00:00:00Z')
    const token = await jwtExpiring(exp)
    const res = await call('PUT', `/admin/collectivities/${fresh.a}/api-particulier-token`, admin, { token })
    expect(res.statusCode).toBe(200)
    expect(res.json().apiParticulierToken).toEqual({
      set: true,
      expiresAt: exp.toISOString(),
      source: 'jwt',
      expiringSoon: false,
    })
    for (const url of [
      `/admin/collectivities/${fresh.a}`,
      '/admin/collectivities',
      '/admin/tokens/expiring',
    ]) {
      expect((await call('GET', url, admin)).body).not.toContain(token)
    }
    const row = await server.db
      .selectFrom('collectivities')
      .select('api_particulier_token_sealed')
      .where('siret', '=', fresh.a)
      .executeTakeFirstOrThrow()
    expect(row.api_particulier_token_sealed).toMatch(/^v2\.demo\./)
    expect(row.api_particulier_token_sealed).not.toContain(token)
    expect(JSON.stringify(logs.lines)).not.toContain(token)
    expect(JSON.stringify(logs.lines)).not.toContain(token.split('.')[2])
  })

  it('needs the date of a token that is not a JWT, and refuses a date that contradicts the JWT', async () => {
    const opaque = await call('PUT', `/admin/collectivities/${fresh.a}/api-particulier-token`, admin, {
      token: 'opaque-token-0123456789',
    })
    expect(opaque.statusCode).toBe(422)
    expect(opaque.json()).toMatchObject({ type: problemTypes.tokenExpiryInvalid, code: 'expiry_required' })
    const dated = await call('PUT', `/admin/collectivities/${fresh.a}/api-particulier-token`, admin, {
      token: 'opaque-token-0123456789',
      expiresAt: '2027-01-15T00:00:00Z',
    })
    expect(dated.json().apiParticulierToken).toMatchObject({ source: 'admin', expiringSoon: true })
    const mismatch = await call('PUT', `/admin/collectivities/${fresh.a}/api-particulier-token`, admin, {
      token: await jwtExpiring(new Date('2028-06-01T00:00:00Z')),
      expiresAt: '2028-09-01T00:00:00Z',
    })
    expect(mismatch.json()).toMatchObject({ code: 'expiry_mismatch' })
  })
})

describe('key rotation through the API', () => {
  it('new writes use the new key, old rows still open, a re-seal moves them, then the old key can go', async () => {
    const oldKey = new SealedBox(await import('../src/config/load.js').then((m) => m.demoSecretsKey))
    const newRing = `k2027:${Buffer.alloc(32, 5).toString('base64')}`
    const demoRing = `demo:${(await import('../src/config/load.js')).demoSecretsKey.toString('base64')}`
    const rotated = await buildRegistryServer(database.url, {
      env: { SECRETS_ENCRYPTION_KEYS: `${newRing},${demoRing}`, DEMO_SEED: 'false' },
    })
    try {
      const key = await bearer(rotated, { kind: 'admin' })
      const res = await rotated.inject({
        method: 'PUT',
        url: `/api/v1/admin/collectivities/${fresh.c}/api-particulier-token`,
        headers: { authorization: key },
        payload: { token: 'rotated-token-0123456789', expiresAt: '2028-01-01T00:00:00Z' },
      })
      expect(res.statusCode).toBe(200)
      const rows = await rotated.db
        .selectFrom('collectivities')
        .select(['siret', 'api_particulier_token_sealed'])
        .where('siret', 'in', [fresh.c, majastres])
        .execute()
      const sealed = Object.fromEntries(rows.map((r) => [r.siret, r.api_particulier_token_sealed]))
      expect(sealed[fresh.c]).toMatch(/^v2\.k2027\./)
      expect(sealed[majastres]).toMatch(/^v2\.demo\./)
      expect(() =>
        oldKey.open(sealed[fresh.c] ?? '', `collectivity:${fresh.c}:api_particulier_token`),
      ).toThrow()
      // The old row still opens: the lookup of Majastres works with its demo-sealed sandbox token.
      const { resealTokens } = await import('../src/modules/registry/index.js')
      const box = new SealedBox(
        (await import('../src/config/load.js')).loadConfig({
          SECRETS_ENCRYPTION_KEYS: `${newRing},${demoRing}`,
        }).security.secretsKeyring,
      )
      expect(box.open(sealed[majastres] ?? '', `collectivity:${majastres}:api_particulier_token`)).toBe(
        `sandbox-api-particulier-${majastres}`,
      )
      const first = await resealTokens({ db: rotated.db, box })
      expect(first.left).toBe(0)
      expect(first.resealed).toBeGreaterThan(0)
      expect((await resealTokens({ db: rotated.db, box })).resealed).toBe(0)
      const onlyNew = new SealedBox(
        (await import('../src/config/load.js')).loadConfig({ SECRETS_ENCRYPTION_KEYS: newRing }).security
          .secretsKeyring,
      )
      const after = await rotated.db
        .selectFrom('collectivities')
        .select('api_particulier_token_sealed')
        .where('siret', '=', majastres)
        .executeTakeFirstOrThrow()
      expect(
        onlyNew.open(
          after.api_particulier_token_sealed ?? '',
          `collectivity:${majastres}:api_particulier_token`,
        ),
      ).toBe(`sandbox-api-particulier-${majastres}`)
    } finally {
      await rotated.close()
    }
  })
})

describe('import (CSV or JSON): all or nothing, idempotent', () => {
  const header = 'siret,name,cog_code,postal_codes,status,editor_siret,editor_name,allowed_redirect_origins'
  const csv = [
    header,
    `21440109300015,Nantes,44109,44000 44100,active,${demoEditorSiret},Logiciels Communes,https://portail.nantes.fr`,
    `"21670482500019","Strasbourg, Eurométropole",67482,67000,,,,`,
  ].join('\n')

  it('creates, then a re-import changes nothing', async () => {
    const first = await call('POST', '/admin/collectivities/import', admin, { csv })
    expect(first.statusCode).toBe(200)
    expect(first.json()).toEqual({ created: 2, updated: 0, unchanged: 0 })
    const before = await server.db.selectFrom('collectivities').select(['siret', 'updated_at']).execute()
    const again = await call('POST', '/admin/collectivities/import', admin, { csv })
    expect(again.json()).toEqual({ created: 0, updated: 0, unchanged: 2 })
    const after = await server.db.selectFrom('collectivities').select(['siret', 'updated_at']).execute()
    expect(after).toEqual(before)
    const strasbourg = await call('GET', '/admin/collectivities/21670482500019', admin)
    expect(strasbourg.json()).toMatchObject({
      name: 'Strasbourg, Eurométropole',
      editor: null,
      status: 'inactive',
      lifecycle: 'draft',
    })
    expect((await call('GET', '/admin/collectivities/21440109300015', admin)).json()).toMatchObject({
      lifecycle: 'awaiting_hubee',
      authorization: 'admin',
    })
    const json = await call('POST', '/admin/collectivities/import', admin, {
      items: [
        collectivity('21440109300015', {
          name: 'Nantes',
          cogCode: '44109',
          postalCodes: ['44000', '44100'],
          allowedRedirectOrigins: ['https://portail.nantes.fr'],
        }),
      ],
    })
    expect(json.json()).toEqual({ created: 0, updated: 0, unchanged: 1 })
  })

  it('reports every bad row with its line and writes nothing', async () => {
    const bad = [
      header,
      `21330063500009,Bordeaux,33063,33000,active,,,`,
      `21330063500026,Mauvais SIRET,33063,33000,,,,`,
      `21330063500017,Mauvais COG,20063,33000,,,,`,
      `21330063500009,Doublon,33063,33000,,,,`,
      `21330063500033,Trop court`,
    ].join('\n')
    const res = await call('POST', '/admin/collectivities/import', admin, { csv: bad })
    expect(res.statusCode).toBe(422)
    expect(res.json().type).toBe(problemTypes.importInvalid)
    const names = (res.json().errors as { name: string }[]).map((e) => e.name)
    expect(names).toEqual(['ligne 3, colonne siret', 'ligne 4, colonne cog_code', 'ligne 5', 'ligne 6'])
    expect((await call('GET', '/admin/collectivities/21330063500009', admin)).statusCode).toBe(404)
  })

  it('reads what a town hall exports from Excel: `;`, columns in any order, French errors with the allowed values', async () => {
    const excel = [
      'name;siret;cog_code;postal_codes;status;editor_siret;editor_name;allowed_redirect_origins',
      'Mérignac;21330281300000;33281;33700;active;;;',
      'Pessac;21330318300007;33318;33600;actif;;;',
      'Talence;21330522700000;3352;33400;;;;',
    ].join('\r\n')
    const res = await call('POST', '/admin/collectivities/import', admin, { csv: excel })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors).toEqual([
      {
        name: 'ligne 3, colonne status',
        reason: 'ne fait pas partie des valeurs permises (active, inactive)',
      },
      { name: 'ligne 4, colonne cog_code', reason: "n'a pas le format attendu" },
    ])
    const fixed = excel.replace(';actif;', ';inactive;').replace(';3352;', ';33522;')
    const ok = await call('POST', '/admin/collectivities/import', admin, { csv: fixed })
    expect(ok.json()).toEqual({ created: 3, updated: 0, unchanged: 0 })
    expect((await call('GET', '/admin/collectivities/21330281300000', admin)).json()).toMatchObject({
      name: 'Mérignac',
    })
  })

  it('refuses a header with a missing or unknown column, and text garbled by a wrong encoding', async () => {
    const res = await call('POST', '/admin/collectivities/import', admin, {
      csv: 'siret;nom;cog_code\n21330281300000;Mérignac;33281\n',
    })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors).toEqual([
      {
        name: 'ligne 1',
        reason: `colonne(s) manquante(s) dans l’en-tête : name, postal_codes, status, editor_siret, editor_name, allowed_redirect_origins (colonnes attendues : ${header.replaceAll(',', ';')}) ; séparateur lu : « ; »`,
      },
    ])
    // Windows-1252 bytes read as UTF-8 by the client: « M\uFFFDrignac ».
    const garbled = await call('POST', '/admin/collectivities/import', admin, {
      csv: `${header}\n21330281300000,M\uFFFDrignac,33281,33700,,,,\n`,
    })
    expect(garbled.statusCode).toBe(422)
    expect(garbled.json().errors[0]).toMatchObject({
      name: 'ligne 2',
      reason: expect.stringContaining('Windows-1252'),
    })
  })

  it('caps the validation errors of one answer at 100 (2,000 bad items: issue 21, info)', async () => {
    const items = Array.from({ length: 2_000 }, () => ({ siret: 'x', name: 1, cogCode: null }))
    const res = await call('POST', '/admin/collectivities/import', admin, { items })
    expect(res.statusCode).toBe(422)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    const body = res.json<{ errors: unknown[]; detail: string }>()
    expect(body.errors).toHaveLength(100)
    expect(body.detail).toMatch(/les 100 premières/)
    expect(res.body.length).toBeLessThan(50_000)
  })

  it('an editor key imports only its own collectivities', async () => {
    const res = await call('POST', '/admin/collectivities/import', editor, {
      csv: [header, `21670482500019,Strasbourg,67482,67000,,${demoEditorSiret},Logiciels Communes,`].join(
        '\n',
      ),
    })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors[0]).toMatchObject({ name: 'ligne 2' })
  })
})

describe('token renewal: the daily job, the scoped list, the gauge (driven clock)', () => {
  it('marks the tokens expiring within 90 days as time passes', async () => {
    const expiring = async (authorization: string) =>
      (await call('GET', '/admin/tokens/expiring', authorization)).json().items as {
        siret: string
        expired: boolean
      }[]
    await markExpiringApiParticulierTokens({ db: server.db, clock })
    const now = await expiring(admin)
    expect(now.find((t) => t.siret === saintDenis)).toMatchObject({ expired: true })
    expect(now.some((t) => t.siret === majastres)).toBe(false)
    // 2028-05-31 minus 90 days is 2028-03-02: move the clock to mid-March 2028.
    clock.advance(new Date('2028-03-15T00:00:00Z').getTime() - clock.now().getTime())
    const marked = await markExpiringApiParticulierTokens({ db: server.db, clock })
    const later = await expiring(admin)
    expect(later.map((t) => t.siret)).toContain(majastres)
    expect(later.find((t) => t.siret === majastres)).toMatchObject({ expired: false })
    expect(marked).toBe(later.length)
    // The editor sees only its own.
    const own = await expiring(editor)
    expect(own.map((t) => t.siret).every((s) => [fresh.a, fresh.c, '21440109300015'].includes(s))).toBe(true)
    // /metrics counts the active ones marked.
    const metrics = await server.inject({ method: 'GET', url: '/metrics' })
    const line = metrics.body
      .split('\n')
      .find((l) => l.startsWith('collectivities_api_particulier_token_expiring '))
    expect(Number(line?.split(' ')[1])).toBeGreaterThanOrEqual(5)
    // The citizen journey does not use that token: the landing page still answers.
    expect((await call('GET', `/collectivities/${saintDenis}`)).statusCode).toBe(200)
    const session = await server.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { siret: saintDenis },
    })
    expect(session.statusCode).toBe(201)
  })

  it('declares the daily job', async () => {
    const row = await server.db
      .selectFrom(
        // pg-boss's schedule table
        'pgboss.schedule' as never,
      )
      .selectAll()
      .execute()
      .catch(() => [])
    expect(JSON.stringify(row)).toContain('mark-expiring-api-particulier-tokens')
  })
})
