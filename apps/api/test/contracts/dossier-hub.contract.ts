import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DossierHubError,
  type DossierHub,
  type FolderToDeposit,
  type Recipient,
} from '../../src/ports/dossier-hub.js'
import { amberieu, type HubWorld, majastres } from './hub-worlds.js'

const files = [
  { fileName: 'FormulaireQF.json', mimeType: 'application/json', bytes: Buffer.from('{"a":"é"}') },
  { fileName: 'FormulaireQF.xml', mimeType: 'application/xml', bytes: Buffer.from('<hash>é</hash>') },
  { fileName: 'quotient_familial_X_Y.pdf', mimeType: 'application/pdf', bytes: Buffer.from('%PDF-1.7 é') },
]

let counter = 0
/** A folder for `recipient`, with a fresh 13-character-like reference. */
export function folderFor(recipient: Recipient, processCode = 'FormulaireQF'): FolderToDeposit {
  const reference = `CONTRACT${String(counter++).padStart(5, '0')}`
  return {
    processCode,
    externalId: `Formulaire-QF-${reference}`,
    applicant: { firstName: 'Angela Claire', lastName: 'DUBOIS' },
    case: { externalId: `Formulaire-QF-${reference}-01`, recipient },
    attachments: files.map((f) => ({
      fileName: f.fileName,
      type: processCode,
      mimeType: f.mimeType,
      size: f.bytes.length,
    })),
  }
}

/** Deposits, uploads and completes a folder; returns its ids. */
export async function depositCompleted(hub: DossierHub, recipient: Recipient, processCode = 'FormulaireQF') {
  const deposited = await hub.depositFolder(folderFor(recipient, processCode))
  for (const [i, a] of deposited.attachments.entries())
    await hub.uploadAttachment(deposited.folderId, a.attachmentId, files[i]?.bytes ?? Buffer.alloc(0))
  await hub.completeFolder(deposited.folderId)
  return deposited
}

async function failure(promise: Promise<unknown>): Promise<DossierHubError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof DossierHubError) return error
    throw error
  }
  throw new Error('expected a DossierHubError')
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('base64')

