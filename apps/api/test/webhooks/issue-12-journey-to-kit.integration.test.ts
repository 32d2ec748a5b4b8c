import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  normalizeDossier,
  parseConfig,
  pullSubscription,
  startWebhookServer,
  type PullReport,
  type ReceivedDossier,
  type WebhookServer,
} from '@qf/editor-kit'
import type { FormulaireQfWebhookEvent, WebhookDeliveryList } from '@qf/contracts'
import { MAJASTRES } from '@qf/testing'
import { SYNC_SUBMISSION_STATUSES_JOB } from '../../src/modules/submissions/index.js'
import { createApiKey } from '../../src/modules/registry/index.js'
import {
  loginAndSubmit,
  startSubmissionWorld,
  traceOf,
  type SubmissionWorld,
} from '../submissions/submission-world.js'

/**
 * Issue 12, done when: a journey submitted → the delivery job deposits in the sandbox's HubEE → the
 * webhook reaches a kit `serve` receiver, which runs a pull → the kit receives the dossier exactly
 * once with its digests verified, the case reaches DONE → the API's status sync shows `done` with
 * the case and folder closed. (A crash in the middle of a pull resuming without duplicates is the
 * kit's own packages/editor-kit/test/pull-resume.integration.test.ts.)
 */

/** The kit's sandbox configuration's secret (packages/editor-kit/config/sandbox.json). */
const sandboxWebhookSecret = 'sandbox-webhook-secret-0123456789abcdef'
/** The sandbox's demo editor (DataPass service provider `logiciels-communes`). */
const DEMO_EDITOR = '99900000100019'
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64')

let w: SubmissionWorld
let kit: WebhookServer
let dir: string
const handled: ReceivedDossier[] = []
const reports: PullReport[] = []
const events: FormulaireQfWebhookEvent[] = []
let kitConfig: ReturnType<typeof parseConfig>

