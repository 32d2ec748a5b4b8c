import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../../src/ports/clock.js'
import { type DossierHub, DossierHubError } from '../../src/ports/dossier-hub.js'
import { deliver, type DeliverDeps, type DeliveryState } from '../../src/modules/submissions/deliver.js'
import { buildFormulaireQfDocument } from '../../src/modules/submissions/documents/index.js'
import { amberieu, type HubWorld, majastres } from '../contracts/hub-worlds.js'
import {
  completedCasesOf,
  Crash,
  dossierFor,
  intercept,
  personalData,
  recordingLog,
  type RecordedLog,
} from './hub-helpers.js'
import { InMemoryDeliveryState } from './in-memory-delivery-state.js'

/** Lets `count` readers through together (forces two workers to read the state before either writes). */
function barrier(state: DeliveryState, count: number): DeliveryState {
  let waiting: (() => void)[] = []
  return {
    ...Object.fromEntries(
      (
        [
          'beginDeposit',
          'claimFolder',
          'cancelDeposit',
          'markUploaded',
          'releaseFolder',
          'markDelivered',
        ] as const
      ).map((m) => [m, state[m].bind(state)]),
    ),
    async read(reference) {
      const record = await state.read(reference)
      await new Promise<void>((resolve) => {
        waiting.push(resolve)
        if (waiting.length >= count) {
          for (const release of waiting) release()
          waiting = []
        }
      })
      return record
    },
  } as DeliveryState
}

