import type {
  ExchangeStore,
  StoredAttachment,
  StoredCase,
  StoredEvent,
  StoredFolder,
} from './exchange-store.js'
import { copyIdentifier } from './identity.js'

/** The spec's `Attachment`, without the bytes. */
export const attachmentView = (a: StoredAttachment) => ({
  id: a.id,
  status: a.status,
  fileName: a.fileName,
  type: a.type,
  size: a.size,
  mimeType: a.mimeType,
})

export const folderView = (store: ExchangeStore, f: StoredFolder) => ({
  id: f.id,
  globalStatus: f.globalStatus,
  processCode: f.processCode,
  createDateTime: f.createDateTime,
  closeDateTime: f.closeDateTime,
  applicant: { ...f.applicant },
  externalId: f.externalId,
  updateDateTime: f.updateDateTime,
  partnerInfo: f.partnerInfo,
  cases: store.casesOf(f).map((c) => ({
    id: c.id,
    status: c.status,
    recipient: copyIdentifier(c.recipient),
    externalId: c.externalId,
    updateDateTime: c.updateDateTime,
    transmissionDateTime: c.transmissionDateTime,
    partnerAttributes: c.partnerAttributes,
  })),
  attachments: f.attachments.map((a) => ({ ...attachmentView(a), recipients: [...a.recipients] })),
})

export const eventView = (e: StoredEvent) => ({
  id: e.id,
  transmitter: copyIdentifier(e.transmitter),
  message: e.message,
  comment: e.comment,
  actionType: e.actionType,
  author: e.author,
  notification: e.notification,
  createDateTime: e.createDateTime,
  updateDateTime: e.updateDateTime,
  status: e.status,
  caseCurrentStatus: e.caseCurrentStatus,
  caseNewStatus: e.caseNewStatus,
  partnerAttributes: e.partnerAttributes,
  attachments: [],
  partnerInfo: e.partnerInfo,
})

/** The spec's `Case`; `lite` leaves out the files and the events. */
export function caseView(store: ExchangeStore, c: StoredCase, folder: StoredFolder, lite: boolean) {
  const base = {
    id: c.id,
    status: c.status,
    recipient: copyIdentifier(c.recipient),
    externalId: c.externalId,
    updateDateTime: c.updateDateTime,
    transmissionDateTime: c.transmissionDateTime,
    processCode: c.processCode,
    createDateTime: c.createDateTime,
    closeDateTime: c.closeDateTime,
    partnerAttributes: c.partnerAttributes,
    applicant: { ...folder.applicant },
  }
  if (lite) return base
  return {
    ...base,
    attachments: folder.attachments.filter((a) => a.recipients.includes(c.externalId)).map(attachmentView),
    events: store.eventsOf(c.id).map(eventView),
  }
}