beforeAll(async () => {
  w = await startSubmissionWorld({ env: { WEBHOOK_RETRY_DELAY_SECONDS: '1' } })
  dir = await mkdtemp(join(tmpdir(), 'qf-kit-'))
  kitConfig = parseConfig({
    hubee: {
      apiUrl: `${w.world.sandbox.url}/hubee`,
      tokenUrl: `${w.world.sandbox.url}/hubee-auth/oauth2/token`,
    },
    stateDir: join(dir, 'etat'),
    inboxDir: join(dir, 'dossiers'),
    webhook: { host: '127.0.0.1', port: 0, secrets: [sandboxWebhookSecret] },
    subscriptions: [{ siret: MAJASTRES, cog: '04107', hubeeClientSecret: 'sandbox-secret' }],
  })
  // `qf-editeur serve`: each verified webhook runs a pull of its subscription.
  kit = await startWebhookServer({
    config: kitConfig,
    onEvent: async (event, subscription) => {
      events.push(event)
      reports.push(
        await pullSubscription(kitConfig, subscription, {
          handler: async (dossier) => {
            handled.push(dossier)
            return { status: 'DONE' }
          },
        }),
      )
    },
  })
})
afterAll(async () => {
  await kit?.close()
  await w?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('issue 12: a journey submitted reaches the editor’s kit through the webhook, then shows done', () => {
  it('submitted → deposited → webhook → kit pull exactly once, digests verified, DONE → status sync: done, closed', async () => {
    // Majastres' editor registers the kit's receiver through the admin API (http on loopback is
    // allowed outside production); the secret is the kit's sandbox one.
    await w.db
      .updateTable('collectivities')
      .set({ editor_siret: DEMO_EDITOR, editor: 'Logiciels Communes' })
      .where('siret', '=', MAJASTRES)
      .execute()
    const { key } = await createApiKey(w.db, { scope: { kind: 'editor', siret: DEMO_EDITOR }, label: 'kit' })
    const registered = await fetch(`${w.world.apiUrl}/api/v1/admin/editors/${DEMO_EDITOR}/webhook`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: kit.url, secret: sandboxWebhookSecret }),
    })
    expect(registered.status).toBe(200)

    const { reference } = await loginAndSubmit(w, 'avec_nom_dusage', { externalId: 'famille-42' })

    // The delivery job deposits the folder; its transaction enqueues the webhook, delivered to the kit.
    const [delivery] = await vi.waitFor(
      async () => {
        const res = await fetch(`${w.world.apiUrl}/api/v1/admin/webhooks/deliveries?reference=${reference}`, {
          headers: { authorization: `Bearer ${key}` },
        })
        const list = ((await res.json()) as WebhookDeliveryList).items
        if (list[0]?.outcome !== 'delivered') throw new Error('webhook not delivered yet')
        return list
      },
      { timeout: 30_000, interval: 200 },
    )
    expect(delivery).toMatchObject({
      collectivitySiret: MAJASTRES,
      ownerKind: 'editor',
      ownerSiret: DEMO_EDITOR,
      attempts: 1,
      // The kit listens on loopback: an editor key is not shown an internal target's status (issue 21, L4).
      lastStatus: null,
    })
    const trace = await traceOf(w.db, reference)
    expect(trace?.status).toBe('delivered')
    const folderId = trace?.hubee_folder_id
    const caseId = trace?.hubee_case_id
    expect(folderId).toBeTruthy()

    // The kit's pull (run by its receiver) hands the dossier exactly once, files checked.
    await vi.waitFor(
      () => {
        if (reports.length === 0) throw new Error('no pull yet')
      },
      { timeout: 20_000, interval: 100 },
    )
    await kit.idle()
    expect(events).toEqual([
      {
        id: delivery?.eventId,
        type: 'dossier.completed',
        reference,
        collectivity_siret: MAJASTRES,
        hubee_folder_id: folderId,
        hubee_case_id: caseId,
        external_id: 'famille-42',
        occurred_at: trace?.delivered_at?.toISOString(),
      },
    ])
    expect(handled.map((d) => d.reference)).toEqual([reference])
    const [dossier] = handled
    expect(dossier?.caseId).toBe(caseId)
    expect(dossier?.files.map((f) => f.fileName)).toEqual([
      'FormulaireQF.json',
      'FormulaireQF.xml',
      'quotient_familial_MERCIER_Pierre.pdf',
    ])
    for (const f of dossier?.files ?? []) {
      expect(f.bytes.length).toBe(f.size)
      expect(f.sha256).toBe(sha256(f.bytes)) // the kit checked HubEE's digest against these bytes
    }
    // The kit's dossier.json keeps the requester's usage name the CAF gave (MERCIER → DUBOIS).
    expect(dossier && normalizeDossier(dossier).demandeur).toMatchObject({
      nom_naissance: 'MERCIER',
      nom_usage: 'DUBOIS',
    })
    expect(reports.flatMap((r) => r.dossiers)).toEqual([{ caseId, reference, outcome: 'DONE', how: 'new' }])
    expect(reports.flatMap((r) => r.failed)).toEqual([])
    expect((await w.si.readCase(caseId ?? '')).status).toBe('DONE')

    // A later pull (cron next to serve) finds nothing new: the dossier came once.
    const again = await pullSubscription(kitConfig, kitConfig.subscriptions[0]!, {
      handler: async (d) => {
        handled.push(d)
        return { status: 'DONE' }
      },
    })
    expect(again.dossiers).toEqual([])
    expect(handled).toHaveLength(1)

    // The API's status sync: done, case and folder closed, ids cleared.
    await w.servers[0]!.jobQueue.send(SYNC_SUBMISSION_STATUSES_JOB, {})
    await vi.waitFor(
      async () => {
        const row = await traceOf(w.db, reference)
        if (row?.status !== 'done' || row.hubee_case_id !== null) throw new Error('not done yet')
      },
      { timeout: 20_000, interval: 200 },
    )
    const seen = await fetch(`${w.world.apiUrl}/api/v1/submissions/${reference}`)
    expect(seen.status).toBe(200)
    expect(((await seen.json()) as { status: string }).status).toBe('done')
    const folder = await w.osl.readFolder(folderId ?? '')
    expect(folder?.status).toBe('CLOSED')
    expect(folder?.cases[0]?.status).toBe('CLOSED')
  })

  it('the webhook carried no personal data and nothing personal was logged about it', () => {
    const lines = w.logs.lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('webhook'))
    expect(lines.length).toBeGreaterThan(0)
    const text = JSON.stringify(lines)
    for (const word of ['MERCIER', 'Pierre', 'famille-42', sandboxWebhookSecret])
      expect(text).not.toContain(word)
  })
})