/** The delivery use case, run against the sandbox (undici adapter) and the fake. */
export function describeDeliverySuite(name: string, setup: () => Promise<HubWorld>): void {
  describe(`deliver: ${name}`, () => {
    let world: HubWorld
    let logs: RecordedLog[]
    beforeAll(async () => {
      world = await setup()
      logs = []
    })
    afterAll(async () => {
      for (const log of logs)
        for (const word of personalData) expect(JSON.stringify(log.entries)).not.toContain(word)
      await world?.teardown()
    })

    const depsWith = (
      state: DeliveryState,
      hub: DossierHub = world.hub,
    ): DeliverDeps & { log: RecordedLog } => {
      const log = recordingLog()
      logs.push(log)
      return { hub, state, clock: systemClock, log }
    }

    it('delivers the three attachments once; a repeat sends nothing', async () => {
      const state = new InMemoryDeliveryState()
      const dossier = dossierFor(majastres)
      const outcome = await deliver(depsWith(state), dossier)
      expect(outcome).toMatchObject({ outcome: 'delivered', reused: false })
      const cases = await completedCasesOf(world, majastres, dossier.reference)
      expect(cases).toHaveLength(1)
      const si = world.recipient(majastres)
      const kase = await si.readCase(cases[0]!)
      expect(kase.attachments.map((a) => a.fileName)).toEqual([
        'FormulaireQF.json',
        'FormulaireQF.xml',
        'quotient_familial_MERCIER_Pierre_Elie.pdf',
      ])
      const json = await si.download(cases[0]!, kase.attachments[0]!.id)
      const document: unknown = JSON.parse(json.bytes.toString('utf8'))
      expect(document).toEqual(buildFormulaireQfDocument(dossier))
      expect(document).toMatchObject({ external_id: 'famille-1234' })
      expect((await state.read(dossier.reference)).deliveredAt).toBeInstanceOf(Date)

      expect(await deliver(depsWith(state), dossier)).toEqual({ outcome: 'already_delivered' })
      expect(await completedCasesOf(world, majastres, dossier.reference)).toHaveLength(1)
    })

    it('reuses the folder when the worker died between two uploads', async () => {
      const state = new InMemoryDeliveryState()
      const dossier = dossierFor(majastres)
      const dying = intercept(world.hub, {
        after(method, _, nth) {
          if (method === 'uploadAttachment' && nth === 2) throw new Crash()
        },
      })
      await expect(deliver(depsWith(state, dying), dossier)).rejects.toBeInstanceOf(Crash)
      const left = await state.read(dossier.reference)
      expect(left.folder?.attachments.map((a) => a.uploaded)).toEqual([true, false, false])

      let deposits = 0
      const counting = intercept(world.hub, {
        before(method) {
          if (method === 'depositFolder') deposits++
        },
      })
      const outcome = await deliver(depsWith(state, counting), dossier)
      expect(outcome).toMatchObject({ outcome: 'delivered', reused: true, folderId: left.folder?.folderId })
      expect(deposits).toBe(0)
      expect(await completedCasesOf(world, majastres, dossier.reference)).toHaveLength(1)
    })

    it('finds the folder completed when the worker died right after completing it', async () => {
      const state = new InMemoryDeliveryState()
      const dossier = dossierFor(majastres)
      const dying = intercept(world.hub, {
        after(method) {
          if (method === 'completeFolder') throw new Crash()
        },
      })
      await expect(deliver(depsWith(state, dying), dossier)).rejects.toBeInstanceOf(Crash)
      expect((await state.read(dossier.reference)).deliveredAt).toBeNull()
      const outcome = await deliver(depsWith(state), dossier)
      expect(outcome).toMatchObject({ outcome: 'delivered', reused: true })
      expect(await completedCasesOf(world, majastres, dossier.reference)).toHaveLength(1)
    })

    it('leaves an orphan, never completed, when the worker died before recording the folder id', async () => {
      const state = new InMemoryDeliveryState()
      const dossier = dossierFor(majastres)
      let orphanId = ''
      const dying = intercept(world.hub, {
        after(method, result) {
          if (method === 'depositFolder') {
            orphanId = (result as { folderId: string }).folderId
            throw new Crash()
          }
        },
      })
      await expect(deliver(depsWith(state, dying), dossier)).rejects.toBeInstanceOf(Crash)
      const deps = depsWith(state)
      const outcome = await deliver(deps, dossier)
      expect(outcome).toMatchObject({ outcome: 'delivered', reused: false })
      expect(outcome.outcome === 'delivered' && outcome.folderId).not.toBe(orphanId)
      expect(await completedCasesOf(world, majastres, dossier.reference)).toHaveLength(1)
      expect((await world.hub.readFolder(orphanId))?.status).toBe('HUBEE_RECEIVED')
      expect(deps.log.entries).toContainEqual(
        expect.objectContaining({ level: 'warn', message: 'possible orphan folder at the hub' }),
      )
      await world.hub.deleteFolder(orphanId)
    })

    it('survives HubEE refusing a call mid-delivery, then recovering', async () => {
      const state = new InMemoryDeliveryState()
      const dossier = dossierFor(majastres)
      const failing = intercept(world.hub, {
        async before(method, _, nth) {
          if (method === 'uploadAttachment' && nth === 3) await world.outage(true)
        },
      })
      try {
        const error = await deliver(depsWith(state, failing), dossier).then(
          () => null,
          (e: unknown) => e,
        )
        expect(error).toBeInstanceOf(DossierHubError)
        expect(error).toMatchObject({ retryable: true, failure: 'unavailable' })
        await expect(deliver(depsWith(state), dossier)).rejects.toMatchObject({ retryable: true })
      } finally {
        await world.outage(false)
      }
      const recorded = (await state.read(dossier.reference)).folder
      expect((await world.hub.readFolder(recorded!.folderId))?.status).toBe('HUBEE_RECEIVED')
      const outcome = await deliver(depsWith(state), dossier)
      expect(outcome).toMatchObject({ outcome: 'delivered', reused: true, folderId: recorded?.folderId })
      expect(await completedCasesOf(world, majastres, dossier.reference)).toHaveLength(1)
    })

    it('deletes the folder on a permanent refusal before completion', async () => {
      const state = new InMemoryDeliveryState()
      const dossier = dossierFor(majastres)
      const truncating = intercept(world.hub, {
        before(method, args, nth) {
          if (method === 'uploadAttachment' && nth === 2) {
            const [folderId, attachmentId, bytes] = args as [string, string, Buffer]
            return [folderId, attachmentId, bytes.subarray(1)]
          }
        },
      })
      let folderId = ''
      const spying = intercept(truncating, {
        after(method, result) {
          if (method === 'depositFolder') folderId = (result as { folderId: string }).folderId
        },
      })
      const outcome = await deliver(depsWith(state, spying), dossier)
      expect(outcome).toMatchObject({
        outcome: 'refused',
        failure: 'refused',
        reason: 'hub_rejected',
        hubCode: 400,
      })
      expect(await world.hub.readFolder(folderId)).toBeNull()
      expect((await state.read(dossier.reference)).folder).toBeNull()
      expect(await completedCasesOf(world, majastres, dossier.reference)).toHaveLength(0)
    })

    it('answers refused, without a folder, for a collectivity without an active subscription', async () => {
      const state = new InMemoryDeliveryState()
      const dossier = dossierFor(amberieu, 'Ambérieu-en-Bugey')
      const outcome = await deliver(depsWith(state), dossier)
      expect(outcome).toMatchObject({
        outcome: 'refused',
        failure: 'refused',
        reason: 'collectivity_cannot_receive',
      })
      expect(outcome.outcome === 'refused' && outcome.hubMessage).toContain('SI-21010004600015-01004')
      expect(await state.read(dossier.reference)).toMatchObject({ folder: null, depositPendingSince: null })
      const again = depsWith(state)
      expect(await deliver(again, dossier)).toMatchObject({ outcome: 'refused' })
      expect(again.log.entries.map((e) => e.message)).not.toContain('possible orphan folder at the hub')
    })

    // Issue 22, item 4: "possible orphan" counted every POST /folders answered 5xx, so an alert on it
    // fired at every HubEE incident. A 503 or a 429 says the request was not taken: no folder exists.
    it('counts no possible orphan when HubEE refused the deposit with a 503', async () => {
      const state = new InMemoryDeliveryState()
      const dossier = dossierFor(majastres)
      await world.outage(true)
      try {
        await expect(deliver(depsWith(state), dossier)).rejects.toMatchObject({
          retryable: true,
          status: 503,
        })
      } finally {
        await world.outage(false)
      }
      expect(await state.read(dossier.reference)).toMatchObject({ folder: null, depositPendingSince: null })
      const again = depsWith(state)
      expect(await deliver(again, dossier)).toMatchObject({ outcome: 'delivered' })
      expect(again.log.entries.map((e) => e.message)).not.toContain('possible orphan folder at the hub')
    })

    it('completes exactly one folder when two workers race on the same reference', async () => {
      const state = new InMemoryDeliveryState()
      const dossier = dossierFor(majastres)
      const racing = barrier(state, 2)
      const deposited: string[] = []
      const spying = intercept(world.hub, {
        after(method, result) {
          if (method === 'depositFolder') deposited.push((result as { folderId: string }).folderId)
        },
      })
      const outcomes = await Promise.all([
        deliver(depsWith(racing, spying), dossier),
        deliver(depsWith(racing, spying), dossier),
      ])
      // Both workers read an empty state and deposited: the one that lost the claim deleted its folder.
      expect(deposited).toHaveLength(2)
      const states = await Promise.all(deposited.map((id) => world.hub.readFolder(id)))
      expect(states.filter((f) => f === null)).toHaveLength(1)
      expect(outcomes.map((o) => o.outcome)).toEqual(['delivered', 'delivered'])
      const folderIds = new Set(outcomes.map((o) => (o.outcome === 'delivered' ? o.folderId : '')))
      expect(folderIds.size).toBe(1)
      expect(await completedCasesOf(world, majastres, dossier.reference)).toHaveLength(1)
    })
  })
}
