import { createHash, randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import {
  caseStatuses,
  type ExchangeStore,
  type FolderStatus,
  folderStatuses,
  type PartnerInfo,
  type StoredAttachment,
  type StoredCase,
  type StoredFolder,
  type StoredNotification,
} from './exchange-store.js'
import { caseView, eventView, folderView } from './exchange-views.js'
import { badRequest, forbidden, notFound, readBody, readJson, sendJson, sendNoContent } from './http.js'
import { copyIdentifier, type OrganizationIdentifier, organizationId, sameOrganization } from './identity.js'
import { knownProcessCodes, type ReferentialStore } from './referential-store.js'
import type { Call, Route } from './router.js'
import { checkDateTime, RequestCheck } from './validation.js'

const partnerHeaders = ['editorName', 'applicationName', 'softwareVersion'] as const

/** The optional `editorName`, `applicationName`, `softwareVersion` headers (≤ 50 characters). */
function partnerInfo(call: Call): PartnerInfo | null {
  const info: PartnerInfo = { editorName: null, applicationName: null, softwareVersion: null }
  for (const name of partnerHeaders) {
    const value = call.req.headers[name.toLowerCase()]
    if (typeof value !== 'string') continue
    if (value.length > 50)
      throw badRequest(
        `Bad Request : Validation failed.\n[ERROR][REQUEST][${call.where} @header.${name}] String "${value}" is too long (length: ${value.length}, maximum allowed: 50)`,
      )
    info[name] = value
  }
  return Object.values(info).some((v) => v !== null) ? info : null
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('base64')

/** `digest: <base64>` as in the spec, or the RFC 3230 form `digest: sha-256=<base64>`. */
function presentedDigest(req: IncomingMessage): string | undefined {
  const header = req.headers.digest
  if (typeof header !== 'string' || !header.trim()) return undefined
  for (const part of header.split(',')) {
    const entry = part.trim()
    const eq = entry.indexOf('=')
    const algorithm = eq > 0 ? entry.slice(0, eq).toLowerCase() : ''
    if (algorithm === 'sha-256') return entry.slice(eq + 1)
  }
  return header.trim()
}

function organizationIdentifier(check: RequestCheck, value: unknown, path: string): OrganizationIdentifier {
  const o = check.object(value, path)
  check.required(o, ['branchCode', 'companyRegister', 'type'], path)
  const type = check.string(o, 'type', 20, path) ?? ''
  const companyRegister = check.string(o, 'companyRegister', 14, path) ?? ''
  check.pattern(companyRegister, /[0-9]{14}/, `${path}/companyRegister`)
  const branchCode = check.string(o, 'branchCode', 10, path) ?? ''
  return { type, companyRegister, branchCode }
}

/** The routes of `/teledossiers/v1`, with HubEE's status rules. */
/** `refusesDeposits`: the sandbox's fault that refuses every recipient as not subscribed (see faults.ts). */
export function teledossiersRoutes(
  store: ExchangeStore,
  referential: ReferentialStore,
  refusesDeposits: () => boolean = () => false,
): Route[] {
  const now = () => store.isoNow()

  function folderFor(call: Call): StoredFolder {
    const folder = store.folders.get(call.params.folderId ?? '')
    if (!folder) throw notFound('Folder is not found')
    if (call.principal.scope === 'OSL' && folder.depositorClientId !== call.principal.clientId)
      throw forbidden()
    return folder
  }

  function caseFor(call: Call): { kase: StoredCase; folder: StoredFolder } {
    const kase = store.cases.get(call.params.caseId ?? '')
    const folder = kase && store.folders.get(kase.folderId)
    if (!kase || !folder) throw notFound('Case is not found')
    const p = call.principal
    if (p.scope === 'OSL' && folder.depositorClientId !== p.clientId) throw forbidden()
    if (p.scope === 'SI') {
      if (!sameOrganization(kase.recipient, p.organization)) throw forbidden()
      // The recipient does not see a case before its folder is completed.
      if (kase.status === 'HUBEE_RECEIVED') throw notFound('Case is not found')
    }
    return { kase, folder }
  }

  /** Once every case of a folder shares a status, the folder's global status follows (closing stays explicit). */
  function followCases(folder: StoredFolder): void {
    const statuses = new Set(store.casesOf(folder).map((c) => c.status))
    const [only] = [...statuses]
    if (statuses.size === 1 && only && only !== 'CLOSED' && folder.globalStatus !== 'CLOSED') {
      folder.globalStatus = only
      folder.updateDateTime = now()
    }
  }

  async function createFolder(call: Call) {
    const check = new RequestCheck(call.where)
    const body = check.object(await readJson(call.req, call.where))
    check.required(body, ['applicant', 'attachments', 'cases', 'externalId', 'processCode'])
    const processCode = check.string(body, 'processCode', 30) ?? ''
    const externalId = check.string(body, 'externalId', 30) ?? ''
    const applicant = check.object(body.applicant, '/applicant')
    check.required(applicant, ['firstName', 'lastName'], '/applicant')
    const firstName = check.string(applicant, 'firstName', 255, '/applicant') ?? ''
    const lastName = check.string(applicant, 'lastName', 255, '/applicant') ?? ''
    const email = check.string(applicant, 'email', 320, '/applicant', true) ?? null

    const cases = check.array(body, 'cases', 1).map((raw, i) => {
      const path = `/cases/${i}`
      const c = check.object(raw, path)
      check.required(c, ['externalId', 'recipient'], path)
      return {
        externalId: check.string(c, 'externalId', 30, path) ?? '',
        recipient: organizationIdentifier(check, c.recipient, `${path}/recipient`),
        partnerAttributes: check.string(c, 'partnerAttributes', 1024, path, true) ?? null,
      }
    })
    const attachments = check.array(body, 'attachments', 1).map((raw, i): StoredAttachment => {
      const path = `/attachments/${i}`
      const a = check.object(raw, path)
      check.required(a, ['fileName', 'mimeType', 'recipients', 'size', 'type'], path)
      const size = check.integer(a, 'size', path) ?? 0
      if (size < 0)
        check.fail(
          'body',
          `Numeric instance is lower than the required minimum (minimum: 0, found: ${size})`,
          `${path}/size`,
        )
      const recipients = check
        .array(a, 'recipients', 1, path)
        .map((r, j) =>
          typeof r === 'string'
            ? r
            : check.fail(
                'body',
                'Instance type does not match any allowed primitive type (allowed: ["string"])',
                `${path}/recipients/${j}`,
              ),
        )
      return {
        id: randomUUID(),
        fileName: check.string(a, 'fileName', 255, path) ?? '',
        type: check.string(a, 'type', 100, path) ?? '',
        size,
        mimeType: check.string(a, 'mimeType', 255, path) ?? '',
        recipients,
        status: 'PENDING',
        content: null,
      }
    })

    if (!knownProcessCodes.has(processCode)) throw badRequest(`Process ${processCode} is not found`)
    const caseExternalIds = new Set<string>()
    for (const c of cases) {
      if (caseExternalIds.has(c.externalId)) throw badRequest(`Case externalId ${c.externalId} is duplicated`)
      caseExternalIds.add(c.externalId)
      if (refusesDeposits() || !referential.hasActiveSubscription(c.recipient, processCode))
        throw badRequest(
          `The recipient ${organizationId(c.recipient)} does not suscribed to the process ${processCode}`,
        )
    }
    for (const a of attachments)
      for (const r of a.recipients)
        if (!caseExternalIds.has(r))
          throw badRequest(`Attachment recipient ${r} does not match any case externalId`)

    const createdAt = now()
    const folder: StoredFolder = {
      id: randomUUID(),
      externalId,
      processCode,
      globalStatus: 'HUBEE_RECEIVED',
      createDateTime: createdAt,
      updateDateTime: null,
      closeDateTime: null,
      applicant: { firstName, lastName, email },
      partnerInfo: partnerInfo(call),
      depositorClientId: call.principal.clientId,
      depositor: copyIdentifier(call.principal.organization),
      caseIds: [],
      attachments,
    }
    for (const c of cases) {
      const stored: StoredCase = {
        id: randomUUID(),
        folderId: folder.id,
        externalId: c.externalId,
        recipient: c.recipient,
        status: 'HUBEE_RECEIVED',
        processCode,
        createDateTime: createdAt,
        updateDateTime: null,
        transmissionDateTime: null,
        closeDateTime: null,
        partnerAttributes: c.partnerAttributes,
      }
      store.cases.set(stored.id, stored)
      folder.caseIds.push(stored.id)
    }
    store.folders.set(folder.id, folder)
    sendJson(call.res, 201, folderView(store, folder))
  }

  function completeFolder(folder: StoredFolder) {
    if (folder.globalStatus !== 'HUBEE_RECEIVED')
      throw badRequest(
        `Folder status is ${folder.globalStatus}: only a HUBEE_RECEIVED folder can be completed`,
      )
    const missing = folder.attachments.filter((a) => a.status !== 'RECEIVED')
    if (missing.length > 0)
      throw badRequest(
        `Folder cannot be completed: attachments not received (${missing.map((a) => a.id).join(', ')})`,
      )
    const at = now()
    folder.globalStatus = 'HUBEE_COMPLETED'
    folder.updateDateTime = at
    for (const kase of store.casesOf(folder)) {
      kase.status = 'HUBEE_NOTIFIED'
      kase.updateDateTime = at
      store.notify({
        recipient: copyIdentifier(kase.recipient),
        transmitter: copyIdentifier(folder.depositor),
        processCode: folder.processCode,
        caseId: kase.id,
        eventId: null,
      })
    }
  }

  async function updateFolder(call: Call) {
    const folder = folderFor(call)
    const check = new RequestCheck(call.where)
    const body = check.object(await readJson(call.req, call.where))
    check.required(body, ['globalStatus'])
    const status = check.string(body, 'globalStatus', 50) ?? ''
    const closeDateTime = check.string(body, 'closeDateTime', 50)
    checkDateTime(check, closeDateTime, '/closeDateTime')
    if (!folderStatuses.includes(status as FolderStatus))
      throw badRequest(`Folder status ${status} is not valid`)
    if (folder.globalStatus === 'CLOSED') throw badRequest('Folder is closed')
    if (status === 'HUBEE_COMPLETED') completeFolder(folder)
    else if (folder.globalStatus === 'HUBEE_RECEIVED' || status === 'HUBEE_RECEIVED')
      throw badRequest(`Folder status cannot change from ${folder.globalStatus} to ${status}`)
    else {
      folder.globalStatus = status as FolderStatus
      folder.updateDateTime = now()
      if (status === 'CLOSED') folder.closeDateTime = closeDateTime ?? now()
    }
    sendNoContent(call.res)
  }

  function deleteFolder(call: Call) {
    const folder = folderFor(call)
    const hasTraffic = folder.caseIds.some(
      (id) =>
        store.eventsOf(id).length > 0 ||
        [...store.notifications.values()].some((n: StoredNotification) => n.caseId === id),
    )
    if (folder.globalStatus !== 'HUBEE_RECEIVED' || hasTraffic)
      throw badRequest(
        'Folder can only be deleted when its globalStatus is HUBEE_RECEIVED and it has no event or notification',
      )
    store.deleteFolder(folder)
    sendNoContent(call.res)
  }

  async function uploadAttachment(call: Call) {
    const folder = folderFor(call)
    const attachment = folder.attachments.find((a) => a.id === call.params.attachmentId)
    if (!attachment) throw notFound('Binary meta-data is not found')
    if (folder.globalStatus !== 'HUBEE_RECEIVED')
      throw badRequest(`Attachment cannot be uploaded: folder status is ${folder.globalStatus}`)
    const contentType = (call.req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
    if (contentType !== 'application/octet-stream')
      throw badRequest('Content-Type must be application/octet-stream')
    const content = await readBody(call.req)
    if (content.length !== attachment.size)
      throw badRequest(`File size ${content.length} does not match the declared size ${attachment.size}`)
    const digest = presentedDigest(call.req)
    if (digest !== undefined && digest !== sha256(content)) {
      attachment.status = 'CORRUPTED'
      attachment.content = null
      throw badRequest('Digest does not match the SHA-256 hash of the file')
    }
    attachment.content = content
    attachment.status = 'RECEIVED'
    folder.updateDateTime = now()
    sendNoContent(call.res)
  }

  function getCase(call: Call) {
    const { kase, folder } = caseFor(call)
    if (call.principal.scope === 'SI' && kase.status === 'HUBEE_NOTIFIED') {
      kase.status = 'SENT'
      kase.transmissionDateTime = now()
      kase.updateDateTime = kase.transmissionDateTime
      followCases(folder)
    }
    sendJson(call.res, 200, caseView(store, kase, folder, call.query.get('lite') === 'true'))
  }

  const siStatuses = new Set<string>([
    'SI_RECEIVED',
    'SI_INTG_ERROR',
    'IN_PROGRESS',
    'ADD_AWAITING',
    'REFUSED',
    'DONE',
  ])

  async function updateCase(call: Call) {
    const { kase, folder } = caseFor(call)
    const check = new RequestCheck(call.where)
    const body = check.object(await readJson(call.req, call.where))
    check.required(body, ['status'])
    const status = check.string(body, 'status', 50) ?? ''
    if (!caseStatuses.includes(status as (typeof caseStatuses)[number]))
      throw badRequest(`Case status ${status} is not valid`)
    if (kase.status === 'HUBEE_RECEIVED') throw badRequest('The folder of this case is not completed')
    if (kase.status === 'CLOSED') throw badRequest('Case is closed')
    const scope = call.principal.scope
    if ((scope === 'SI' && !siStatuses.has(status)) || (scope === 'OSL' && status !== 'CLOSED'))
      throw badRequest(`Case status ${status} cannot be set by ${scope}`)
    const at = now()
    kase.status = status as FolderStatus
    kase.updateDateTime = at
    if (status === 'CLOSED') kase.closeDateTime = at
    followCases(folder)
    sendNoContent(call.res)
  }

  function downloadAttachment(call: Call) {
    const { kase, folder } = caseFor(call)
    const attachment = folder.attachments.find(
      (a) => a.id === call.params.attachmentId && a.recipients.includes(kase.externalId),
    )
    if (!attachment?.content) throw notFound('File is not found')
    call.res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(attachment.content.length),
      digest: sha256(attachment.content),
    })
    call.res.end(attachment.content)
  }

  async function createEvent(call: Call) {
    const { kase, folder } = caseFor(call)
    if (kase.status === 'HUBEE_RECEIVED') throw badRequest('The folder of this case is not completed')
    const check = new RequestCheck(call.where)
    const body = check.object(await readJson(call.req, call.where))
    check.required(body, ['actionType', 'notification'])
    const at = now()
    const event = {
      id: randomUUID(),
      caseId: kase.id,
      transmitter: copyIdentifier(call.principal.organization),
      message: check.string(body, 'message', 1000, '', true) ?? null,
      comment: check.string(body, 'comment', 1000, '', true) ?? null,
      actionType: check.string(body, 'actionType', 100, '', true) ?? null,
      author: check.string(body, 'author', 255, '', true) ?? null,
      notification: check.boolean(body, 'notification') ?? null,
      createDateTime: at,
      updateDateTime: at,
      status: 'SENT' as const,
      caseCurrentStatus: check.string(body, 'caseCurrentStatus', 15, '', true) ?? null,
      caseNewStatus: check.string(body, 'caseNewStatus', 15, '', true) ?? null,
      partnerAttributes: check.string(body, 'partnerAttributes', 1024, '', true) ?? null,
      partnerInfo: partnerInfo(call),
    }
    store.events.set(event.id, event)
    if (event.notification === true)
      store.notify({
        recipient: copyIdentifier(call.principal.scope === 'SI' ? folder.depositor : kase.recipient),
        transmitter: copyIdentifier(call.principal.organization),
        processCode: kase.processCode,
        caseId: kase.id,
        eventId: event.id,
      })
    sendJson(call.res, 201, eventView(event))
  }

  function eventFor(call: Call) {
    const { kase } = caseFor(call)
    const event = store.events.get(call.params.eventId ?? '')
    if (!event || event.caseId !== kase.id) throw notFound('event is not found')
    return { kase, event }
  }

  async function updateEvent(call: Call) {
    const { event } = eventFor(call)
    const check = new RequestCheck(call.where)
    const body = check.object(await readJson(call.req, call.where))
    check.required(body, ['status'])
    const status = check.string(body, 'status', 12) ?? ''
    if (status !== 'SENT' && status !== 'RECEIVED') throw badRequest(`Event status ${status} is not valid`)
    event.status = status
    event.updateDateTime = now()
    sendNoContent(call.res)
  }

  function deleteEvent(call: Call) {
    const { kase, event } = eventFor(call)
    if (event.actionType !== 'ATTACH_DEPOSIT' || kase.status !== 'IN_PROGRESS')
      throw badRequest('Bad Request')
    store.events.delete(event.id)
    for (const n of store.notifications.values()) if (n.eventId === event.id) store.notifications.delete(n.id)
    sendNoContent(call.res)
  }

  function listNotifications(call: Call) {
    const rawMax = call.query.get('maxResult')
    if (rawMax !== null && (rawMax.trim() === '' || !Number.isFinite(Number(rawMax))))
      throw badRequest(
        `Bad Request : Validation failed.\n[ERROR][REQUEST][${call.where} @query.maxResult] Instance type (string) does not match any allowed primitive type (allowed: ["integer","number"]`,
      )
    const maxResult = rawMax === null ? 25 : Math.max(0, Math.floor(Number(rawMax)))
    const listParam = (name: string) =>
      call.query
        .getAll(name)
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean)
    const processCodes = listParam('processCode')
    const priority = listParam('processPriority')
    const mine = [...store.notifications.values()]
      .filter((n) => sameOrganization(n.recipient, call.principal.organization))
      .filter((n) => processCodes.length === 0 || processCodes.includes(n.processCode))
      .sort((a, b) => {
        const pa = priority.includes(a.processCode) ? 0 : 1
        const pb = priority.includes(b.processCode) ? 0 : 1
        return pa - pb || a.dateTime.localeCompare(b.dateTime)
      })
    sendJson(
      call.res,
      200,
      mine.slice(0, maxResult).map((n) => ({
        id: n.id,
        recipient: copyIdentifier(n.recipient),
        transmitter: copyIdentifier(n.transmitter),
        processCode: n.processCode,
        caseId: n.caseId,
        eventId: n.eventId,
        dateTime: n.dateTime,
      })),
    )
  }

  function deleteNotification(call: Call) {
    const notification = store.notifications.get(call.params.notificationId ?? '')
    if (!notification) throw notFound('Notification is not found')
    if (
      call.principal.scope !== 'ADMIN' &&
      !sameOrganization(notification.recipient, call.principal.organization)
    )
      throw forbidden()
    store.notifications.delete(notification.id)
    sendNoContent(call.res)
  }

  const all = ['OSL', 'SI', 'ADMIN'] as const
  const depositor = ['OSL', 'ADMIN'] as const
  return [
    { method: 'GET', template: '/notifications', scopes: all, handler: listNotifications },
    {
      method: 'DELETE',
      template: '/notifications/{notificationId}',
      scopes: all,
      handler: deleteNotification,
    },
    { method: 'POST', template: '/folders', scopes: depositor, handler: createFolder },
    {
      method: 'GET',
      template: '/folders/{folderId}',
      scopes: depositor,
      handler: (c) => sendJson(c.res, 200, folderView(store, folderFor(c))),
    },
    { method: 'PATCH', template: '/folders/{folderId}', scopes: depositor, handler: updateFolder },
    { method: 'DELETE', template: '/folders/{folderId}', scopes: depositor, handler: deleteFolder },
    {
      method: 'PUT',
      template: '/folders/{folderId}/attachments/{attachmentId}',
      scopes: depositor,
      handler: uploadAttachment,
    },
    { method: 'GET', template: '/cases/{caseId}', scopes: all, handler: getCase },
    { method: 'PATCH', template: '/cases/{caseId}', scopes: all, handler: updateCase },
    {
      method: 'GET',
      template: '/cases/{caseId}/attachments/{attachmentId}',
      scopes: all,
      handler: downloadAttachment,
    },
    { method: 'POST', template: '/cases/{caseId}/events', scopes: all, handler: createEvent },
    {
      method: 'GET',
      template: '/cases/{caseId}/events/{eventId}',
      scopes: all,
      handler: (c) => sendJson(c.res, 200, eventView(eventFor(c).event)),
    },
    { method: 'PATCH', template: '/cases/{caseId}/events/{eventId}', scopes: all, handler: updateEvent },
    { method: 'DELETE', template: '/cases/{caseId}/events/{eventId}', scopes: all, handler: deleteEvent },
  ]
}