/** What every DossierHub must do, run against the undici adapter (sandbox) and the fake. */
export function describeDossierHubContract(name: string, setup: () => Promise<HubWorld>): void {
  describe(`DossierHub contract: ${name}`, () => {
    let world: HubWorld
    beforeAll(async () => {
      world = await setup()
    })
    afterAll(() => world?.teardown())

    it('deposits a folder the recipient sees only once completed, with exact bytes and digests', async () => {
      const { hub } = world
      const folder = folderFor(majastres)
      const deposited = await hub.depositFolder(folder)
      expect(deposited.attachments.map((a) => a.fileName)).toEqual(files.map((f) => f.fileName))
      const si = world.recipient(majastres)
      const before = await si.notifications()
      expect(before.some((n) => n.caseId === deposited.caseId)).toBe(false)

      for (const [i, a] of deposited.attachments.entries())
        await hub.uploadAttachment(deposited.folderId, a.attachmentId, files[i]!.bytes)
      const received = await hub.readFolder(deposited.folderId)
      expect(received).toMatchObject({ externalId: folder.externalId, status: 'HUBEE_RECEIVED' })
      expect(received?.attachments.map((a) => a.status)).toEqual(['RECEIVED', 'RECEIVED', 'RECEIVED'])

      await hub.completeFolder(deposited.folderId)
      const notification = (await si.notifications()).find((n) => n.caseId === deposited.caseId)
      expect(notification).toMatchObject({ processCode: 'FormulaireQF', eventId: null })

      const kase = await si.readCase(deposited.caseId)
      expect(kase.externalId).toBe(folder.case.externalId)
      expect(kase.attachments.map((a) => [a.fileName, a.size, a.mimeType])).toEqual(
        files.map((f) => [f.fileName, f.bytes.length, f.mimeType]),
      )
      for (const [i, a] of kase.attachments.entries()) {
        const { bytes, digest } = await si.download(deposited.caseId, a.id)
        expect(bytes.equals(files[i]!.bytes)).toBe(true)
        expect(digest).toBe(sha256(files[i]!.bytes))
      }
      await si.deleteNotification(notification!.id)
      expect((await hub.readFolder(deposited.folderId))?.status).toBe('SENT')
    })

    it('refuses an upload whose size differs from the declared one, then deletes the folder', async () => {
      const { hub } = world
      const deposited = await hub.depositFolder(folderFor(majastres))
      const error = await failure(
        hub.uploadAttachment(
          deposited.folderId,
          deposited.attachments[0]!.attachmentId,
          Buffer.from('short'),
        ),
      )
      expect(error).toMatchObject({ failure: 'refused', retryable: false, status: 400 })
      expect(error.hubMessage).toMatch(/size/i)
      await expect(hub.completeFolder(deposited.folderId)).rejects.toMatchObject({ failure: 'refused' })
      await hub.deleteFolder(deposited.folderId)
      expect(await hub.readFolder(deposited.folderId)).toBeNull()
    })

    it('refuses a recipient without an active subscription: a permanent error without personal data', async () => {
      const error = await failure(world.hub.depositFolder(folderFor(amberieu)))
      expect(error).toMatchObject({ failure: 'refused', retryable: false, status: 400 })
      expect(error.hubMessage).toContain('SI-21010004600015-01004')
      expect(error.message).not.toContain('DUBOIS')
      expect(error.message).not.toContain('Angela')
    })

    it('refuses to delete a completed folder and to complete it twice', async () => {
      const deposited = await depositCompleted(world.hub, majastres)
      await expect(world.hub.deleteFolder(deposited.folderId)).rejects.toMatchObject({ failure: 'refused' })
      await expect(world.hub.completeFolder(deposited.folderId)).rejects.toMatchObject({ failure: 'refused' })
      expect((await world.hub.readFolder(deposited.folderId))?.status).toBe('HUBEE_COMPLETED')
    })

    it('answers null for an unknown folder and not_found for an unknown attachment', async () => {
      expect(await world.hub.readFolder('5b7a4c1e-0000-4000-8000-000000000000')).toBeNull()
      const deposited = await world.hub.depositFolder(folderFor(majastres))
      const error = await failure(
        world.hub.uploadAttachment(
          deposited.folderId,
          '5b7a4c1e-0000-4000-8000-000000000001',
          files[0]!.bytes,
        ),
      )
      expect(error).toMatchObject({ failure: 'not_found', retryable: false, status: 404 })
      await world.hub.deleteFolder(deposited.folderId)
    })

    it('turns a 5xx into a retryable error, and works again once the hub is back', async () => {
      await world.outage(true)
      try {
        const error = await failure(world.hub.depositFolder(folderFor(majastres)))
        expect(error).toMatchObject({ failure: 'unavailable', retryable: true, status: 503 })
      } finally {
        await world.outage(false)
      }
      const deposited = await world.hub.depositFolder(folderFor(majastres))
      await world.hub.deleteFolder(deposited.folderId)
    })

    it('fetches a new token once the hub refuses an expired one', async (context) => {
      if (!world.expireTokens) return context.skip()
      const deposited = await world.hub.depositFolder(folderFor(majastres))
      await world.expireTokens()
      expect((await world.hub.readFolder(deposited.folderId))?.status).toBe('HUBEE_RECEIVED')
      await world.hub.deleteFolder(deposited.folderId)
    })

    it('relays the recipient status events: notification, event, acknowledgement, close', async () => {
      const { hub } = world
      const deposited = await depositCompleted(hub, majastres)
      const si = world.recipient(majastres)
      await si.readCase(deposited.caseId)
      await si.reportStatus(deposited.caseId, 'SENT', 'SI_RECEIVED')

      const mine = (await collect(hub.listNotifications({ processCode: 'FormulaireQF' }))).filter(
        (n) => n.caseId === deposited.caseId,
      )
      expect(mine).toHaveLength(1)
      const [notification] = mine
      expect(notification?.eventId).toEqual(expect.any(String))
      const event = await hub.readEvent(deposited.caseId, notification!.eventId!)
      expect(event).toMatchObject({
        actionType: 'STATUS_UPDATE',
        caseCurrentStatus: 'SENT',
        caseNewStatus: 'SI_RECEIVED',
        status: 'SENT',
      })
      await hub.acknowledgeEvent(deposited.caseId, event.id)
      expect((await hub.readEvent(deposited.caseId, event.id)).status).toBe('RECEIVED')
      await hub.deleteNotification(notification!.id)
      const after = await collect(hub.listNotifications({ processCode: 'FormulaireQF' }))
      expect(after.some((n) => n.id === notification!.id)).toBe(false)

      await si.reportStatus(deposited.caseId, 'SI_RECEIVED', 'DONE')
      expect((await hub.readFolder(deposited.folderId))?.status).toBe('DONE')
      await hub.closeCase(deposited.caseId, 'DONE')
      await hub.closeFolder(deposited.folderId)
      const closed = await hub.readFolder(deposited.folderId)
      expect(closed?.status).toBe('CLOSED')
      expect(closed?.cases[0]?.status).toBe('CLOSED')
      for await (const n of hub.listNotifications({ processCode: 'FormulaireQF' }))
        await hub.deleteNotification(n.id)
    })

    it('lists every notification of the process, page after page, as the consumer deletes them', async () => {
      const { hub } = world
      const si = world.recipient(majastres)
      const caseIds = new Set<string>()
      for (let i = 0; i < 5; i++) {
        const deposited = await depositCompleted(hub, majastres)
        await si.reportStatus(deposited.caseId, 'HUBEE_NOTIFIED', 'IN_PROGRESS')
        caseIds.add(deposited.caseId)
      }
      const seen: string[] = []
      for await (const n of hub.listNotifications({ processCode: 'FormulaireQF', pageSize: 2 })) {
        if (n.caseId) seen.push(n.caseId)
        await hub.deleteNotification(n.id)
      }
      expect(new Set(seen)).toEqual(caseIds)
      expect(await collect(hub.listNotifications({ processCode: 'FormulaireQF' }))).toEqual([])
    })
  })
}
