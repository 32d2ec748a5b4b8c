import { createHash, randomUUID } from 'node:crypto'
import {
  type AttachmentStatus,
  type CaseStatus,
  type DepositedFolder,
  type DossierHub,
  DossierHubError,
  type FolderState,
  type FolderStatus,
  type FolderToDeposit,
  type HubEvent,
  type HubNotification,
  type Recipient,
} from '../../ports/dossier-hub.js'

interface StoredAttachment {
  id: string
  fileName: string
  type: string
  mimeType: string
  size: number
  status: AttachmentStatus
  bytes: Buffer | null
}

interface StoredCase {
  id: string
  folderId: string
  externalId: string
  recipient: Recipient
  status: FolderStatus
}

interface StoredFolder {
  id: string
  externalId: string
  processCode: string
  status: FolderStatus
  caseIds: string[]
  attachments: StoredAttachment[]
}

interface StoredEvent extends HubEvent {
  /** Who wrote it: the depositor or the recipient. */
  from: 'depositor' | 'recipient'
}

interface StoredNotification extends HubNotification {
  /** Whose queue it sits in. */
  to: 'depositor' | Recipient
}

export interface InMemoryDossierHubOptions {
  /** Recipients holding an active subscription to a process. Default: none. */
  subscriptions?: { recipient: Recipient; processCode: string }[]
  /** Known process codes. Default `FormulaireQF`, `CERTDC`, `DECES` (as HubEE's). */
  processCodes?: string[]
}

/** What the recipient's software (HubEE `SI` client) does with a case: tests drive it. */
export interface InMemoryHubRecipient {
  notifications(): Promise<HubNotification[]>
  readCase(caseId: string): Promise<{
    externalId: string
    status: FolderStatus
    attachments: { id: string; fileName: string; size: number; mimeType: string }[]
  }>
  download(caseId: string, attachmentId: string): Promise<{ bytes: Buffer; digest: string }>
  /** PATCH the status then post its `STATUS_UPDATE` event, notifying the depositor. */
  reportStatus(caseId: string, from: string, to: CaseStatus): Promise<void>
  deleteNotification(notificationId: string): Promise<void>
}

const recipientStatuses = new Set<string>([
  'SI_RECEIVED',
  'SI_INTG_ERROR',
  'IN_PROGRESS',
  'ADD_AWAITING',
  'REFUSED',
  'DONE',
])
const sameRecipient = (a: Recipient, b: Recipient) => a.siret === b.siret && a.cog === b.cog
const organizationId = (r: Recipient) => `SI-${r.siret}-${r.cog}`

/**
 * HubEE in memory, with the rules of the real one (and of the sandbox stand-in): statuses, exact size,
 * completion only once every file is received, deletion only while `HUBEE_RECEIVED`, notifications to
 * each side, subscriptions. Faults: `outage` and `failNext`.
 */
export class InMemoryDossierHub implements DossierHub {
  private readonly folders = new Map<string, StoredFolder>()
  private readonly cases = new Map<string, StoredCase>()
  private readonly events = new Map<string, StoredEvent>()
  private readonly queue = new Map<string, StoredNotification>()
  private readonly subscriptions: { recipient: Recipient; processCode: string }[]
  private readonly processCodes: Set<string>
  private readonly planned: { operation: string; error: DossierHubError }[] = []
  private sequence = 0
  /** Every call fails as a 503 while true. */
  outage = false

  constructor(options: InMemoryDossierHubOptions = {}) {
    this.subscriptions = [...(options.subscriptions ?? [])]
    this.processCodes = new Set(options.processCodes ?? ['FormulaireQF', 'CERTDC', 'DECES'])
  }

  /** The next call of `operation` (a DossierHub method name, or `*`) fails with `error`. */
  failNext(operation: keyof DossierHub | '*', error: DossierHubError): this {
    this.planned.push({ operation, error })
    return this
  }

  subscribe(recipient: Recipient, processCode: string): this {
    this.subscriptions.push({ recipient, processCode })
    return this
  }

  /** Every folder of the hub (tests count the completed ones). */
  allFolders(): FolderState[] {
    return [...this.folders.values()].map((f) => this.state(f))
  }

