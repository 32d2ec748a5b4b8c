import { execFile } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  buildApproveEvent,
  datapassSignature,
  defaultAuthorizationRequestId,
  sendDatapassEvent,
} from '../src/datapass/approve-event.js'
import { datapassWebhookSecret, demoEditor } from '../src/seed.js'

interface Received {
  method: string
  headers: IncomingHttpHeaders
  body: string
}

/** A receiver that checks the signature the way DataPass's documentation tells receivers to. */
let server: Server
let url = ''
const received: Received[] = []
beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      received.push({ method: req.method ?? '', headers: req.headers, body })
      const expected = `sha256=${createHmac('sha256', datapassWebhookSecret).update(body).digest('hex')}`
      const ok = req.headers['x-hub-signature-256'] === expected
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
      res.end(JSON.stringify(ok ? { token_id: 'collectivity-ref' } : { error: 'bad signature' }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/webhooks/datapass`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
beforeEach(() => {
  received.length = 0
})

describe('DataPass sender (sandbox)', () => {
  it('builds an approve event of a formulaire_qf request in DataPass’s format', () => {
    const event = buildApproveEvent({ siret: '21200033900011', firedAt: new Date('2026-12-01T09:00:00Z') })
    expect(event).toMatchObject({
      event: 'approve',
      fired_at: Date.parse('2026-12-01T09:00:00Z') / 1000,
      model_type: 'authorization_request/formulaire_qf',
      data: {
        id: defaultAuthorizationRequestId('21200033900011'),
        state: 'validated',
        organization: { siret: '21200033900011' },
        applicant: { email: 'camille.martin@mairie.example' },
        service_provider: { id: demoEditor.id, siret: demoEditor.siret, type: 'editor' },
        data: {
          contact_metier_email: 'camille.martin@mairie.example',
          delegue_protection_donnees_email: 'dpo@mairie.example',
        },
      },
    })
    expect(
      buildApproveEvent({ siret: '21200033900011', serviceProvider: null }).data.service_provider,
    ).toBeNull()
    // the same SIRET gives the same authorization request (a second send is a replay)
    expect(buildApproveEvent({ siret: '21200033900011' }).data.id).toBe(event.data.id)
  })

  it('signs the raw body (X-Hub-Signature-256) and posts it with X-App-Environment', async () => {
    const event = buildApproveEvent({ siret: '21200033900011' })
    const result = await sendDatapassEvent({ url, secret: datapassWebhookSecret, event })
    expect(result.status).toBe(200)
    expect(JSON.parse(result.body)).toEqual({ token_id: 'collectivity-ref' })
    expect(received).toHaveLength(1)
    expect(received[0]?.method).toBe('POST')
    expect(received[0]?.headers['content-type']).toBe('application/json')
    expect(received[0]?.headers['x-app-environment']).toBe('sandbox')
    expect(received[0]?.headers['x-hub-signature-256']).toBe(
      datapassSignature(received[0]?.body ?? '', datapassWebhookSecret),
    )
    expect(JSON.parse(received[0]?.body ?? '')).toEqual(event)
  })

  it('a wrong secret gives a signature the receiver refuses', async () => {
    const result = await sendDatapassEvent({
      url,
      secret: 'not-the-secret',
      event: buildApproveEvent({ siret: '21200033900011' }),
    })
    expect(result.status).toBe(401)
  })

  it('the datapass:approve command signs and posts, and exits 0 on success', async () => {
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url))
    const cli = fileURLToPath(new URL('../src/datapass/cli.ts', import.meta.url))
    const { stdout } = await promisify(execFile)(
      tsx,
      [cli, '--', '--siret', '21130055300016', '--url', url, '--no-editor'],
      {
        env: { ...process.env, DATAPASS_WEBHOOK_SECRET: datapassWebhookSecret },
      },
    )
    expect(stdout).toContain('→ 200')
    expect(received).toHaveLength(1)
    const sent = JSON.parse(received[0]?.body ?? '') as {
      event: string
      data: { organization: { siret: string }; service_provider: unknown }
    }
    expect(sent.event).toBe('approve')
    expect(sent.data.organization.siret).toBe('21130055300016')
    expect(sent.data.service_provider).toBeNull()
  })

  it('the command refuses a malformed SIRET and exits 1 when the receiver refuses', async () => {
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url))
    const cli = fileURLToPath(new URL('../src/datapass/cli.ts', import.meta.url))
    await expect(promisify(execFile)(tsx, [cli, '--siret', '123', '--url', url])).rejects.toMatchObject({
      code: 2,
    })
    await expect(
      promisify(execFile)(tsx, [cli, '--siret', '21130055300016', '--url', url, '--secret', 'wrong']),
    ).rejects.toMatchObject({ code: 1 })
    expect(received).toHaveLength(1)
  })
})
