import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { formulaireQf } from '@qf/contracts'
import { currentSession } from '@qf/testing'
import { SYNC_SUBMISSION_STATUSES_JOB } from '../../src/modules/submissions/index.js'
import { amberieu, majastres } from '../contracts/hub-worlds.js'
import { depositCompleted } from '../contracts/dossier-hub.contract.js'
import { dasherizeKeys, pdfText, readFormulaireQfXml } from './attachments-reader.js'
import { Crash, type Interceptor } from './hub-helpers.js'
import {
  casesOf as casesOfReference,
  loginAndSubmit,
  logLinesOf,
  metricsOf,
  sample,
  startSubmissionWorld,
  traceOf,
  waitForStatus,
  type SubmissionWorld,
} from './submission-world.js'

/** The test family of the `avec_nom_dusage` identity: none of it may reach a log line. */
const personalData = ['MERCIER', 'DUBOIS', 'Pierre', 'PIERRE', 'ROBERT', 'HENRY', '1969-03-17', '2018-01-10']
const qfValue = /(?<![0-9A-Za-z-])2550(?![0-9A-Za-z-])/

let w: SubmissionWorld

beforeAll(async () => {
  w = await startSubmissionWorld()
})
afterAll(async () => {
  await w?.close()
})

const arm = (interceptor: Interceptor) => {
  w.interceptor.current = interceptor
}
const disarm = () => arm({})

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64')

/** The completed cases of a reference, as Majastres' software sees them (one new-case notification each). */
const casesOf = (reference: string) => casesOfReference(w, reference)

/** The SI's new case for a reference: its id and attachments (waits for the notification). */
async function caseOf(reference: string) {
  return vi.waitFor(
    async () => {
      const [caseId] = await casesOf(reference)
      if (!caseId) throw new Error(`no case for ${reference} yet`)
      return { caseId, ...(await w.si.readCase(caseId)) }
    },
    { timeout: 15_000, interval: 300 },
  )
}

