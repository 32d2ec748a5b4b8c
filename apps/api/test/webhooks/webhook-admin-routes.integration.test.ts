import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAJASTRES, HAUTELUCE } from '@qf/testing'
import { SealedBox } from '../../src/lib/sealed-box.js'
import { seedDemoCollectivities } from '../../src/modules/collectivities/index.js'
import { createApiKey } from '../../src/modules/registry/index.js'
import { buildTestServer, testConfig } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/database.js'
import { randomUUID } from 'node:crypto'

const EDITOR = '99900000100019'
const OTHER_EDITOR = '99900000200017'
const secret = 'admin-route-webhook-secret-0123456789'

let database: TestDatabase
let server: FastifyInstance
let admin: string
let editor: string
let otherEditor: string

beforeAll(async () => {
  database = await createTestDatabase()
  server = await buildTestServer(database.url)
  await seedDemoCollectivities(server.db, new SealedBox(testConfig(database.url).security.secretsKeyring))
  // The registry's record: the demo editor serves Majastres, not Hauteluce.
  await server.db
    .updateTable('collectivities')
    .set({ editor_siret: EDITOR, editor: 'Logiciels Communes' })
    .where('siret', '=', MAJASTRES)
    .execute()
  admin = (await createApiKey(server.db, { scope: { kind: 'admin' }, label: 'ops' })).key
  editor = (await createApiKey(server.db, { scope: { kind: 'editor', siret: EDITOR }, label: 'editor' })).key
  otherEditor = (
    await createApiKey(server.db, { scope: { kind: 'editor', siret: OTHER_EDITOR }, label: 'other' })
  ).key
})
afterAll(async () => {
  await server?.close()
  await database?.drop()
})

const call = (method: 'GET' | 'PUT' | 'DELETE', url: string, key: string | null, payload?: unknown) =>
  server.inject({
    method,
    url,
    headers: key ? { authorization: `Bearer ${key}` } : {},
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  })