  async depositFolder(folder: FolderToDeposit): Promise<DepositedFolder> {
    this.enter('depositFolder')
    if (!this.processCodes.has(folder.processCode))
      throw this.refused('depositFolder', `Process ${folder.processCode} is not found`)
    if (folder.externalId.length > 30 || folder.case.externalId.length > 30)
      throw this.refused('depositFolder', 'externalId is too long (maximum allowed: 30)')
    if (folder.attachments.length === 0) throw this.refused('depositFolder', 'attachments is too short')
    const { recipient } = folder.case
    if (
      !this.subscriptions.some(
        (s) => sameRecipient(s.recipient, recipient) && s.processCode === folder.processCode,
      )
    )
      throw this.refused(
        'depositFolder',
        `The recipient ${organizationId(recipient)} does not suscribed to the process ${folder.processCode}`,
      )
    for (const a of folder.attachments)
      if (!Number.isInteger(a.size) || a.size < 0) throw this.refused('depositFolder', 'size is invalid')
    const stored: StoredFolder = {
      id: randomUUID(),
      externalId: folder.externalId,
      processCode: folder.processCode,
      status: 'HUBEE_RECEIVED',
      caseIds: [],
      attachments: folder.attachments.map((a) => ({
        id: randomUUID(),
        ...a,
        status: 'PENDING',
        bytes: null,
      })),
    }
    const kase: StoredCase = {
      id: randomUUID(),
      folderId: stored.id,
      externalId: folder.case.externalId,
      recipient: { ...recipient },
      status: 'HUBEE_RECEIVED',
    }
    stored.caseIds.push(kase.id)
    this.folders.set(stored.id, stored)
    this.cases.set(kase.id, kase)
    return {
      folderId: stored.id,
      caseId: kase.id,
      attachments: stored.attachments.map((a) => ({ attachmentId: a.id, fileName: a.fileName })),
    }
  }

  async uploadAttachment(folderId: string, attachmentId: string, bytes: Buffer): Promise<void> {
    this.enter('uploadAttachment')
    const folder = this.folder('uploadAttachment', folderId)
    const attachment = folder.attachments.find((a) => a.id === attachmentId)
    if (!attachment) throw this.notFound('uploadAttachment', 'Binary meta-data is not found')
    if (folder.status !== 'HUBEE_RECEIVED')
      throw this.refused(
        'uploadAttachment',
        `Attachment cannot be uploaded: folder status is ${folder.status}`,
      )
    if (bytes.length !== attachment.size)
      throw this.refused(
        'uploadAttachment',
        `File size ${bytes.length} does not match the declared size ${attachment.size}`,
      )
    attachment.bytes = Buffer.from(bytes)
    attachment.status = 'RECEIVED'
  }

  async completeFolder(folderId: string): Promise<void> {
    this.enter('completeFolder')
    const folder = this.folder('completeFolder', folderId)
    if (folder.status !== 'HUBEE_RECEIVED')
      throw this.refused(
        'completeFolder',
        `Folder status is ${folder.status}: only a HUBEE_RECEIVED folder can be completed`,
      )
    if (folder.attachments.some((a) => a.status !== 'RECEIVED'))
      throw this.refused('completeFolder', 'Folder cannot be completed: attachments not received')
    folder.status = 'HUBEE_COMPLETED'
    for (const kase of this.casesOf(folder)) {
      kase.status = 'HUBEE_NOTIFIED'
      this.notify(kase.recipient, folder.processCode, kase.id, null)
    }
  }

  async deleteFolder(folderId: string): Promise<void> {
    this.enter('deleteFolder')
    const folder = this.folder('deleteFolder', folderId)
    const traffic = folder.caseIds.some(
      (id) =>
        [...this.events.values()].some((e) => e.caseId === id) ||
        [...this.queue.values()].some((n) => n.caseId === id),
    )
    if (folder.status !== 'HUBEE_RECEIVED' || traffic)
      throw this.refused(
        'deleteFolder',
        'Folder can only be deleted when its globalStatus is HUBEE_RECEIVED and it has no event or notification',
      )
    for (const id of folder.caseIds) this.cases.delete(id)
    this.folders.delete(folder.id)
  }

  async readFolder(folderId: string): Promise<FolderState | null> {
    this.enter('readFolder')
    const folder = this.folders.get(folderId)
    return folder ? this.state(folder) : null
  }

