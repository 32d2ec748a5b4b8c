import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../../src/ports/clock.js'
import { type DossierHub, DossierHubError, type HubNotification } from '../../src/ports/dossier-hub.js'
import {
  type ReportedStatus,
  type StatusTracker,
  syncStatus,
} from '../../src/modules/submissions/sync-status.js'
import { depositCompleted } from '../contracts/dossier-hub.contract.js'
import { type HubWorld, majastres } from '../contracts/hub-worlds.js'
import { intercept, recordingLog } from './hub-helpers.js'

/** The trace rows, in memory: case id → reference and folder id; every status reported. */
class InMemoryTracker implements StatusTracker {
  readonly byCase = new Map<string, { reference: string; folderId: string | null }>()
  readonly reports: { reference: string; status: ReportedStatus }[] = []
  readonly forgotten: string[] = []

  track(reference: string, deposited: { folderId: string; caseId: string }) {
    this.byCase.set(deposited.caseId, { reference, folderId: deposited.folderId })
  }
  async findByCase(caseId: string) {
    return this.byCase.get(caseId) ?? null
  }
  async report(reference: string, status: ReportedStatus) {
    this.reports.push({ reference, status })
  }
  async forgetHubIds(reference: string) {
    this.forgotten.push(reference)
    for (const [caseId, trace] of this.byCase)
      if (trace.reference === reference) this.byCase.set(caseId, { ...trace, folderId: null })
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}

/** The status sync, run against the sandbox (undici adapter) and the fake; the SI side is driven. */
export function describeSyncStatusSuite(name: string, setup: () => Promise<HubWorld>): void {
  describe(`syncStatus: ${name}`, () => {
    let world: HubWorld
    beforeAll(async () => {
      world = await setup()
    })
    afterAll(() => world?.teardown())

    const run = (
      tracker: StatusTracker,
      hub: DossierHub = world.hub,
      pageSize?: number,
      log = recordingLog(),
    ) => syncStatus({ hub, tracker, clock: systemClock, log }, { pageSize })

    async function delivered(tracker: InMemoryTracker, reference: string) {
      const deposited = await depositCompleted(world.hub, majastres)
      tracker.track(reference, deposited)
      await world.recipient(majastres).readCase(deposited.caseId)
      return deposited
    }

    it('reports si_received, acknowledges the event and deletes the notification', async () => {
      const tracker = new InMemoryTracker()
      const deposited = await delivered(tracker, 'REF0000000001')
      await world.recipient(majastres).reportStatus(deposited.caseId, 'SENT', 'SI_RECEIVED')
      const [notification] = await collect(world.hub.listNotifications({ processCode: 'FormulaireQF' }))

      expect(await run(tracker)).toEqual({ handled: 1, reported: 1, closed: 0, failed: 0 })
      expect(tracker.reports).toEqual([{ reference: 'REF0000000001', status: 'si_received' }])
      expect((await world.hub.readEvent(deposited.caseId, notification!.eventId!)).status).toBe('RECEIVED')
      expect(await collect(world.hub.listNotifications({ processCode: 'FormulaireQF' }))).toEqual([])
      expect((await world.hub.readFolder(deposited.folderId))?.status).toBe('SI_RECEIVED')
      expect(await run(tracker)).toEqual({ handled: 0, reported: 0, closed: 0, failed: 0 })
    })

    it.each([
      ['DONE', 'done'],
      ['REFUSED', 'refused'],
    ] as const)(
      'follows the case to %s, then closes case and folder and forgets the ids',
      async (hubStatus, status) => {
        const tracker = new InMemoryTracker()
        const reference = `REF-${hubStatus}`
        const deposited = await delivered(tracker, reference)
        const si = world.recipient(majastres)
        await si.reportStatus(deposited.caseId, 'SENT', 'SI_RECEIVED')
        await si.reportStatus(deposited.caseId, 'SI_RECEIVED', 'IN_PROGRESS')
        await si.reportStatus(deposited.caseId, 'IN_PROGRESS', hubStatus)

        expect(await run(tracker, world.hub, 2)).toEqual({ handled: 3, reported: 3, closed: 1, failed: 0 })
        expect(tracker.reports.map((r) => r.status)).toEqual(['si_received', 'in_progress', status])
        const folder = await world.hub.readFolder(deposited.folderId)
        expect(folder?.status).toBe('CLOSED')
        expect(folder?.cases[0]?.status).toBe('CLOSED')
        expect(tracker.forgotten).toEqual([reference])
        expect(await collect(world.hub.listNotifications({ processCode: 'FormulaireQF' }))).toEqual([])
      },
    )

    it('leaves the notifications of another process of the account alone', async () => {
      await world.subscribe(majastres, 'CERTDC')
      const tracker = new InMemoryTracker()
      const foreign = await depositCompleted(world.hub, majastres, 'CERTDC')
      const si = world.recipient(majastres)
      await si.readCase(foreign.caseId)
      await si.reportStatus(foreign.caseId, 'SENT', 'DONE')
      const ours = await delivered(tracker, 'REF0000000002')
      await si.reportStatus(ours.caseId, 'SENT', 'SI_RECEIVED')
      const before = await collect(world.hub.listNotifications({ processCode: 'CERTDC' }))
      expect(before).toHaveLength(1)

      // Even a hub that ignored the process filter would not make the sync touch them.
      const unfiltered: DossierHub = new Proxy(world.hub, {
        get(target, property, receiver) {
          if (property !== 'listNotifications') {
            const value: unknown = Reflect.get(target, property, receiver)
            return typeof value === 'function' ? value.bind(target) : value
          }
          return async function* (options: { processCode: string; pageSize?: number }) {
            yield* target.listNotifications({ ...options, processCode: 'CERTDC' })
            yield* target.listNotifications(options)
          }
        },
      })
      expect(await run(tracker, unfiltered)).toEqual({ handled: 1, reported: 1, closed: 0, failed: 0 })
      const after: HubNotification[] = await collect(world.hub.listNotifications({ processCode: 'CERTDC' }))
      expect(after).toEqual(before)
      expect((await world.hub.readEvent(foreign.caseId, before[0]!.eventId!)).status).toBe('SENT')
      expect((await world.hub.readFolder(foreign.folderId))?.status).toBe('DONE')
    })

    it('closes a case whose trace is gone, and says nothing to the tracker', async () => {
      const tracker = new InMemoryTracker()
      const deposited = await depositCompleted(world.hub, majastres)
      await world.recipient(majastres).readCase(deposited.caseId)
      await world.recipient(majastres).reportStatus(deposited.caseId, 'SENT', 'DONE')
      expect(await run(tracker)).toEqual({ handled: 1, reported: 0, closed: 1, failed: 0 })
      expect((await world.hub.readFolder(deposited.folderId))?.cases[0]?.status).toBe('CLOSED')
    })

    it('stops on a hub outage and handles the notification on the next run', async () => {
      const tracker = new InMemoryTracker()
      const deposited = await delivered(tracker, 'REF0000000003')
      await world.recipient(majastres).reportStatus(deposited.caseId, 'SENT', 'IN_PROGRESS')
      await world.outage(true)
      try {
        await expect(run(tracker)).rejects.toMatchObject({ retryable: true })
      } finally {
        await world.outage(false)
      }
      expect(tracker.reports).toEqual([])
      expect(await run(tracker)).toEqual({ handled: 1, reported: 1, closed: 0, failed: 0 })
      expect(tracker.reports).toEqual([{ reference: 'REF0000000003', status: 'in_progress' }])
    })

    // Issue 22, item 5: one failed HubEE call used to end the whole run, silently.
    it('goes on past a notification whose HubEE call fails, logs it, and retries only that one next run', async () => {
      const tracker = new InMemoryTracker()
      const first = await delivered(tracker, 'REF0000000004')
      const second = await delivered(tracker, 'REF0000000005')
      const third = await delivered(tracker, 'REF0000000006')
      const si = world.recipient(majastres)
      await si.reportStatus(first.caseId, 'SENT', 'SI_RECEIVED')
      await si.reportStatus(second.caseId, 'SENT', 'IN_PROGRESS')
      await si.reportStatus(third.caseId, 'SENT', 'SI_RECEIVED')
      // HubEE answers 503 to the first event read of the run (whichever notification it is).
      let failedCase: string | null = null
      const flaky = intercept(world.hub, {
        before(method, args, nth) {
          if (method === 'readEvent' && nth === 1) {
            failedCase = String(args[0])
            throw new DossierHubError('unavailable', 'readEvent', 503, 503, 'Service unavailable')
          }
        },
      })
      const log = recordingLog()
      expect(await run(tracker, flaky, undefined, log)).toEqual({
        handled: 2,
        reported: 2,
        closed: 0,
        failed: 1,
      })
      expect(failedCase).not.toBeNull()
      const warning = log.entries.find(
        (e) => e.message === 'status notification failed: retried at the next run',
      )
      expect(warning?.level).toBe('warn')
      expect(warning?.fields).toMatchObject({ caseId: failedCase, operation: 'readEvent', status: 503 })
      // The failed notification stays; the others are gone: the next run handles that one only.
      const left = await collect(world.hub.listNotifications({ processCode: 'FormulaireQF' }))
      expect(left.map((n) => n.caseId)).toEqual([failedCase])
      expect(await run(tracker)).toEqual({ handled: 1, reported: 1, closed: 0, failed: 0 })
      expect(tracker.reports.map((r) => r.reference).sort()).toEqual([
        'REF0000000004',
        'REF0000000005',
        'REF0000000006',
      ])
    })
  })
}
