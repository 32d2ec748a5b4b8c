import type { DepositedFolder } from '../../src/ports/dossier-hub.js'
import type { DeliveryRecord, DeliveryState, RecordedFolder } from '../../src/modules/submissions/deliver.js'

/** DeliveryState in memory (what the Postgres trace row does, with the same compare-and-set). */
export class InMemoryDeliveryState implements DeliveryState {
  readonly records = new Map<string, DeliveryRecord>()

  private get(reference: string): DeliveryRecord {
    let record = this.records.get(reference)
    if (!record) {
      record = { folder: null, depositPendingSince: null, deliveredAt: null }
      this.records.set(reference, record)
    }
    return record
  }

  async read(reference: string): Promise<DeliveryRecord> {
    return structuredClone(this.get(reference))
  }

  async beginDeposit(reference: string, at: Date): Promise<void> {
    this.get(reference).depositPendingSince = at
  }

  async cancelDeposit(reference: string): Promise<void> {
    this.get(reference).depositPendingSince = null
  }

  async claimFolder(reference: string, folder: DepositedFolder): Promise<RecordedFolder> {
    const record = this.get(reference)
    record.depositPendingSince = null
    record.folder ??= {
      folderId: folder.folderId,
      caseId: folder.caseId,
      attachments: folder.attachments.map((a) => ({ ...a, uploaded: false })),
    }
    return structuredClone(record.folder)
  }

  async markUploaded(reference: string, attachmentId: string): Promise<void> {
    const slot = this.get(reference).folder?.attachments.find((a) => a.attachmentId === attachmentId)
    if (slot) slot.uploaded = true
  }

  async releaseFolder(reference: string, folderId: string): Promise<void> {
    const record = this.get(reference)
    if (record.folder?.folderId === folderId) record.folder = null
  }

  async markDelivered(reference: string, at: Date): Promise<void> {
    this.get(reference).deliveredAt ??= at
  }
}