  async *listNotifications(options: {
    processCode: string
    pageSize?: number
  }): AsyncIterable<HubNotification> {
    const pageSize = options.pageSize ?? 25
    const seen = new Set<string>()
    for (;;) {
      this.enter('listNotifications')
      const page = [...this.queue.values()]
        .filter((n) => n.to === 'depositor' && n.processCode === options.processCode)
        .slice(0, pageSize)
      const fresh = page.filter((n) => !seen.has(n.id))
      for (const n of fresh) {
        seen.add(n.id)
        yield publicNotification(n)
      }
      if (page.length < pageSize || fresh.length === 0) return
    }
  }

  async readEvent(caseId: string, eventId: string): Promise<HubEvent> {
    this.enter('readEvent')
    const event = this.eventOf('readEvent', caseId, eventId)
    return {
      id: event.id,
      caseId: event.caseId,
      actionType: event.actionType,
      caseCurrentStatus: event.caseCurrentStatus,
      caseNewStatus: event.caseNewStatus,
      status: event.status,
    }
  }

  async acknowledgeEvent(caseId: string, eventId: string): Promise<void> {
    this.enter('acknowledgeEvent')
    this.eventOf('acknowledgeEvent', caseId, eventId).status = 'RECEIVED'
  }

  async updateCaseStatus(
    caseId: string,
    change: { from: string; to: CaseStatus; author: string; notify: boolean },
  ): Promise<void> {
    this.enter('updateCaseStatus')
    if (change.to !== 'CLOSED')
      throw this.refused('updateCaseStatus', `Case status ${change.to} cannot be set by OSL`)
    this.changeStatus('updateCaseStatus', this.depositorCase('updateCaseStatus', caseId), change, 'depositor')
  }

  async closeCase(caseId: string, currentStatus: string): Promise<void> {
    await this.updateCaseStatus(caseId, {
      from: currentStatus,
      to: 'CLOSED',
      author: 'Formulaire QF',
      notify: false,
    })
  }

  async closeFolder(folderId: string): Promise<void> {
    this.enter('closeFolder')
    const folder = this.folder('closeFolder', folderId)
    if (folder.status === 'CLOSED') throw this.refused('closeFolder', 'Folder is closed')
    if (folder.status === 'HUBEE_RECEIVED')
      throw this.refused('closeFolder', `Folder status cannot change from ${folder.status} to CLOSED`)
    folder.status = 'CLOSED'
  }

  async deleteNotification(notificationId: string): Promise<void> {
    this.enter('deleteNotification')
    const n = this.queue.get(notificationId)
    if (!n) throw this.notFound('deleteNotification', 'Notification is not found')
    if (n.to !== 'depositor')
      throw new DossierHubError('unauthorized', 'deleteNotification', 403, 403, 'Unauthorized user')
    this.queue.delete(notificationId)
  }

  async close(): Promise<void> {}

  /** The recipient's side (its HubEE `SI` client). */
  recipient(recipient: Recipient): InMemoryHubRecipient {
    const caseFor = (caseId: string) => {
      const kase = this.cases.get(caseId)
      if (!kase || kase.status === 'HUBEE_RECEIVED')
        throw new DossierHubError('not_found', 'readCase', 404, 404, 'Case is not found')
      if (!sameRecipient(kase.recipient, recipient))
        throw new DossierHubError('unauthorized', 'readCase', 403, 403, 'Unauthorized user')
      const folder = this.folders.get(kase.folderId)
      if (!folder) throw new DossierHubError('not_found', 'readCase', 404, 404, 'Case is not found')
      return { kase, folder }
    }
    return {
      notifications: async () =>
        [...this.queue.values()]
          .filter((n) => n.to !== 'depositor' && sameRecipient(n.to, recipient))
          .map(publicNotification),
      readCase: async (caseId) => {
        const { kase, folder } = caseFor(caseId)
        if (kase.status === 'HUBEE_NOTIFIED') {
          kase.status = 'SENT'
          this.followCases(folder)
        }
        return {
          externalId: kase.externalId,
          status: kase.status,
          attachments: folder.attachments.map((a) => ({
            id: a.id,
            fileName: a.fileName,
            size: a.size,
            mimeType: a.mimeType,
          })),
        }
      },
      download: async (caseId, attachmentId) => {
        const { folder } = caseFor(caseId)
        const bytes = folder.attachments.find((a) => a.id === attachmentId)?.bytes
        if (!bytes) throw new DossierHubError('not_found', 'download', 404, 404, 'File is not found')
        return { bytes: Buffer.from(bytes), digest: createHash('sha256').update(bytes).digest('base64') }
      },
      reportStatus: async (caseId, from, to) => {
        const { kase } = caseFor(caseId)
        if (!recipientStatuses.has(to))
          throw new DossierHubError(
            'refused',
            'reportStatus',
            400,
            400,
            `Case status ${to} cannot be set by SI`,
          )
        this.changeStatus('reportStatus', kase, { from, to, author: 'SI', notify: true }, 'recipient')
      },
      deleteNotification: async (id) => {
        const n = this.queue.get(id)
        if (!n || n.to === 'depositor' || !sameRecipient(n.to, recipient))
          throw new DossierHubError('not_found', 'deleteNotification', 404, 404, 'Notification is not found')
        this.queue.delete(id)
      },
    }
  }