describe('admin API: webhook endpoints', () => {
  it('needs an API key', async () => {
    const res = await call('PUT', `/api/v1/admin/collectivities/${MAJASTRES}/webhook`, null, {
      url: 'https://hooks.example/a',
      secret,
    })
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({ type: 'urn:qf:problem:api-key-invalid' })
  })

  it('ops set, read and remove a collectivity’s endpoint; the secret is write-only', async () => {
    const put = await call('PUT', `/api/v1/admin/collectivities/${HAUTELUCE}/webhook`, admin, {
      url: 'https://hooks.example/hauteluce',
      secret,
    })
    expect(put.statusCode).toBe(200)
    expect(put.json()).toMatchObject({ ownerKind: 'collectivity', ownerSiret: HAUTELUCE, active: true })
    expect(put.body).not.toContain(secret)
    const get = await call('GET', `/api/v1/admin/collectivities/${HAUTELUCE}/webhook`, admin)
    expect(get.statusCode).toBe(200)
    expect(get.json()).toEqual(put.json())
    expect(get.body).not.toContain(secret)
    expect(Object.keys(get.json() as object)).not.toContain('secret')
    expect(
      (await call('DELETE', `/api/v1/admin/collectivities/${HAUTELUCE}/webhook`, admin)).statusCode,
    ).toBe(204)
    const gone = await call('GET', `/api/v1/admin/collectivities/${HAUTELUCE}/webhook`, admin)
    expect(gone.statusCode).toBe(404)
    expect(gone.json()).toMatchObject({ type: 'urn:qf:problem:webhook-endpoint-not-found' })
    expect(
      (await call('DELETE', `/api/v1/admin/collectivities/${HAUTELUCE}/webhook`, admin)).statusCode,
    ).toBe(404)
  })

  it('refuses a URL outside the policy (422) and a short secret (422); an unknown collectivity is 404', async () => {
    const http = await call('PUT', `/api/v1/admin/collectivities/${MAJASTRES}/webhook`, admin, {
      url: 'http://hooks.example/a',
      secret,
    })
    expect(http.statusCode).toBe(422)
    expect(http.json()).toMatchObject({
      type: 'urn:qf:problem:invalid-webhook-url',
      errors: [{ name: 'body.url' }],
    })
    const short = await call('PUT', `/api/v1/admin/collectivities/${MAJASTRES}/webhook`, admin, {
      url: 'https://hooks.example/a',
      secret: 'short',
    })
    expect(short.statusCode).toBe(422)
    expect(short.json()).toMatchObject({ type: 'urn:qf:problem:validation' })
    const unknown = await call('PUT', '/api/v1/admin/collectivities/21000000000000/webhook', admin, {
      url: 'https://hooks.example/a',
      secret,
    })
    expect(unknown.statusCode).toBe(404)
  })

  it('an editor key manages its own endpoint and its collectivities’ only (403 otherwise)', async () => {
    const body = { url: 'https://editor.example/hooks', secret }
    expect((await call('PUT', `/api/v1/admin/editors/${EDITOR}/webhook`, editor, body)).statusCode).toBe(200)
    expect(
      (await call('PUT', `/api/v1/admin/collectivities/${MAJASTRES}/webhook`, editor, body)).statusCode,
    ).toBe(200)
    for (const [url, key] of [
      [`/api/v1/admin/editors/${EDITOR}/webhook`, otherEditor],
      [`/api/v1/admin/collectivities/${MAJASTRES}/webhook`, otherEditor],
      [`/api/v1/admin/collectivities/${HAUTELUCE}/webhook`, editor],
      ['/api/v1/admin/collectivities/21000000000000/webhook', editor],
    ] as const) {
      for (const method of ['PUT', 'GET', 'DELETE'] as const) {
        const res = await call(method, url, key, method === 'PUT' ? body : undefined)
        expect(res.statusCode, `${method} ${url}`).toBe(403)
        expect(res.json()).toMatchObject({ type: 'urn:qf:problem:forbidden' })
      }
    }
    expect((await call('GET', `/api/v1/admin/editors/${EDITOR}/webhook`, admin)).statusCode).toBe(200)
    expect((await call('DELETE', `/api/v1/admin/editors/${EDITOR}/webhook`, editor)).statusCode).toBe(204)
    expect(
      (await call('DELETE', `/api/v1/admin/collectivities/${MAJASTRES}/webhook`, editor)).statusCode,
    ).toBe(204)
  })
})

