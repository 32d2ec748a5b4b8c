import { randomUUID } from 'node:crypto'
import { Value } from '@sinclair/typebox/value'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FormulaireQfWebhookEvent, type WebhookDelivery } from '@qf/contracts'
import { parseConfig, startWebhookServer, verifyWebhook } from '@qf/editor-kit'
import { MAJASTRES, HAUTELUCE } from '@qf/testing'
import { buildServer } from '../../src/build-server.js'
import { AppError } from '../../src/errors/catalog.js'
import { SealedBox } from '../../src/lib/sealed-box.js'
import { seedDemoCollectivities } from '../../src/modules/collectivities/index.js'
import {
  attemptDelivery,
  collectivityEditorSiret,
  enqueueDossierCompleted,
  listWebhookDeliveries,
  removeWebhookEndpoint,
  setWebhookEndpoint,
  webhookRepository,
  type DossierCompleted,
  type WebhooksDeps,
} from '../../src/modules/webhooks/index.js'
import { testConfig } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/database.js'
import { LogCapture } from '../helpers/log-capture.js'
import { eventually, startScriptedReceiver } from './helpers.js'

const EDITOR = '99900000100019'
const secret = 'test-webhook-secret-0123456789abcdef'
const editorSecret = 'editor-webhook-secret-0123456789abcdef'

let database: TestDatabase
let server: FastifyInstance
let deps: WebhooksDeps
const logs = new LogCapture()
/** The registry's record: `editor` receives on behalf of the collectivity `siret` (null: none). */
const setEditor = (siret: string, editor: string | null) =>
  deps.db
    .updateTable('collectivities')
    .set({ editor_siret: editor, editor: editor ? 'Logiciels Communes' : null })
    .where('siret', '=', siret)
    .execute()

beforeAll(async () => {
  database = await createTestDatabase()
  const config = testConfig(database.url, { LOG_LEVEL: 'info', WEBHOOK_RETRY_DELAY_SECONDS: '1' })
  server = await buildServer({ config, databaseUrl: database.url }, { logStream: logs })
  await server.ready()
  const box = new SealedBox(config.security.secretsKeyring)
  await seedDemoCollectivities(server.db, box)
  deps = {
    db: server.db,
    box,
    clock: server.ports.clock,
    jobQueue: server.ports.jobQueue,
    transport: server.ports.webhookTransport,
    settings: {
      retryDelaySeconds: config.webhooks.retryDelaySeconds,
      horizonSeconds: config.webhooks.horizonSeconds,
      production: false,
      allowedNetworks: [],
    },
    editorOf: collectivityEditorSiret,
    log: server.log,
  }
})
afterAll(async () => {
  await server?.close()
  await database?.drop()
})