  private changeStatus(
    operation: string,
    kase: StoredCase,
    change: { from: string; to: CaseStatus; author: string; notify: boolean },
    by: 'depositor' | 'recipient',
  ): void {
    if (kase.status === 'HUBEE_RECEIVED')
      throw this.refused(operation, 'The folder of this case is not completed')
    if (kase.status === 'CLOSED') throw this.refused(operation, 'Case is closed')
    const folder = this.folders.get(kase.folderId)
    kase.status = change.to
    if (folder) this.followCases(folder)
    const event: StoredEvent = {
      id: randomUUID(),
      caseId: kase.id,
      actionType: 'STATUS_UPDATE',
      caseCurrentStatus: change.from,
      caseNewStatus: change.to,
      status: 'SENT',
      from: by,
    }
    this.events.set(event.id, event)
    if (change.notify && folder)
      this.notify(by === 'recipient' ? 'depositor' : kase.recipient, folder.processCode, kase.id, event.id)
  }

  private followCases(folder: StoredFolder): void {
    const statuses = new Set(this.casesOf(folder).map((c) => c.status))
    const [only] = [...statuses]
    if (statuses.size === 1 && only && only !== 'CLOSED' && folder.status !== 'CLOSED') folder.status = only
  }

  private notify(to: StoredNotification['to'], processCode: string, caseId: string, eventId: string | null) {
    const n: StoredNotification = {
      id: randomUUID(),
      to,
      processCode,
      caseId,
      eventId,
      dateTime: new Date(Date.UTC(2026, 0, 1) + this.sequence++).toISOString(),
    }
    this.queue.set(n.id, n)
  }

  private enter(operation: keyof DossierHub): void {
    if (this.outage) throw new DossierHubError('unavailable', operation, 503, 503, 'Service unavailable')
    const index = this.planned.findIndex((p) => p.operation === operation || p.operation === '*')
    if (index >= 0) {
      const [planned] = this.planned.splice(index, 1)
      if (planned) throw planned.error
    }
  }

  private folder(operation: string, folderId: string): StoredFolder {
    const folder = this.folders.get(folderId)
    if (!folder) throw this.notFound(operation, 'Folder is not found')
    return folder
  }

  private depositorCase(operation: string, caseId: string): StoredCase {
    const kase = this.cases.get(caseId)
    if (!kase) throw this.notFound(operation, 'Case is not found')
    return kase
  }

  private eventOf(operation: string, caseId: string, eventId: string): StoredEvent {
    const event = this.events.get(eventId)
    if (!event || event.caseId !== caseId || !this.cases.has(caseId))
      throw this.notFound(operation, 'event is not found')
    return event
  }

  private casesOf(folder: StoredFolder): StoredCase[] {
    return folder.caseIds.flatMap((id) => {
      const kase = this.cases.get(id)
      return kase ? [kase] : []
    })
  }

  private state(folder: StoredFolder): FolderState {
    return {
      folderId: folder.id,
      externalId: folder.externalId,
      status: folder.status,
      cases: this.casesOf(folder).map((c) => ({ caseId: c.id, externalId: c.externalId, status: c.status })),
      attachments: folder.attachments.map((a) => ({
        attachmentId: a.id,
        fileName: a.fileName,
        size: a.size,
        status: a.status,
      })),
    }
  }

  private refused(operation: string, message: string) {
    return new DossierHubError('refused', operation, 400, 400, message)
  }

  private notFound(operation: string, message: string) {
    return new DossierHubError('not_found', operation, 404, 404, message)
  }
}

function publicNotification(n: StoredNotification): HubNotification {
  return { id: n.id, processCode: n.processCode, caseId: n.caseId, eventId: n.eventId, dateTime: n.dateTime }
}
