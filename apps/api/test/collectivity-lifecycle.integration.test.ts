import { problemTypes, type CollectivityTransition } from '@qf/contracts'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'
import { bearer, buildRegistryServer, demoEditorSiret } from './helpers/registry.js'

const fresh = { a: '21330063500025', b: '21330063500033', c: '21330063500041', d: '21330063500058' }
const majastres = '21040107100019'
const hauteluce = '21730132400018'
const paris = '21750001600019'

let database: TestDatabase
let server: FastifyInstance
let admin: string
let editor: string

beforeAll(async () => {
  database = await createTestDatabase()
  server = await buildRegistryServer(database.url)
  admin = await bearer(server, { kind: 'admin' }, 'ops')
  editor = await bearer(server, { kind: 'editor', siret: demoEditorSiret })
})
afterAll(async () => {
  await server?.close()
  await database?.drop()
})

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, authorization?: string, payload?: object) =>
  server.inject({
    method,
    url: `/api/v1${url}`,
    headers: authorization ? { authorization } : {},
    ...(payload === undefined ? {} : { payload }),
  })

const write = (siret: string, over: Record<string, unknown> = {}) => ({
  siret,
  name: `Commune ${siret.slice(-4)}`,
  cogCode: '33063',
  postalCodes: ['33000'],
  editor: { siret: demoEditorSiret, name: 'Logiciels Communes' },
  ...over,
})

/** What a citizen can reach of a collectivity: its page, a journey, the listing. */
async function citizenView(siret: string) {
  const page = await call('GET', `/collectivities/${siret}`)
  const session = await call('POST', '/sessions', undefined, { siret })
  const listed = await call('GET', '/collectivities?limit=50')
  const items: { siret: string }[] = listed.json().items
  return {
    page: page.statusCode === 200 ? 'offered' : `${page.json().type} ${page.json().code ?? ''}`.trim(),
    session:
      session.statusCode === 201 ? 'opened' : `${session.json().type} ${session.json().code ?? ''}`.trim(),
    listed: items.some((c) => c.siret === siret),
  }
}

const notYet = `${problemTypes.collectivityNotOffered} not_yet_offered`
const noLonger = `${problemTypes.collectivityNotOffered} no_longer_offered`

const transitions = async (siret: string): Promise<CollectivityTransition[]> =>
  (await call('GET', `/admin/collectivities/${siret}/transitions`, admin)).json().items

describe('offered ⇔ active, whatever created the collectivity', () => {
  it('the demo seed made Majastres active through the lifecycle, recorded as the seed’s decision', async () => {
    expect(await citizenView(majastres)).toEqual({ page: 'offered', session: 'opened', listed: true })
    expect((await transitions(majastres)).map((t) => [t.from, t.to, t.event, t.actorKind])).toEqual([
      [null, 'draft', 'create', 'seed'],
      ['draft', 'awaiting_hubee', 'authorize', 'seed'],
      ['awaiting_hubee', 'active', 'hubee_active', 'seed'],
    ])
  })

  it('an admin creation is draft: known, not offered (page, journey, listing)', async () => {
    const res = await call('POST', '/admin/collectivities', admin, write(fresh.a))
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ lifecycle: 'draft', status: 'inactive', authorization: null })
    expect(await citizenView(fresh.a)).toEqual({ page: notYet, session: notYet, listed: false })
  })

  it('an admin creation with status active is authorized but waits for HubEE: still not offered', async () => {
    const res = await call('POST', '/admin/collectivities', admin, write(fresh.b, { status: 'active' }))
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      lifecycle: 'awaiting_hubee',
      status: 'inactive',
      authorization: 'admin',
    })
    expect(await citizenView(fresh.b)).toEqual({ page: notYet, session: notYet, listed: false })
    const recorded = await transitions(fresh.b)
    expect(recorded.map((t) => [t.from, t.to, t.event, t.actorKind])).toEqual([
      [null, 'draft', 'create', 'admin'],
      ['draft', 'awaiting_hubee', 'authorize', 'admin'],
    ])
    expect(recorded[0]?.actorId).toMatch(/^[a-z0-9]{8,16}$/)
  })

  it('an admin import with status active: the same, not offered', async () => {
    const res = await call('POST', '/admin/collectivities/import', admin, {
      items: [write(fresh.c, { status: 'active' })],
    })
    expect(res.statusCode).toBe(200)
    expect((await call('GET', `/admin/collectivities/${fresh.c}`, admin)).json().lifecycle).toBe(
      'awaiting_hubee',
    )
    expect(await citizenView(fresh.c)).toEqual({ page: notYet, session: notYet, listed: false })
  })

  it('the admin list filters by lifecycle', async () => {
    const res = await call('GET', '/admin/collectivities?lifecycle=awaiting_hubee', admin)
    expect(res.statusCode).toBe(200)
    const sirets = res.json().items.map((c: { siret: string }) => c.siret)
    expect(sirets).toEqual(expect.arrayContaining([fresh.b, fresh.c, '21010004600015']))
    expect(sirets).not.toContain(fresh.a)
  })
})

