import { randomUUID } from 'node:crypto'
import type { OrganizationIdentifier } from './identity.js'

export const caseStatuses = [
  'HUBEE_NOTIFIED',
  'SENT',
  'SI_RECEIVED',
  'SI_INTG_ERROR',
  'IN_PROGRESS',
  'ADD_AWAITING',
  'REFUSED',
  'DONE',
  'CLOSED',
] as const
export const folderStatuses = ['HUBEE_RECEIVED', 'HUBEE_COMPLETED', ...caseStatuses] as const
export type FolderStatus = (typeof folderStatuses)[number]

export interface PartnerInfo {
  editorName: string | null
  applicationName: string | null
  softwareVersion: string | null
}

export interface StoredAttachment {
  id: string
  fileName: string
  type: string
  size: number
  mimeType: string
  /** External ids of the cases this file goes to. */
  recipients: string[]
  status: 'PENDING' | 'RECEIVED' | 'CORRUPTED' | 'REJECTED'
  content: Buffer | null
}

export interface StoredCase {
  id: string
  folderId: string
  externalId: string
  recipient: OrganizationIdentifier
  /** `HUBEE_RECEIVED` until the folder is completed (not visible to the recipient). */
  status: FolderStatus
  processCode: string
  createDateTime: string
  updateDateTime: string | null
  transmissionDateTime: string | null
  closeDateTime: string | null
  partnerAttributes: string | null
}

export interface StoredFolder {
  id: string
  externalId: string
  processCode: string
  globalStatus: FolderStatus
  createDateTime: string
  updateDateTime: string | null
  closeDateTime: string | null
  applicant: { firstName: string; lastName: string; email: string | null }
  partnerInfo: PartnerInfo | null
  /** Client id and organization of the depositor. */
  depositorClientId: string
  depositor: OrganizationIdentifier
  caseIds: string[]
  attachments: StoredAttachment[]
}

export interface StoredEvent {
  id: string
  caseId: string
  transmitter: OrganizationIdentifier
  message: string | null
  comment: string | null
  actionType: string | null
  author: string | null
  notification: boolean | null
  createDateTime: string
  updateDateTime: string
  status: 'SENT' | 'RECEIVED'
  caseCurrentStatus: string | null
  caseNewStatus: string | null
  partnerAttributes: string | null
  partnerInfo: PartnerInfo | null
}

export interface StoredNotification {
  id: string
  recipient: OrganizationIdentifier
  transmitter: OrganizationIdentifier
  processCode: string
  caseId: string | null
  eventId: string | null
  dateTime: string
}

/** Folders, cases, files, events and notification queues of the hub, in memory. */
export class ExchangeStore {
  readonly folders = new Map<string, StoredFolder>()
  readonly cases = new Map<string, StoredCase>()
  readonly events = new Map<string, StoredEvent>()
  readonly notifications = new Map<string, StoredNotification>()

  constructor(private readonly now: () => number) {}

  isoNow(): string {
    return new Date(this.now()).toISOString()
  }

  eventsOf(caseId: string): StoredEvent[] {
    return [...this.events.values()].filter((e) => e.caseId === caseId)
  }

  casesOf(folder: StoredFolder): StoredCase[] {
    return folder.caseIds.map((id) => this.cases.get(id)).filter((c): c is StoredCase => c !== undefined)
  }

  notify(n: Omit<StoredNotification, 'id' | 'dateTime'>): StoredNotification {
    const notification: StoredNotification = { ...n, id: randomUUID(), dateTime: this.isoNow() }
    this.notifications.set(notification.id, notification)
    return notification
  }

  deleteFolder(folder: StoredFolder): void {
    for (const caseId of folder.caseIds) {
      this.cases.delete(caseId)
      for (const e of this.eventsOf(caseId)) this.events.delete(e.id)
      for (const n of this.notifications.values()) if (n.caseId === caseId) this.notifications.delete(n.id)
    }
    this.folders.delete(folder.id)
  }
}
