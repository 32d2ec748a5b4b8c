import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hubeeClientIdOf } from '../src/config.js'
import type { DossierHandler, ReceivedDossier } from '../src/pull/dossier.js'
import { inboxHandler, readInboxDossier } from '../src/pull/inbox.js'
import { PullState } from '../src/pull/state.js'
import { pullSubscription } from '../src/runner.js'
import {
  hubeeProxy,
  depositFiles,
  exampleDocument,
  hauteluce,
  majastres,
  startWorld,
  type World,
} from './helpers/world.js'

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('base64')

let world: World
beforeEach(async () => {
  world = await startWorld()
})
afterEach(async () => {
  await world.close()
})

const sub = (w: World, s: { siret: string }) => {
  const found = w.config.subscriptions.find((x) => x.siret === s.siret)
  if (!found) throw new Error('no subscription')
  return found
}

/** The inbox handler, counting the dossiers it is handed. */
function countingInbox(w: World) {
  const handed: ReceivedDossier[] = []
  const inner = inboxHandler(w.config.inboxDir)
  const handler: DossierHandler = async (d) => {
    handed.push(d)
    return inner(d)
  }
  return { handed, handler }
}

describe('pull against the HubEE stand-in', () => {
  it('receives each dossier exactly once, digests checked, and the case reaches DONE', async () => {
    const deposits = [
      await world.depositor.deposit(majastres),
      await world.depositor.deposit(majastres),
      await world.depositor.deposit(hauteluce),
    ]
    const { handed, handler } = countingInbox(world)

    const report = await pullSubscription(world.config, sub(world, majastres), { handler })
    expect(report.failed).toEqual([])
    expect(report.dossiers.map((d) => d.reference).sort()).toEqual(
      [deposits[0]?.reference, deposits[1]?.reference].sort(),
    )
    expect(report.dossiers.every((d) => d.outcome === 'DONE' && d.how === 'new')).toBe(true)
    expect(handed).toHaveLength(2)

    // The files are the deposited bytes, their digests those of HubEE.
    const files = depositFiles()
    for (const d of handed) {
      expect(d.collectivity).toEqual(majastres)
      expect(d.document.external_id).toBe('famille-1234')
      for (const f of files) {
        const got = d.files.find((x) => x.fileName === f.fileName)
        expect(got?.bytes.equals(f.bytes)).toBe(true)
        expect(got?.sha256).toBe(sha256(f.bytes))
      }
    }

    // HubEE: DONE, with the two STATUS_UPDATE events the depositor sees.
    for (const dep of deposits.slice(0, 2)) {
      const kase = await world.depositor.case(dep.caseId)
      expect(kase.status).toBe('DONE')
      expect(
        kase.events.map((e) => [e.actionType, e.caseCurrentStatus, e.caseNewStatus, e.notification]),
      ).toEqual([
        ['STATUS_UPDATE', 'SENT', 'SI_RECEIVED', true],
        ['STATUS_UPDATE', 'SI_RECEIVED', 'DONE', true],
      ])
      expect((await world.depositor.folder(dep.folderId)).globalStatus).toBe('DONE')
    }
    // Hauteluce's case is untouched by Majastres' pull.
    expect((await world.depositor.case(deposits[2]?.caseId ?? '')).status).toBe('HUBEE_NOTIFIED')

    // The inbox: one folder per reference, the three files and a normalised JSON.
    const entries = (await readdir(world.config.inboxDir)).sort()
    expect(entries).toEqual([deposits[0]?.reference, deposits[1]?.reference].sort())
    const ref = deposits[0]?.reference ?? ''
    expect((await readdir(join(world.config.inboxDir, ref))).sort()).toEqual(
      ['FormulaireQF.json', 'FormulaireQF.xml', 'dossier.json', 'quotient_familial_DUBOIS_Angela.pdf'].sort(),
    )
    const normalized = await readInboxDossier(world.config.inboxDir, ref)
    expect(normalized).toMatchObject({
      reference: ref,
      external_id: 'famille-1234',
      collectivite: majastres,
      quotient_familial: { fournisseur: 'CNAF', valeur: 2550, annee: 2024, mois: 2 },
      demandeur: {
        nom_naissance: 'DUBOIS',
        prenoms: ['Angela', 'Claire', 'Louise'],
        sexe: 'F',
        date_naissance: '1962-08-24',
      },
    })

    // A second pull finds nothing: the notifications were deleted.
    const again = await pullSubscription(world.config, sub(world, majastres), { handler })
    expect(again.dossiers).toEqual([])
    expect(handed).toHaveLength(2)

    // The state file records each case, without personal data.
    const stateText = await readFile(
      PullState.fileFor(world.config.stateDir, hubeeClientIdOf(sub(world, majastres))),
      'utf8',
    )
    expect(stateText).toContain(ref)
    expect(stateText).not.toMatch(/DUBOIS|Angela|1962/)
  })

  it('reads every page of notifications', async () => {
    const deposits = []
    for (let i = 0; i < 7; i++) deposits.push(await world.depositor.deposit(majastres))
    const client = sub(world, majastres)
    const { handed, handler } = countingInbox(world)
    const { pull } = await import('../src/pull/pull.js')
    const { hubeeClientFor } = await import('../src/runner.js')
    const hubee = hubeeClientFor(world.config, client)
    const state = await PullState.open(world.config.stateDir, hubee.clientId)
    const report = await pull({ client: hubee, state, handler, pageSize: 3 })
    await hubee.close()
    expect(report.dossiers).toHaveLength(7)
    expect(new Set(handed.map((d) => d.reference))).toEqual(new Set(deposits.map((d) => d.reference)))
  })

  it('a corrupted download (digest mismatch) → SI_INTG_ERROR with the reason, nothing in the inbox', async () => {
    const dep = await world.depositor.deposit(majastres)
    const proxy = await hubeeProxy(world.sandbox.url, { corruptDownloads: true })
    try {
      const { handed, handler } = countingInbox(world)
      const config = world.configVia(proxy.url)
      const report = await pullSubscription(config, sub(world, majastres), { handler })
      expect(handed).toHaveLength(0)
      expect(report.dossiers).toEqual([
        expect.objectContaining({
          reference: dep.reference,
          outcome: 'SI_INTG_ERROR',
          reason: expect.stringContaining('SHA-256'),
        }),
      ])
    } finally {
      await proxy.close()
    }
    const kase = await world.depositor.case(dep.caseId)
    expect(kase.status).toBe('SI_INTG_ERROR')
    expect(kase.events).toEqual([
      expect.objectContaining({
        caseCurrentStatus: 'SENT',
        caseNewStatus: 'SI_INTG_ERROR',
        message: expect.stringContaining('empreinte'),
      }),
    ])
    await expect(readdir(world.config.inboxDir)).rejects.toThrow()
  })

  it('a FormulaireQF.json that fails the schema → SI_INTG_ERROR naming the path', async () => {
    const bad = {
      ...exampleDocument(),
      quotient_familial: { ...exampleDocument().quotient_familial, version: 'v1' },
    }
    const dep = await world.depositor.deposit(majastres, depositFiles(bad))
    const report = await pullSubscription(world.config, sub(world, majastres))
    expect(report.dossiers[0]).toMatchObject({
      outcome: 'SI_INTG_ERROR',
      reason: expect.stringContaining('/quotient_familial/version'),
    })
    expect((await world.depositor.case(dep.caseId)).status).toBe('SI_INTG_ERROR')
  })

  it('the handler refuses → SI_RECEIVED then REFUSED with the reason', async () => {
    const dep = await world.depositor.deposit(majastres)
    const report = await pullSubscription(world.config, sub(world, majastres), {
      handler: async () => ({ status: 'REFUSED', reason: 'Usager inconnu de la collectivité' }),
    })
    expect(report.dossiers[0]).toMatchObject({ outcome: 'REFUSED' })
    const kase = await world.depositor.case(dep.caseId)
    expect(kase.status).toBe('REFUSED')
    expect(kase.events.map((e) => [e.caseNewStatus, e.message])).toEqual([
      ['SI_RECEIVED', null],
      ['REFUSED', 'Usager inconnu de la collectivité'],
    ])
  })

  it('reads and acknowledges the depositor’s events, and deletes only those notifications', async () => {
    const dep = await world.depositor.deposit(majastres)
    await pullSubscription(world.config, sub(world, majastres))
    const event = await world.depositor.closeCase(dep.caseId)
    const report = await pullSubscription(world.config, sub(world, majastres))
    expect(report.events).toEqual([
      { caseId: dep.caseId, eventId: event.id, actionType: 'STATUS_UPDATE', caseNewStatus: 'CLOSED' },
    ])
    expect(report.dossiers).toEqual([])
    // Acknowledged: the depositor sees its event RECEIVED.
    const res = await world.depositor.call('GET', `/cases/${dep.caseId}/events/${event.id}`)
    expect(res).toMatchObject({ status: 'RECEIVED' })
  })

  it('wrong credentials are reported as refused (not as a dossier failure)', async () => {
    const wrong = { ...sub(world, majastres), hubeeClientSecret: 'not-the-secret' }
    await expect(pullSubscription(world.config, wrong)).rejects.toMatchObject({ credentialsRefused: true })
  })

  it('HubEE down: the pull stops with an unavailable error and nothing is lost', async () => {
    const dep = await world.depositor.deposit(majastres)
    world.sandbox.faults.set('hubee', { outage: true, failureStatus: 503 })
    await expect(pullSubscription(world.config, sub(world, majastres))).rejects.toMatchObject({
      unavailable: true,
    })
    world.sandbox.faults.reset()
    const report = await pullSubscription(world.config, sub(world, majastres))
    expect(report.dossiers.map((d) => d.reference)).toEqual([dep.reference])
  })
})