describe('delivery to HubEE over the sandbox', () => {
  it('deposits the three attachments as the national form does, external_id carried end to end', async () => {
    const { reference } = await loginAndSubmit(w, 'avec_nom_dusage', { externalId: 'famille-42' })
    const delivered = await waitForStatus(w.db, reference, ['delivered'])
    expect(delivered.sealed_dossier).toBeNull()
    expect(delivered.delivered_at).not.toBeNull()

    const kase = await caseOf(reference)
    expect(kase.externalId).toBe(`Formulaire-QF-${reference}-01`)
    expect(kase.attachments.map((a) => a.fileName)).toEqual([
      'FormulaireQF.json',
      'FormulaireQF.xml',
      'quotient_familial_MERCIER_Pierre.pdf',
    ])
    const files = await Promise.all(kase.attachments.map((a) => w.si.download(kase.caseId, a.id)))
    for (const [i, file] of files.entries()) {
      expect(file.bytes.length).toBe(kase.attachments[i]?.size)
      expect(file.digest).toContain(sha256(file.bytes))
    }
    const [json, xml, pdf] = files.map((f) => f.bytes)

    const document = JSON.parse(json!.toString('utf8')) as Record<string, unknown>
    expect(Object.keys(document)).toEqual([
      'external_id',
      'pivot_identity',
      'quotient_familial_v3',
      'quotient_familial',
    ])
    expect(document.external_id).toBe('famille-42')
    expect(document.pivot_identity).toEqual({
      family_name: 'MERCIER',
      given_name: 'Pierre',
      gender: 'male',
      birthdate: '1969-03-17',
      birthplace: '95277',
      birthcountry: '99100',
    })
    expect(document.quotient_familial_v3).toMatchObject({
      version: 'v3',
      quotient_familial: { fournisseur: 'CNAF', valeur: 2550 },
      allocataires: [{ nom_naissance: 'MERCIER', nom_usage: 'DUBOIS', prenoms: 'PIERRE' }],
    })
    expect(document.quotient_familial).toMatchObject({
      regime: 'CNAF',
      quotientFamilial: 2550,
      version: 'v2',
      allocataires: [
        {
          nomNaissance: 'MERCIER',
          nomUsuel: 'DUBOIS',
          prenoms: 'PIERRE',
          anneeDateDeNaissance: '1969',
          moisDateDeNaissance: '03',
          jourDateDeNaissance: '17',
          sexe: 'M',
        },
      ],
    })
    const v2 = document.quotient_familial as { enfants: { prenoms: string; nomUsuel: null }[]; annee: number }
    expect(v2.enfants.map((e) => e.prenoms)).toEqual(['PIERRE', 'ROBERT', 'HENRY'])
    expect(v2.enfants.every((e) => e.nomUsuel === null)).toBe(true)
    expect(typeof v2.annee).toBe('number')

    expect(xml!.toString('utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/)
    expect(readFormulaireQfXml(xml!)).toEqual(dasherizeKeys(document))

    const { totalPages, text } = await pdfText(pdf!)
    expect(totalPages).toBe(1)
    for (const expected of [
      reference,
      'Majastres',
      'famille-42',
      'MERCIER',
      'DUBOIS',
      'ROBERT',
      'HENRY',
      'CNAF',
    ])
      expect(text).toContain(expected)
  })

  it('a double submission delivers one folder', async () => {
    const first = await loginAndSubmit(w)
    const again = await first.browser.fetch(`${w.world.apiUrl}/api/v1/sessions/current/submission`, {
      method: 'POST',
      json: { consent: true },
    })
    expect(((await again.json()) as { reference: string }).reference).toBe(first.reference)
    await waitForStatus(w.db, first.reference, ['delivered'])
    await caseOf(first.reference)
    expect(await casesOf(first.reference)).toHaveLength(1)
  })

  it('HubEE refusing a call mid-delivery (sandbox outage after the folder is created), then recovering', async () => {
    const faults = (body: unknown) =>
      fetch(`${w.world.sandbox.url}/__admin/faults/hubee`, {
        method: body === null ? 'DELETE' : 'PUT',
        headers: { 'content-type': 'application/json' },
        body: body === null ? undefined : JSON.stringify(body),
      })
    let outage = false
    arm({
      async after(method) {
        if (method === 'depositFolder' && !outage) {
          outage = true
          expect((await faults({ outage: true, failureMode: '5xx', failureStatus: 503 })).status).toBe(200)
        }
      },
    })
    try {
      const before = sample(await metricsOf(w.servers[0]!), 'qf_deliveries_total', '{outcome="retried"}')
      const { reference } = await loginAndSubmit(w)
      await vi.waitFor(
        () => {
          if (!logLinesOf(w.logs, reference, 'delivery attempt failed, will retry').length)
            throw new Error('no retry yet')
        },
        { timeout: 20_000, interval: 200 },
      )
      const pending = await traceOf(w.db, reference)
      expect(pending?.status).toBe('queued')
      expect(pending?.hubee_folder_id).not.toBeNull()
      await faults(null)
      await waitForStatus(w.db, reference, ['delivered'])
      expect(logLinesOf(w.logs, reference, 'dossier delivered')).toMatchObject([{ reused: true }])
      expect(await casesOf(reference)).toHaveLength(1)
      expect(
        sample(await metricsOf(w.servers[0]!), 'qf_deliveries_total', '{outcome="retried"}'),
      ).toBeGreaterThan(before)
    } finally {
      disarm()
      await faults(null)
    }
  })

  it('a worker killed between create and complete: the retry reuses the folder, exactly one completed folder', async () => {
    let killed = false
    arm({
      before(method) {
        if (method === 'completeFolder' && !killed) {
          killed = true
          throw new Crash()
        }
      },
    })
    try {
      const { reference } = await loginAndSubmit(w)
      const delivered = await waitForStatus(w.db, reference, ['delivered'])
      expect(delivered.hubee_folder_id).not.toBeNull()
      expect(logLinesOf(w.logs, reference, 'delivery attempt failed, will retry')).toHaveLength(1)
      expect(logLinesOf(w.logs, reference, 'dossier delivered')).toMatchObject([{ reused: true }])
      expect(await casesOf(reference)).toHaveLength(1)
    } finally {
      disarm()
    }
  })

  it('a worker killed right after HubEE created the folder (before recording it): one completed folder, the orphan counted', async () => {
    let created: string | undefined
    arm({
      after(method, result) {
        if (method === 'depositFolder' && !created) {
          created = (result as { folderId: string }).folderId
          throw new Crash()
        }
      },
    })
    try {
      const orphans = sample(await metricsOf(w.servers[0]!), 'qf_delivery_possible_orphans_total')
      const { reference } = await loginAndSubmit(w)
      const delivered = await waitForStatus(w.db, reference, ['delivered'])
      expect(delivered.hubee_folder_id).not.toBe(created)
      expect(logLinesOf(w.logs, reference, 'possible orphan folder at the hub')).toHaveLength(1)
      expect(sample(await metricsOf(w.servers[0]!), 'qf_delivery_possible_orphans_total')).toBe(orphans + 1)
      // The orphan was never completed: the collectivity sees one case only.
      expect((await w.osl.readFolder(created ?? ''))?.status).toBe('HUBEE_RECEIVED')
      expect(await casesOf(reference)).toHaveLength(1)
    } finally {
      disarm()
    }
  })

  it('a permanent refusal (recipient not subscribed) fails the trace at once, counted and logged', async () => {
    arm({
      before(method, args) {
        if (method !== 'depositFolder') return
        const folder = args[0] as { case: { recipient: unknown } }
        return [{ ...folder, case: { ...folder.case, recipient: amberieu } }]
      },
    })
    try {
      const before = sample(await metricsOf(w.servers[0]!), 'qf_deliveries_total', '{outcome="refused"}')
      const { reference } = await loginAndSubmit(w)
      const failed = await waitForStatus(w.db, reference, ['failed'])
      expect(failed.failed_at).not.toBeNull()
      expect(failed.sealed_dossier).not.toBeNull()
      expect(failed.failure_reason).toBe('collectivity_cannot_receive')
      expect(logLinesOf(w.logs, reference, 'delivery failed')).toMatchObject([
        { reason: 'refused', failureReason: 'collectivity_cannot_receive', level: 50 },
      ])
      expect(logLinesOf(w.logs, reference, 'delivery attempt failed, will retry')).toHaveLength(0)
      const metrics = await metricsOf(w.servers[0]!)
      expect(sample(metrics, 'qf_deliveries_total', '{outcome="refused"}')).toBe(before + 1)
      expect(sample(metrics, 'qf_submissions', '{status="failed"}')).toBeGreaterThanOrEqual(1)
      const seen = await fetch(`${w.world.apiUrl}/api/v1/submissions/${reference}`)
      const body = await seen.text()
      expect(JSON.parse(body)).toMatchObject({
        status: 'failed',
        failureReason: 'collectivity_cannot_receive',
      })
      // The code only: never HubEE's message (it names the recipient, and may echo request fields).
      expect(body).not.toMatch(/suscribed|SI-/)
    } finally {
      disarm()
    }
  })

  it('status sync: si_received, then done; case and folder closed, ids cleared; a foreign notification left alone', async () => {
    const { browser, reference } = await loginAndSubmit(w)
    const delivered = await waitForStatus(w.db, reference, ['delivered'])
    const { caseId, hubee_folder_id: folderId } = {
      caseId: delivered.hubee_case_id,
      hubee_folder_id: delivered.hubee_folder_id,
    }
    await caseOf(reference)

    // Another process of the same HubEE account has a notification waiting in the shared queue.
    const admin = await fetch(`${w.world.sandbox.url}/hubee-auth/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('formulaire-qf-admin:sandbox-admin-secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=ADMIN',
    })
    const adminToken = ((await admin.json()) as { access_token: string }).access_token
    const subscribed = await fetch(`${w.world.sandbox.url}/hubee/referential/v1/subscriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        datapassId: 1,
        processCode: 'CERTDC',
        subscriber: { type: 'SI', companyRegister: majastres.siret, branchCode: majastres.cog },
        localAdministrator: { email: 'admin@example.org' },
        notificationFrequency: 'unitaire',
        accessMode: 'API',
        status: 'Actif',
      }),
    })
    expect(subscribed.status).toBe(201)
    // Created `Inactif` (HubEE's manual activation since July 2026): activated as HubEE's staff would.
    const activated = await fetch(
      `${w.world.sandbox.url}/__admin/hubee/subscriptions/${majastres.siret}/activate?process=CERTDC`,
      { method: 'POST' },
    )
    expect(activated.status).toBe(200)
    const foreign = await depositCompleted(w.osl, majastres, 'CERTDC')
    await w.si.readCase(foreign.caseId)
    await w.si.reportStatus(foreign.caseId, 'SENT', 'DONE')
    const foreignBefore = []
    for await (const n of w.osl.listNotifications({ processCode: 'CERTDC' })) foreignBefore.push(n)
    expect(foreignBefore).toHaveLength(1)

    await w.si.reportStatus(caseId!, 'SENT', 'SI_RECEIVED')
    await w.servers[0]!.jobQueue.send(SYNC_SUBMISSION_STATUSES_JOB, {})
    await waitForStatus(w.db, reference, ['si_received'])
    expect((await currentSession(w.world, browser)).body.submission).toMatchObject({
      reference,
      status: 'si_received',
    })

    await w.si.reportStatus(caseId!, 'SI_RECEIVED', 'IN_PROGRESS')
    await w.si.reportStatus(caseId!, 'IN_PROGRESS', 'DONE')
    await w.servers[0]!.jobQueue.send(SYNC_SUBMISSION_STATUSES_JOB, {})
    const done = await vi.waitFor(
      async () => {
        const row = await traceOf(w.db, reference)
        if (row?.status !== 'done' || row.hubee_case_id !== null) throw new Error('not done yet')
        return row
      },
      { timeout: 20_000, interval: 200 },
    )
    expect(done).toMatchObject({ hubee_folder_id: null, hubee_case_id: null, hubee_attachments: null })
    expect(done.delivered_at).not.toBeNull()
    const folder = await w.osl.readFolder(folderId!)
    expect(folder?.status).toBe('CLOSED')
    expect(folder?.cases[0]?.status).toBe('CLOSED')
    const seen = (await (await fetch(`${w.world.apiUrl}/api/v1/submissions/${reference}`)).json()) as {
      status: string
    }
    expect(seen.status).toBe('done')

    const foreignAfter = []
    for await (const n of w.osl.listNotifications({ processCode: 'CERTDC' })) foreignAfter.push(n)
    expect(foreignAfter).toEqual(foreignBefore)
    expect((await w.osl.readEvent(foreign.caseId, foreignBefore[0]!.eventId!)).status).toBe('SENT')
    const ours = []
    for await (const n of w.osl.listNotifications({ processCode: formulaireQf.processCode })) ours.push(n)
    expect(ours.filter((n) => n.caseId === caseId)).toEqual([])
  })

  it('/metrics: deliveries by outcome, queue depth, age of the oldest undelivered dossier', async () => {
    const metrics = await metricsOf(w.servers[0]!)
    expect(sample(metrics, 'qf_deliveries_total', '{outcome="delivered"}')).toBeGreaterThanOrEqual(5)
    expect(metrics).toMatch(/^qf_delivery_queue_depth \d+$/m)
    expect(metrics).toMatch(/^qf_delivery_oldest_undelivered_age_seconds [\d.e+-]+$/m)
    expect(metrics).toMatch(/^jobs\{queue="deliver-submission",state="completed"\} \d+$/m)
  })

  it('no personal data in the logs of the whole run', () => {
    expect(w.logs.lines.length).toBeGreaterThan(20)
    expect(w.logs.lines.some((l) => l.msg === 'dossier delivered')).toBe(true)
    const text = w.logs.lines.map((l) => JSON.stringify(l)).join('\n')
    for (const word of personalData) expect(text).not.toContain(word)
    expect(text).not.toMatch(qfValue)
  })
})
