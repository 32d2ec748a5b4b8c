import { randomUUID } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FormulaireQfWebhookEvent } from '@qf/contracts'
import { pullSubscription } from '../src/runner.js'
import { signWebhook } from '../src/webhook/signature.js'
import { startWebhookServer, type WebhookServer } from '../src/webhook/server.js'
import { type Deposit, majastres, startWorld, type World } from './helpers/world.js'

const secret = 'test-webhook-secret-0123456789'

let world: World
let server: WebhookServer
let pulls: string[]
let logs: string[]
beforeEach(async () => {
  world = await startWorld()
  pulls = []
  logs = []
  server = await startWebhookServer({
    config: world.config,
    log: (line) => logs.push(line),
    onEvent: async (_event, subscription) => {
      pulls.push(subscription.siret)
      await pullSubscription(world.config, subscription)
    },
  })
})
afterEach(async () => {
  await server.close()
  await world.close()
})

function eventFor(dep: Deposit, siret = majastres.siret): FormulaireQfWebhookEvent {
  return {
    id: randomUUID(),
    type: 'dossier.completed',
    reference: dep.reference,
    collectivity_siret: siret,
    hubee_folder_id: dep.folderId,
    hubee_case_id: dep.caseId,
    external_id: 'famille-1234',
    occurred_at: new Date().toISOString(),
  }
}

async function post(body: string, signature?: string) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-qf-signature': signature } : {}) },
    body,
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('serve: the webhook receiver', () => {
  it('a signed event triggers a pull of that subscription; the dossier lands in the inbox', async () => {
    const dep = await world.depositor.deposit(majastres)
    const body = JSON.stringify(eventFor(dep))
    expect(await post(body, signWebhook(body, secret))).toEqual({ status: 202, body: { status: 'accepted' } })
    await server.idle()
    expect(pulls).toEqual([majastres.siret])
    expect(await readdir(world.config.inboxDir)).toEqual([dep.reference])
    expect((await world.depositor.case(dep.caseId)).status).toBe('DONE')
  })

  it('the same event id again is a duplicate: no second pull', async () => {
    const dep = await world.depositor.deposit(majastres)
    const body = JSON.stringify(eventFor(dep))
    expect((await post(body, signWebhook(body, secret))).status).toBe(202)
    await server.idle()
    expect(await post(body, signWebhook(body, secret))).toEqual({
      status: 200,
      body: { status: 'duplicate' },
    })
    await server.idle()
    expect(pulls).toHaveLength(1)
  })

  it('refuses a replayed (old) signature, a tampered body, a wrong secret and no signature', async () => {
    const dep = await world.depositor.deposit(majastres)
    const body = JSON.stringify(eventFor(dep))
    const old = signWebhook(body, secret, Math.floor(Date.now() / 1000) - 3600)
    expect(await post(body, old)).toEqual({ status: 401, body: { error: 'timestamp_out_of_range' } })
    const tampered = body.replace(dep.reference, 'AAAAAAAAAAAAA')
    expect(await post(tampered, signWebhook(body, secret))).toEqual({
      status: 401,
      body: { error: 'signature_mismatch' },
    })
    expect((await post(body, signWebhook(body, 'not-the-secret-0123456789'))).status).toBe(401)
    expect(await post(body)).toEqual({ status: 401, body: { error: 'missing_header' } })
    await server.idle()
    expect(pulls).toEqual([])
  })

  it('a subscription’s own secret is accepted for its events only', async () => {
    const own = 'majastres-only-secret-0123456789'
    await server.close()
    const config = {
      ...world.config,
      subscriptions: world.config.subscriptions.map((s) =>
        s.siret === majastres.siret ? { ...s, webhookSecrets: [own] } : s,
      ),
      webhook: { ...world.config.webhook, secrets: [] },
    }
    server = await startWebhookServer({
      config,
      onEvent: async (_e, s) => {
        pulls.push(s.siret)
      },
    })
    const dep = await world.depositor.deposit(majastres)
    const mine = JSON.stringify(eventFor(dep))
    expect((await post(mine, signWebhook(mine, own))).status).toBe(202)
    const other = JSON.stringify(eventFor(dep, '21730132400018'))
    expect((await post(other, signWebhook(other, own))).status).toBe(401)
    await server.idle()
    expect(pulls).toEqual([majastres.siret])
  })

  it('an unknown collectivity, a malformed event, a wrong path', async () => {
    const dep = await world.depositor.deposit(majastres)
    const unknown = JSON.stringify(eventFor(dep, '21010004600015'))
    // Acknowledged (2xx) and logged, so the sender does not retry it for 24 h.
    expect(await post(unknown, signWebhook(unknown, secret))).toEqual({
      status: 202,
      body: { status: 'ignored', reason: 'unknown_subscription' },
    })
    const newType = JSON.stringify({ ...eventFor(dep), type: 'dossier.withdrawn' })
    expect(await post(newType, signWebhook(newType, secret))).toEqual({
      status: 202,
      body: { status: 'ignored', reason: 'unknown_type' },
    })
    // Unknown but unsigned: still refused.
    expect((await post(newType, signWebhook(newType, 'another-secret-of-16+'))).status).toBe(401)
    expect(logs.some((l) => l.includes('21010004600015') && l.includes('absent de la configuration'))).toBe(
      true,
    )
    expect(logs.some((l) => l.includes('dossier.withdrawn') && l.includes('ignoré'))).toBe(true)
    await server.idle()
    expect(pulls).toEqual([])
    const malformed = JSON.stringify({ ...eventFor(dep), hubee_case_id: 'nope' })
    expect(await post(malformed, signWebhook(malformed, secret))).toEqual({
      status: 400,
      body: { error: 'invalid_event' },
    })
    expect((await post('{not json', signWebhook('{not json', secret))).status).toBe(400)
    const wrongPath = await fetch(server.url.replace('/webhooks/formulaire-qf', '/autre'), {
      method: 'POST',
      body: '{}',
    })
    expect(wrongPath.status).toBe(404)
    expect((await fetch(server.url.replace('/webhooks/formulaire-qf', '/health'))).status).toBe(200)
  })
})
