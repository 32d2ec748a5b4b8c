/**
 * The hub through which dossiers reach the collectivities' software (HubEE, as depositor "OSL").
 * Domain words; the adapter speaks HubEE's API (apps/api/src/adapters/hubee/undici-hubee.ts).
 *
 * Every method either succeeds or throws a DossierHubError: `retryable` (the hub is down, slow,
 * rate-limiting, or answered something unreadable: try again later) or not (the hub refused the
 * request: trying again will not help).
 */

/** Statuses of a case (HubEE). */
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
export type CaseStatus = (typeof caseStatuses)[number]

/** A folder adds the two statuses of its deposit: received (being uploaded), completed (sent). */
export const folderStatuses = ['HUBEE_RECEIVED', 'HUBEE_COMPLETED', ...caseStatuses] as const
export type FolderStatus = (typeof folderStatuses)[number]

export const attachmentStatuses = ['PENDING', 'RECEIVED', 'CORRUPTED', 'REJECTED'] as const
export type AttachmentStatus = (typeof attachmentStatuses)[number]

/** The collectivity (HubEE `SI` organization) a case goes to. */
export interface Recipient {
  siret: string
  /** INSEE COG code of the commune (HubEE `branchCode`). */
  cog: string
}

export interface FolderToDeposit {
  processCode: string
  /** ≤ 30 characters (`Formulaire-QF-<reference>`). */
  externalId: string
  applicant: { firstName: string; lastName: string }
  /** The one case of the folder. */
  case: { externalId: string; recipient: Recipient }
  /** Declared before the upload: the bytes uploaded later must have exactly this size. */
  attachments: { fileName: string; type: string; mimeType: string; size: number }[]
}

/** The hub's ids for a deposited (not yet completed) folder. */
export interface DepositedFolder {
  folderId: string
  caseId: string
  /** In the order of FolderToDeposit.attachments. */
  attachments: { attachmentId: string; fileName: string }[]
}

/** What the hub says of a folder. */
export interface FolderState {
  folderId: string
  externalId: string
  status: FolderStatus
  cases: { caseId: string; externalId: string; status: FolderStatus }[]
  attachments: { attachmentId: string; fileName: string; size: number; status: AttachmentStatus }[]
}

/** A message in the depositor's queue: a new event on one of its cases. */
export interface HubNotification {
  id: string
  processCode: string
  caseId: string | null
  /** Null for a new case (only recipients get those). */
  eventId: string | null
  dateTime: string
}

export interface HubEvent {
  id: string
  caseId: string
  actionType: string | null
  caseCurrentStatus: string | null
  caseNewStatus: string | null
  /** `SENT` until acknowledged (`RECEIVED`). */
  status: 'SENT' | 'RECEIVED'
}

export type DossierHubFailure =
  /** 5xx, 429, network error, timeout: try again later. */
  | 'unavailable'
  /** A 2xx whose body is not what the API documents. */
  | 'unexpected_answer'
  /** 400/409/422: the hub refused the request (e.g. recipient not subscribed, size mismatch). */
  | 'refused'
  /** 404. */
  | 'not_found'
  /** 401 even with a fresh token, 403: credentials or rights. */
  | 'unauthorized'

/**
 * A failed hub call. Carries the hub's error code and message (quoted values removed: the gateway
 * echoes request fields, which may be personal data), never the request.
 */
export class DossierHubError extends Error {
  readonly retryable: boolean
  constructor(
    readonly failure: DossierHubFailure,
    readonly operation: string,
    readonly status: number | null,
    readonly hubCode: number | null,
    readonly hubMessage: string | null,
  ) {
    super(
      `HubEE ${operation} failed: ${failure}${status === null ? '' : ` (HTTP ${status}`}${
        hubCode === null ? '' : `, code ${hubCode}`
      }${status === null ? '' : ')'}${hubMessage ? `: ${hubMessage}` : ''}`,
    )
    this.name = 'DossierHubError'
    this.retryable = failure === 'unavailable' || failure === 'unexpected_answer'
  }
}

/** The hub's message without the values it echoes (`String "DUPONT" is too long` → `String "…" is too long`), ≤ 300 chars. */
export function scrubHubMessage(message: string): string {
  return message
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300)
}

export interface DossierHub {
  /** Creates the folder, its case and the attachments' slots (`HUBEE_RECEIVED`, not visible to the recipient). */
  depositFolder(folder: FolderToDeposit): Promise<DepositedFolder>
  /** Uploads the bytes of one declared attachment (exact size, SHA-256 digest). */
  uploadAttachment(folderId: string, attachmentId: string, bytes: Buffer): Promise<void>
  /** `HUBEE_COMPLETED`: only now is the recipient notified. */
  completeFolder(folderId: string): Promise<void>
  /** Deletes a folder that was never completed (`HUBEE_RECEIVED`). */
  deleteFolder(folderId: string): Promise<void>
  /** The folder as the hub has it, or null when it does not exist (any more). */
  readFolder(folderId: string): Promise<FolderState | null>
  /**
   * Every notification of the depositor for `processCode`, page after page (oldest first). HubEE has
   * no offset: a page after the first only brings new notifications once the consumer has deleted
   * those it handled; iteration stops at a short page or a page with nothing new.
   */
  listNotifications(options: { processCode: string; pageSize?: number }): AsyncIterable<HubNotification>
  readEvent(caseId: string, eventId: string): Promise<HubEvent>
  /** Marks the event `RECEIVED`. */
  acknowledgeEvent(caseId: string, eventId: string): Promise<void>
  /** Sets the case's status and records it as a `STATUS_UPDATE` event (notifying the other side). */
  updateCaseStatus(
    caseId: string,
    change: { from: string; to: CaseStatus; author: string; notify: boolean },
  ): Promise<void>
  /** Closes the case: `CLOSED` + its `STATUS_UPDATE` event. */
  closeCase(caseId: string, currentStatus: string): Promise<void>
  /** Closes the folder (`CLOSED`, closeDateTime now). */
  closeFolder(folderId: string): Promise<void>
  deleteNotification(notificationId: string): Promise<void>
  /** Releases connections. */
  close(): Promise<void>
}