const dossier = (siret = MAJASTRES, externalId: string | null = 'famille-1234'): DossierCompleted => ({
  reference: `R${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
  collectivitySiret: siret,
  hubeeFolderId: randomUUID(),
  hubeeCaseId: randomUUID(),
  externalId,
  occurredAt: new Date(),
})

const enqueue = (d: DossierCompleted) =>
  deps.db.transaction().execute((trx) => enqueueDossierCompleted(deps, trx, d))

const deliveriesOf = (reference: string) => listWebhookDeliveries(deps, { reference })

/** Waits until every delivery of this reference is finished (delivered or failed). */
const finished = (reference: string, count = 1) =>
  eventually(async () => {
    const list = await deliveriesOf(reference)
    return list.length === count && list.every((d) => d.outcome !== 'pending') ? list : undefined
  })

describe('webhook endpoints (use cases)', () => {
  it('sets an endpoint with its secret sealed at rest and never shown; replaces it in place; removes it', async () => {
    const first = await setWebhookEndpoint(
      deps,
      { kind: 'collectivity', siret: HAUTELUCE },
      {
        url: 'https://hooks.example/a',
        secret,
      },
    )
    expect(first).toMatchObject({
      ownerKind: 'collectivity',
      ownerSiret: HAUTELUCE,
      url: 'https://hooks.example/a',
      active: true,
    })
    expect(JSON.stringify(first)).not.toContain(secret)
    const row = await deps.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow()
    expect(row.sealed_secret).not.toContain(secret)
    expect(row.sealed_secret).toMatch(/^v2\./)

    const second = await setWebhookEndpoint(
      deps,
      { kind: 'collectivity', siret: HAUTELUCE },
      {
        url: 'https://hooks.example/b',
        secret: editorSecret,
        active: false,
      },
    )
    expect(second).toMatchObject({ id: first.id, url: 'https://hooks.example/b', active: false })
    await removeWebhookEndpoint(deps, { kind: 'collectivity', siret: HAUTELUCE })
    await expect(
      removeWebhookEndpoint(deps, { kind: 'collectivity', siret: HAUTELUCE }),
    ).rejects.toMatchObject({
      key: 'webhookEndpointNotFound',
    })
  })

  it('refuses a URL outside the policy (422) and an unknown collectivity (404)', async () => {
    for (const url of [
      'http://hooks.example/a',
      'ftp://hooks.example/a',
      'https://u:p@hooks.example/a',
      'https://hooks.example/#x',
    ]) {
      const error = await setWebhookEndpoint(
        deps,
        { kind: 'collectivity', siret: MAJASTRES },
        { url, secret },
      ).catch((e: unknown) => e)
      expect(error, url).toBeInstanceOf(AppError)
      expect(error).toMatchObject({ key: 'invalidWebhookUrl', status: 422 })
    }
    const prod = { ...deps, settings: { ...deps.settings, production: true } }
    for (const url of [
      'http://localhost:8787/hook',
      'https://localhost/hook',
      'https://10.1.2.3/hook',
      'https://[::1]/hook',
    ])
      await expect(
        setWebhookEndpoint(prod, { kind: 'editor', siret: EDITOR }, { url, secret }),
        url,
      ).rejects.toMatchObject({
        key: 'invalidWebhookUrl',
      })
    await expect(
      setWebhookEndpoint(
        deps,
        { kind: 'collectivity', siret: '21000000000000' },
        { url: 'https://hooks.example/a', secret },
      ),
    ).rejects.toMatchObject({ key: 'collectivityNotFound' })
  })
})

describe('dossier.completed: enqueued in the caller’s transaction, signed, delivered', () => {
  it('a collectivity endpoint set under one editor stops receiving once the editor changes (probe L1)', async () => {
    const AJACCIO = '21200004600012'
    const OTHER_EDITOR = '99900000200017'
    const receiver = await startScriptedReceiver()
    try {
      await setEditor(AJACCIO, EDITOR)
      await setWebhookEndpoint(deps, { kind: 'collectivity', siret: AJACCIO }, { url: receiver.url, secret })
      expect(await enqueue(dossier(AJACCIO))).toHaveLength(1)
      await setEditor(AJACCIO, OTHER_EDITOR)
      expect(await enqueue(dossier(AJACCIO))).toEqual([])
      // The new editor sets its own endpoint: it receives again.
      await setWebhookEndpoint(deps, { kind: 'collectivity', siret: AJACCIO }, { url: receiver.url, secret })
      expect(await enqueue(dossier(AJACCIO))).toHaveLength(1)
    } finally {
      await removeWebhookEndpoint(deps, { kind: 'collectivity', siret: AJACCIO })
      await setEditor(AJACCIO, null)
      await receiver.close()
    }
  })

  it('nothing is enqueued when the transaction rolls back, nor without an endpoint', async () => {
    const receiver = await startScriptedReceiver()
    try {
      expect(await enqueue(dossier(HAUTELUCE))).toEqual([]) // Hauteluce has no endpoint
      await setWebhookEndpoint(
        deps,
        { kind: 'collectivity', siret: HAUTELUCE },
        { url: receiver.url, secret },
      )
      const d = dossier(HAUTELUCE)
      await expect(
        deps.db.transaction().execute(async (trx) => {
          expect(await enqueueDossierCompleted(deps, trx, d)).toHaveLength(1)
          throw new Error('rolled back')
        }),
      ).rejects.toThrow('rolled back')
      expect(await deliveriesOf(d.reference)).toEqual([])
    } finally {
      await removeWebhookEndpoint(deps, { kind: 'collectivity', siret: HAUTELUCE })
      await receiver.close()
    }
  })

  it('posts the event signed X-QF-Signature, verified by the kit’s verifyWebhook; the body carries no personal data', async () => {
    const receiver = await startScriptedReceiver([200])
    try {
      await setWebhookEndpoint(
        deps,
        { kind: 'collectivity', siret: MAJASTRES },
        { url: receiver.url, secret },
      )
      const d = dossier()
      const [id] = await enqueue(d)
      const [delivery] = await finished(d.reference)
      expect(delivery).toMatchObject({
        id,
        outcome: 'delivered',
        attempts: 1,
        lastStatus: 200,
        lastError: null,
      })

      expect(receiver.received).toHaveLength(1)
      const [request] = receiver.received
      expect(request?.method).toBe('POST')
      expect(request?.headers['content-type']).toBe('application/json; charset=utf-8')
      const verified = verifyWebhook(request?.raw ?? '', request?.headers['x-qf-signature'], secret)
      expect(verified.ok).toBe(true)
      expect(
        verifyWebhook(
          request?.raw ?? '',
          request?.headers['x-qf-signature'],
          'another-secret-0123456789abcdef',
        ),
      ).toEqual({
        ok: false,
        reason: 'signature_mismatch',
      })

      const body = JSON.parse(request?.raw.toString('utf8') ?? '') as Record<string, unknown>
      expect(Value.Check(FormulaireQfWebhookEvent, body)).toBe(true)
      // Exactly the event's fields: ids, reference, SIRET, external_id, time — no name, birth data, QF, family.
      expect(Object.keys(body).sort()).toEqual(
        [
          'collectivity_siret',
          'external_id',
          'hubee_case_id',
          'hubee_folder_id',
          'id',
          'occurred_at',
          'reference',
          'type',
        ].sort(),
      )
      expect(body).toEqual({
        id: delivery?.eventId,
        type: 'dossier.completed',
        reference: d.reference,
        collectivity_siret: MAJASTRES,
        hubee_folder_id: d.hubeeFolderId,
        hubee_case_id: d.hubeeCaseId,
        external_id: 'famille-1234',
        occurred_at: d.occurredAt.toISOString(),
      })
      expect(request?.headers['x-qf-event-id']).toBe(delivery?.eventId)
      // Once delivered, the stored event no longer holds the editor's user id (issue 21, info).
      const stored = await deps.db
        .selectFrom('webhook_deliveries')
        .select('event')
        .where('id', '=', id ?? '')
        .executeTakeFirstOrThrow()
      expect(JSON.stringify(stored.event)).not.toContain('famille-1234')
      expect(stored.event).toMatchObject({ reference: d.reference, external_id: null })
    } finally {
      await removeWebhookEndpoint(deps, { kind: 'collectivity', siret: MAJASTRES })
      await receiver.close()
    }
  })

  it('a 500 from the receiver is retried with the same event, then delivered; each attempt logged without the body', async () => {
    const receiver = await startScriptedReceiver([500, 503, 204])
    try {
      const endpoint = await setWebhookEndpoint(
        deps,
        { kind: 'collectivity', siret: MAJASTRES },
        { url: receiver.url, secret },
      )
      const d = dossier()
      const [id] = await enqueue(d)
      const [delivery] = await finished(d.reference)
      expect(delivery).toMatchObject({
        id,
        outcome: 'delivered',
        attempts: 3,
        lastStatus: 204,
        lastError: null,
      })
      expect(receiver.received).toHaveLength(3)
      const bodies = receiver.received.map((r) => r.raw.toString('utf8'))
      expect(new Set(bodies).size).toBe(1) // the same event, byte for byte
      for (const r of receiver.received)
        expect(verifyWebhook(r.raw, r.headers['x-qf-signature'], secret).ok).toBe(true)
      expect(receiver.received.map((r) => r.headers['x-qf-delivery-attempt'])).toEqual(['1', '2', '3'])

      const lines = logs.lines.filter((l) => l.deliveryId === id)
      expect(lines.map((l) => [l.attempt, l.status, l.msg])).toEqual([
        [1, 500, 'webhook attempt failed; retry scheduled'],
        [2, 503, 'webhook attempt failed; retry scheduled'],
        [3, 204, 'webhook delivered'],
      ])
      for (const l of lines) expect(l.endpointId).toBe(endpoint.id)
      const text = JSON.stringify(lines)
      expect(text).not.toContain('receiver failure')
      expect(text).not.toContain('famille-1234')
      expect(text).not.toContain(secret)
    } finally {
      await removeWebhookEndpoint(deps, { kind: 'collectivity', siret: MAJASTRES })
      await receiver.close()
    }
  })

  it('the collectivity’s and its editor’s endpoints each get the event, with one event id', async () => {
    const own = await startScriptedReceiver()
    const editor = await startScriptedReceiver()
    await setEditor(MAJASTRES, EDITOR)
    try {
      await setWebhookEndpoint(deps, { kind: 'collectivity', siret: MAJASTRES }, { url: own.url, secret })
      await setWebhookEndpoint(
        deps,
        { kind: 'editor', siret: EDITOR },
        { url: editor.url, secret: editorSecret },
      )
      const d = dossier(MAJASTRES, null)
      expect(await enqueue(d)).toHaveLength(2)
      const list = await finished(d.reference, 2)
      expect(list.map((x) => x.outcome)).toEqual(['delivered', 'delivered'])
      expect(new Set(list.map((x) => x.eventId)).size).toBe(1)
      expect(
        verifyWebhook(own.received[0]?.raw ?? '', own.received[0]?.headers['x-qf-signature'], secret).ok,
      ).toBe(true)
      expect(
        verifyWebhook(
          editor.received[0]?.raw ?? '',
          editor.received[0]?.headers['x-qf-signature'],
          editorSecret,
        ).ok,
      ).toBe(true)
      expect(JSON.parse(editor.received[0]?.raw.toString('utf8') ?? '{}')).toMatchObject({
        external_id: null,
      })
      // listed by the editor's SIRET too
      const byEditor = await listWebhookDeliveries(deps, { siret: EDITOR })
      expect(
        byEditor.some((x: WebhookDelivery) => x.reference === d.reference && x.ownerKind === 'editor'),
      ).toBe(true)
    } finally {
      await setEditor(MAJASTRES, null)
      await removeWebhookEndpoint(deps, { kind: 'collectivity', siret: MAJASTRES })
      await removeWebhookEndpoint(deps, { kind: 'editor', siret: EDITOR })
      await own.close()
      await editor.close()
    }
  })

  it('a receiver failing past the horizon: the delivery is given up (failed)', async () => {
    const receiver = await startScriptedReceiver([500, 500, 500])
    try {
      const endpoint = await setWebhookEndpoint(
        deps,
        { kind: 'collectivity', siret: MAJASTRES },
        { url: receiver.url, secret },
      )
      // A delivery raised two hours ago, with a one-hour horizon: this attempt is the last.
      const id = randomUUID()
      const d = dossier()
      await webhookRepository(deps.db, deps.box).insertDelivery({
        id,
        endpointId: endpoint.id,
        createdAt: new Date(Date.now() - 2 * 3600_000),
        event: {
          id: randomUUID(),
          type: 'dossier.completed',
          reference: d.reference,
          collectivity_siret: MAJASTRES,
          hubee_folder_id: d.hubeeFolderId,
          hubee_case_id: d.hubeeCaseId,
          external_id: null,
          occurred_at: d.occurredAt.toISOString(),
        },
      })
      const short = { ...deps, settings: { ...deps.settings, horizonSeconds: 3600 } }
      expect(await attemptDelivery(short, { deliveryId: id, attempt: 1 })).toBe('failed')
      expect(await attemptDelivery(short, { deliveryId: id, attempt: 1 })).toBe('skipped') // a job run twice
      const [delivery] = await deliveriesOf(d.reference)
      expect(delivery).toMatchObject({
        outcome: 'failed',
        attempts: 1,
        lastStatus: 500,
        lastError: 'http_error',
        nextAttemptAt: null,
      })
      expect(receiver.received).toHaveLength(1)
    } finally {
      await removeWebhookEndpoint(deps, { kind: 'collectivity', siret: MAJASTRES })
      await receiver.close()
    }
  })

  it('an unreachable receiver is recorded as a network error and retried', async () => {
    const receiver = await startScriptedReceiver()
    const url = receiver.url
    await receiver.close() // nothing listens there any more
    await setWebhookEndpoint(deps, { kind: 'collectivity', siret: MAJASTRES }, { url, secret })
    try {
      const d = dossier()
      const [id] = await enqueue(d)
      const delivery = await eventually(async () => {
        const [x] = await deliveriesOf(d.reference)
        return x && x.attempts >= 1 ? x : undefined
      })
      expect(delivery).toMatchObject({ id, outcome: 'pending', lastStatus: null, lastError: 'network' })
      expect(delivery.nextAttemptAt).not.toBeNull()
    } finally {
      await removeWebhookEndpoint(deps, { kind: 'collectivity', siret: MAJASTRES })
    }
  })
})

describe('the kit’s receiver (qf-editeur serve) and the API’s webhook', () => {
  it('accepts the API’s delivery once, and rejects it replayed late or tampered', async () => {
    const events: string[] = []
    const kitConfig = parseConfig({
      webhook: { host: '127.0.0.1', port: 0, secrets: [secret] },
      subscriptions: [{ siret: MAJASTRES, cog: '04107', hubeeClientSecret: 'unused-here' }],
    })
    const kit = await startWebhookServer({
      config: kitConfig,
      onEvent: async (event) => {
        events.push(event.reference)
      },
    })
    // A recorder in front of the kit keeps the raw request the API sent, to replay and tamper with it.
    const recorded: { raw: Buffer; signature: string }[] = []
    const { createServer } = await import('node:http')
    const proxy = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const raw = Buffer.concat(chunks)
        const signature = String(req.headers['x-qf-signature'] ?? '')
        recorded.push({ raw, signature })
        fetch(kit.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-qf-signature': signature },
          body: raw,
        })
          .then(async (r) => {
            res.writeHead(r.status, { 'content-type': 'application/json' })
            res.end(await r.text())
          })
          .catch(() => {
            res.writeHead(502)
            res.end()
          })
      })
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()))
    const port = (proxy.address() as { port: number }).port
    try {
      await setWebhookEndpoint(
        deps,
        { kind: 'collectivity', siret: MAJASTRES },
        {
          url: `http://127.0.0.1:${port}/webhooks/formulaire-qf`,
          secret,
        },
      )
      const d = dossier()
      await enqueue(d)
      const [delivery] = await finished(d.reference)
      expect(delivery).toMatchObject({ outcome: 'delivered', lastStatus: 202 })
      await kit.idle()
      expect(events).toEqual([d.reference])

      const [original] = recorded
      if (!original) throw new Error('nothing recorded')
      const post = (body: Buffer | string, signature: string) =>
        fetch(kit.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-qf-signature': signature },
          body,
        })
      // replayed at once: recognised by its event id, not pulled again
      expect((await post(original.raw, original.signature)).status).toBe(200)
      // tampered: another reference under the same signature
      const tampered = original.raw.toString('utf8').replace(d.reference, 'AAAAAAAAAAAAA')
      const refusedTampered = await post(tampered, original.signature)
      expect(refusedTampered.status).toBe(401)
      expect(await refusedTampered.json()).toEqual({ error: 'signature_mismatch' })
      // replayed later than the tolerance: refused by the timestamp (the kit's verifyWebhook, 300 s)
      const t = Number(/t=(\d+)/.exec(original.signature)?.[1])
      expect(verifyWebhook(original.raw, original.signature, secret, { now: (t + 301) * 1000 })).toEqual({
        ok: false,
        reason: 'timestamp_out_of_range',
      })
      await kit.idle()
      expect(events).toEqual([d.reference])
    } finally {
      await removeWebhookEndpoint(deps, { kind: 'collectivity', siret: MAJASTRES })
      await new Promise<void>((resolve) => proxy.close(() => resolve()))
      await kit.close()
    }
  })
})