describe('an editor key edits details, never makes a collectivity offered', () => {
  it('refuses a creation with status (403), creates without it as draft', async () => {
    const refused = await call('POST', '/admin/collectivities', editor, write(fresh.d, { status: 'active' }))
    expect(refused.statusCode).toBe(403)
    expect(refused.json().type).toBe(problemTypes.forbidden)
    expect((await call('GET', `/admin/collectivities/${fresh.d}`, admin)).statusCode).toBe(404)
    const created = await call('POST', '/admin/collectivities', editor, write(fresh.d))
    expect(created.json()).toMatchObject({ lifecycle: 'draft' })
    expect((await transitions(fresh.d))[0]).toMatchObject({ actorKind: 'editor', to: 'draft' })
  })

  it('refuses status in a PATCH and in an import; edits the name', async () => {
    expect(
      (await call('PATCH', `/admin/collectivities/${fresh.d}`, editor, { status: 'active' })).statusCode,
    ).toBe(403)
    const imported = await call('POST', '/admin/collectivities/import', editor, {
      items: [write(fresh.d, { status: 'active' })],
    })
    expect(imported.statusCode).toBe(422)
    const renamed = await call('PATCH', `/admin/collectivities/${fresh.d}`, editor, { name: 'Nouveau nom' })
    expect(renamed.json()).toMatchObject({ name: 'Nouveau nom', lifecycle: 'draft' })
  })

  it('cannot re-activate what ops deactivated (security probe H1)', async () => {
    await call('PATCH', `/admin/collectivities/${paris}`, admin, {
      editor: { siret: demoEditorSiret, name: 'Logiciels Communes' },
    })
    const off = await call('POST', `/admin/collectivities/${paris}/deactivate`, admin)
    expect(off.json()).toMatchObject({ lifecycle: 'suspended', status: 'inactive' })
    expect(await citizenView(paris)).toEqual({ page: noLonger, session: noLonger, listed: false })
    expect(
      (await call('PATCH', `/admin/collectivities/${paris}`, editor, { status: 'active' })).statusCode,
    ).toBe(403)
    expect((await call('POST', `/admin/collectivities/${paris}/deactivate`, editor)).statusCode).toBe(403)
    expect((await call('GET', `/admin/collectivities/${paris}`, admin)).json().lifecycle).toBe('suspended')
  })
})

describe('ops decisions go through the lifecycle', () => {
  it('suspending withdraws at once; status active re-authorizes, offered again only after HubEE', async () => {
    const off = await call('PATCH', `/admin/collectivities/${hauteluce}`, admin, { status: 'inactive' })
    expect(off.json()).toMatchObject({ lifecycle: 'suspended' })
    expect(await citizenView(hauteluce)).toEqual({ page: noLonger, session: noLonger, listed: false })
    const on = await call('PATCH', `/admin/collectivities/${hauteluce}`, admin, { status: 'active' })
    expect(on.json()).toMatchObject({ lifecycle: 'awaiting_hubee', authorization: 'admin' })
    expect((await call('GET', `/collectivities/${hauteluce}`)).json().code).toBe('not_yet_offered')
    expect((await transitions(hauteluce)).slice(-2).map((t) => [t.from, t.to, t.reason])).toEqual([
      ['active', 'suspended', 'ops decision (status: inactive)'],
      ['suspended', 'awaiting_hubee', 'ops decision (status: active)'],
    ])
  })

  it('an unknown SIRET stays collectivity-not-found', async () => {
    const res = await call('GET', '/collectivities/21330063500066')
    expect(res.statusCode).toBe(404)
    expect(res.json().type).toBe(problemTypes.collectivityNotFound)
    expect((await call('GET', '/admin/collectivities/21330063500066/transitions', admin)).statusCode).toBe(
      404,
    )
  })
})