describe('admin API: the last deliveries', () => {
  it('lists them by reference and SIRET, with their outcome, no body; an editor sees only its own', async () => {
    const { webhookRepository } = await import('../../src/modules/webhooks/index.js')
    const box = new SealedBox(testConfig(database.url).security.secretsKeyring)
    const repo = webhookRepository(server.db, box)
    const majastresEndpoint = await repo.upsertEndpoint(
      { kind: 'collectivity', siret: MAJASTRES },
      { url: 'https://hooks.example/m', secret, active: true, editorSiret: null },
      new Date(),
    )
    const hautelucceEndpoint = await repo.upsertEndpoint(
      { kind: 'collectivity', siret: HAUTELUCE },
      { url: 'https://hooks.example/h', secret, active: true, editorSiret: null },
      new Date(),
    )
    const event = (reference: string, siret: string) => ({
      id: randomUUID(),
      type: 'dossier.completed' as const,
      reference,
      collectivity_siret: siret,
      hubee_folder_id: randomUUID(),
      hubee_case_id: randomUUID(),
      external_id: 'famille-7',
      occurred_at: new Date().toISOString(),
    })
    await repo.insertDelivery({
      id: randomUUID(),
      endpointId: majastresEndpoint.id,
      event: event('MMMMMMMMMMMMM', MAJASTRES),
      createdAt: new Date(),
    })
    await repo.insertDelivery({
      id: randomUUID(),
      endpointId: hautelucceEndpoint.id,
      event: event('HHHHHHHHHHHHH', HAUTELUCE),
      createdAt: new Date(),
    })

    const all = await call('GET', '/api/v1/admin/webhooks/deliveries', admin)
    expect(all.statusCode).toBe(200)
    expect((all.json() as { items: { reference: string }[] }).items.map((d) => d.reference).sort()).toEqual([
      'HHHHHHHHHHHHH',
      'MMMMMMMMMMMMM',
    ])
    expect(all.body).not.toContain('famille-7') // the body is not shown
    const byRef = await call('GET', '/api/v1/admin/webhooks/deliveries?reference=MMMMMMMMMMMMM', admin)
    expect(byRef.json()).toMatchObject({
      items: [{ reference: 'MMMMMMMMMMMMM', collectivitySiret: MAJASTRES, outcome: 'pending', attempts: 0 }],
    })
    const bySiret = await call('GET', `/api/v1/admin/webhooks/deliveries?siret=${HAUTELUCE}`, admin)
    expect((bySiret.json() as { items: { reference: string }[] }).items.map((d) => d.reference)).toEqual([
      'HHHHHHHHHHHHH',
    ])

    const mine = await call('GET', '/api/v1/admin/webhooks/deliveries', editor)
    expect((mine.json() as { items: { reference: string }[] }).items.map((d) => d.reference)).toEqual([
      'MMMMMMMMMMMMM',
    ])
    expect(
      (await call('GET', `/api/v1/admin/webhooks/deliveries?siret=${HAUTELUCE}`, editor)).statusCode,
    ).toBe(403)
    expect(
      (await call('GET', `/api/v1/admin/webhooks/deliveries?siret=${MAJASTRES}`, editor)).statusCode,
    ).toBe(200)
    expect((await call('GET', '/api/v1/admin/webhooks/deliveries?reference=bad', admin)).statusCode).toBe(422)
  })

  it.each([
    'https://169.254.169.254/latest/meta-data',
    'https://[fd00:ec2::254]/',
    'https://[::ffff:a9fe:a9fe]/',
    'https://0.0.0.0:8443/',
    'https://10.0.0.1/',
    'https://[64:ff9b::a9fe:a9fe]/',
  ])('outside production, refuses %s (link-local, metadata, private: issue 21, L4)', async (url) => {
    const res = await call('PUT', `/api/v1/admin/collectivities/${MAJASTRES}/webhook`, editor, {
      url,
      secret,
    })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({
      type: 'urn:qf:problem:invalid-webhook-url',
      errors: [{ name: 'body.url' }],
    })
  })

  it('the deliveries list does not reveal the HTTP status of an internal target (issue 21, L4)', async () => {
    const { webhookRepository } = await import('../../src/modules/webhooks/index.js')
    const repo = webhookRepository(server.db, new SealedBox(testConfig(database.url).security.secretsKeyring))
    const internal = await repo.upsertEndpoint(
      { kind: 'editor', siret: EDITOR },
      { url: 'http://127.0.0.1:22/x', secret, active: true, editorSiret: null },
      new Date(),
    )
    const id = randomUUID()
    await repo.insertDelivery({
      id,
      endpointId: internal.id,
      event: {
        id: randomUUID(),
        type: 'dossier.completed' as const,
        reference: 'KKKKKKKKKKKKK',
        collectivity_siret: MAJASTRES,
        hubee_folder_id: randomUUID(),
        hubee_case_id: randomUUID(),
        external_id: null,
        occurred_at: new Date().toISOString(),
      },
      createdAt: new Date(),
    })
    await repo.recordAttempt(id, {
      attempt: 1,
      at: new Date(),
      status: 302,
      error: 'http_error',
      nextAttemptAt: new Date(Date.now() + 60_000),
      delivered: false,
      failed: false,
    })
    const res = await call('GET', '/api/v1/admin/webhooks/deliveries?reference=KKKKKKKKKKKKK', editor)
    expect(res.statusCode).toBe(200)
    const [item] = (res.json() as { items: Record<string, unknown>[] }).items
    expect(item).toMatchObject({ reference: 'KKKKKKKKKKKKK', attempts: 1, lastStatus: null, lastError: null })
    expect(res.body).not.toContain('302')
  })
})
