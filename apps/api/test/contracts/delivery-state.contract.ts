import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeliveryState } from '../../src/modules/submissions/deliver.js'
import type { DepositedFolder } from '../../src/ports/dossier-hub.js'

export interface DeliveryStateSetup {
  state: DeliveryState
  /** A reference the state knows (the trace row exists), fresh for each test. */
  newReference(): Promise<string>
  teardown(): Promise<void>
}

const folder = (n: number): DepositedFolder => ({
  folderId: `folder-${n}`,
  caseId: `case-${n}`,
  attachments: [
    { attachmentId: `json-${n}`, fileName: 'FormulaireQF.json' },
    { attachmentId: `xml-${n}`, fileName: 'FormulaireQF.xml' },
  ],
})

/**
 * What deliver() needs from its state (ADR 0013). Run it against the Postgres repository that backs
 * the trace rows, as it is run here against the in-memory one.
 */
export function describeDeliveryStateContract(name: string, setup: () => Promise<DeliveryStateSetup>): void {
  describe(`DeliveryState contract: ${name}`, () => {
    let world: DeliveryStateSetup
    beforeAll(async () => {
      world = await setup()
    })
    afterAll(() => world?.teardown())

    it('starts empty', async () => {
      const reference = await world.newReference()
      expect(await world.state.read(reference)).toEqual({
        folder: null,
        depositPendingSince: null,
        deliveredAt: null,
      })
    })

    it('records the first claimed folder only, and clears the pending deposit for both claimants', async () => {
      const { state } = world
      const reference = await world.newReference()
      const at = new Date('2026-11-26T15:02:11.000Z')
      await state.beginDeposit(reference, at)
      expect((await state.read(reference)).depositPendingSince?.toISOString()).toBe(at.toISOString())
      const [a, b] = await Promise.all([
        state.claimFolder(reference, folder(1)),
        state.claimFolder(reference, folder(2)),
      ])
      expect(a).toEqual(b)
      const recorded = (await state.read(reference)).folder
      expect(recorded).toEqual(a)
      expect(recorded?.attachments.map((x) => x.uploaded)).toEqual([false, false])
      await state.beginDeposit(reference, at)
      expect(await state.claimFolder(reference, folder(3))).toEqual(a)
      expect((await state.read(reference)).depositPendingSince).toBeNull()
    })

    it('marks uploads one by one and releases only the recorded folder', async () => {
      const { state } = world
      const reference = await world.newReference()
      const claimed = await state.claimFolder(reference, folder(4))
      await state.markUploaded(reference, claimed.attachments[1]!.attachmentId)
      expect((await state.read(reference)).folder?.attachments.map((x) => x.uploaded)).toEqual([false, true])
      await state.releaseFolder(reference, 'another-folder')
      expect((await state.read(reference)).folder?.folderId).toBe(claimed.folderId)
      await state.releaseFolder(reference, claimed.folderId)
      expect((await state.read(reference)).folder).toBeNull()
      expect((await state.claimFolder(reference, folder(5))).folderId).toBe('folder-5')
    })

    it('cancels a refused deposit and keeps the first delivery date', async () => {
      const { state } = world
      const reference = await world.newReference()
      await state.beginDeposit(reference, new Date())
      await state.cancelDeposit(reference)
      expect((await state.read(reference)).depositPendingSince).toBeNull()
      const first = new Date('2026-11-26T15:02:13.000Z')
      await state.markDelivered(reference, first)
      await state.markDelivered(reference, new Date('2026-11-27T00:00:00.000Z'))
      expect((await state.read(reference)).deliveredAt?.toISOString()).toBe(first.toISOString())
    })
  })
}
