import { createHash } from 'node:crypto'
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { Agent, errors as undiciErrors, request } from 'undici'
import {
  attachmentStatuses,
  type CaseStatus,
  type DepositedFolder,
  type DossierHub,
  DossierHubError,
  type DossierHubFailure,
  type FolderState,
  folderStatuses,
  type FolderToDeposit,
  type HubEvent,
  type HubNotification,
  scrubHubMessage,
} from '../../ports/dossier-hub.js'

export interface UndiciHubeeOptions {
  /** API base, e.g. https://api.hubee.numerique.gouv.fr (paths `/teledossiers/v1/...` are appended). */
  apiUrl: string
  /** e.g. https://auth.hubee.numerique.gouv.fr/oauth2/token */
  tokenUrl: string
  clientId: string
  clientSecret: string
  /** Per request (headers and body). */
  timeoutMs: number
  /** Sent as `softwareVersion` (≤ 50 characters). */
  softwareVersion: string
  /** `editorName` header, default `DINUM`. */
  editorName?: string
  /** `applicationName` header, default `Formulaire QF`. */
  applicationName?: string
  /** Seconds taken off the token's lifetime, so it is not used at the very edge. Default 30. */
  tokenMarginSeconds?: number
  /**
   * Waits before each retry of an idempotent call (GET, PUT, PATCH, DELETE) that failed fast (5xx,
   * 429, reset, refused) within one delivery attempt. Default [250, 1000]: up to 3 tries.
   */
  idempotentRetryDelaysMs?: readonly number[]
  /** Milliseconds clock for the token cache. Default Date.now. */
  now?: () => number
}

const TokenAnswer = Type.Object({
  access_token: Type.String({ minLength: 1 }),
  expires_in: Type.Number({ minimum: 0 }),
})

const FolderStatusAnswer = Type.Union(folderStatuses.map((s) => Type.Literal(s)))
const AttachmentStatusAnswer = Type.Union(attachmentStatuses.map((s) => Type.Literal(s)))

const FolderAnswer = Type.Object({
  id: Type.String(),
  externalId: Type.String(),
  globalStatus: FolderStatusAnswer,
  cases: Type.Array(
    Type.Object({ id: Type.String(), externalId: Type.String(), status: FolderStatusAnswer }),
  ),
  attachments: Type.Array(
    Type.Object({
      id: Type.String(),
      fileName: Type.String(),
      size: Type.Integer(),
      status: AttachmentStatusAnswer,
    }),
  ),
})
type FolderAnswer = Static<typeof FolderAnswer>

const NotificationAnswer = Type.Object({
  id: Type.String(),
  processCode: Type.String(),
  caseId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  eventId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  dateTime: Type.Union([Type.String(), Type.Null()]),
})
const NotificationsAnswer = Type.Array(NotificationAnswer)

const EventAnswer = Type.Object({
  id: Type.String(),
  actionType: Type.Union([Type.String(), Type.Null()]),
  caseCurrentStatus: Type.Union([Type.String(), Type.Null()]),
  caseNewStatus: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('SENT'), Type.Literal('RECEIVED')]),
})

const TokenError = Type.Object({ error: Type.String() })

const ErrorAnswer = Type.Object({
  errors: Type.Array(
    Type.Object({ code: Type.Optional(Type.Unknown()), message: Type.Optional(Type.String()) }),
  ),
})

interface Answer {
  status: number
  body: unknown
}

interface Call {
  operation: string
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  json?: unknown
  bytes?: Buffer
  headers?: Record<string, string>
  /** Statuses that count as success. */
  expect: readonly number[]
}

const failureFor = (status: number): DossierHubFailure => {
  if (status === 404) return 'not_found'
  if (status === 401 || status === 403) return 'unauthorized'
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'unavailable'
  return 'refused'
}

/** The HubEE gateway's code for an unknown or expired token. */
const invalidCredentialsCode = 900901

function hubError(body: unknown): { code: number | null; message: string | null } {
  if (!Value.Check(ErrorAnswer, body)) return { code: null, message: null }
  const first = body.errors[0]
  const code = typeof first?.code === 'number' ? first.code : Number(first?.code)
  return {
    code: Number.isFinite(code) ? code : null,
    message: first?.message ? scrubHubMessage(first.message) : null,
  }
}

/** `digest` header value: SHA-256 of the bytes, base64 (the spec's format). */
export const sha256Base64 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64')

/**
 * HubEE (API v1) as depositor over undici: OAuth2 client credentials (HTTP Basic, scope OSL) with a
 * cached token refetched once on a 401 / code 900901; every answer checked (status and body shape).
 */
export class UndiciHubee implements DossierHub {
  private readonly agent = new Agent({ keepAliveTimeout: 10_000, connections: 16 })
  private readonly now: () => number
  private readonly apiUrl: string
  private readonly partnerHeaders: Record<string, string>
  private token: { value: string; expiresAt: number } | null = null
  private pendingToken: Promise<string> | null = null

  constructor(private readonly options: UndiciHubeeOptions) {
    this.now = options.now ?? Date.now
    this.apiUrl = options.apiUrl.replace(/\/+$/, '')
    const headers = {
      editorName: options.editorName ?? 'DINUM',
      applicationName: options.applicationName ?? 'Formulaire QF',
      softwareVersion: options.softwareVersion,
    }
    for (const [name, value] of Object.entries(headers))
      if (value.length > 50) throw new Error(`HubEE header ${name} is longer than 50 characters`)
    this.partnerHeaders = headers
  }

  async depositFolder(folder: FolderToDeposit): Promise<DepositedFolder> {
    const recipient = {
      type: 'SI',
      companyRegister: folder.case.recipient.siret,
      branchCode: folder.case.recipient.cog,
    }
    const body = {
      processCode: folder.processCode,
      externalId: folder.externalId,
      applicant: folder.applicant,
      cases: [{ externalId: folder.case.externalId, recipient }],
      attachments: folder.attachments.map((a) => ({ ...a, recipients: [folder.case.externalId] })),
    }
    const answer = await this.call({
      operation: 'createFolder',
      method: 'POST',
      path: '/teledossiers/v1/folders',
      json: body,
      expect: [200, 201],
    })
    const created = this.shaped('createFolder', FolderAnswer, answer)
    const kase = created.cases.find((c) => c.externalId === folder.case.externalId)
    const attachments = folder.attachments.map((wanted) =>
      created.attachments.find((a) => a.fileName === wanted.fileName && a.size === wanted.size),
    )
    if (!kase || attachments.some((a) => a === undefined))
      throw new DossierHubError(
        'unexpected_answer',
        'createFolder',
        answer.status,
        null,
        'case or attachment missing',
      )
    return {
      folderId: created.id,
      caseId: kase.id,
      attachments: attachments.flatMap((a) => (a ? [{ attachmentId: a.id, fileName: a.fileName }] : [])),
    }
  }

  async uploadAttachment(folderId: string, attachmentId: string, bytes: Buffer): Promise<void> {
    await this.call({
      operation: 'uploadAttachment',
      method: 'PUT',
      path: `/teledossiers/v1/folders/${encodeURIComponent(folderId)}/attachments/${encodeURIComponent(attachmentId)}`,
      bytes,
      headers: { digest: sha256Base64(bytes) },
      expect: [200, 204],
    })
  }

  async completeFolder(folderId: string): Promise<void> {
    await this.patchFolder('completeFolder', folderId, { globalStatus: 'HUBEE_COMPLETED' })
  }

  async closeFolder(folderId: string): Promise<void> {
    await this.patchFolder('closeFolder', folderId, {
      globalStatus: 'CLOSED',
      closeDateTime: new Date(this.now()).toISOString(),
    })
  }

  async deleteFolder(folderId: string): Promise<void> {
    await this.call({
      operation: 'deleteFolder',
      method: 'DELETE',
      path: `/teledossiers/v1/folders/${encodeURIComponent(folderId)}`,
      expect: [200, 204],
    })
  }

  async readFolder(folderId: string): Promise<FolderState | null> {
    let answer: Answer
    try {
      answer = await this.call({
        operation: 'readFolder',
        method: 'GET',
        path: `/teledossiers/v1/folders/${encodeURIComponent(folderId)}`,
        expect: [200],
      })
    } catch (error) {
      if (error instanceof DossierHubError && error.failure === 'not_found') return null
      throw error
    }
    return folderState(this.shaped('readFolder', FolderAnswer, answer))
  }

  async *listNotifications(options: {
    processCode: string
    pageSize?: number
  }): AsyncIterable<HubNotification> {
    const pageSize = options.pageSize ?? 25
    const seen = new Set<string>()
    for (;;) {
      const query = new URLSearchParams({ maxResult: String(pageSize), processCode: options.processCode })
      const answer = await this.call({
        operation: 'listNotifications',
        method: 'GET',
        path: `/teledossiers/v1/notifications?${query}`,
        expect: [200],
      })
      const page = this.shaped('listNotifications', NotificationsAnswer, answer)
      const fresh = page.filter((n) => !seen.has(n.id))
      for (const n of fresh) {
        seen.add(n.id)
        yield {
          id: n.id,
          processCode: n.processCode,
          caseId: n.caseId ?? null,
          eventId: n.eventId ?? null,
          dateTime: n.dateTime ?? '',
        }
      }
      if (page.length < pageSize || fresh.length === 0) return
    }
  }

  async readEvent(caseId: string, eventId: string): Promise<HubEvent> {
    const answer = await this.call({
      operation: 'readEvent',
      method: 'GET',
      path: `/teledossiers/v1/cases/${encodeURIComponent(caseId)}/events/${encodeURIComponent(eventId)}`,
      expect: [200],
    })
    const event = this.shaped('readEvent', EventAnswer, answer)
    return {
      id: event.id,
      caseId,
      actionType: event.actionType,
      caseCurrentStatus: event.caseCurrentStatus,
      caseNewStatus: event.caseNewStatus,
      status: event.status,
    }
  }

  async acknowledgeEvent(caseId: string, eventId: string): Promise<void> {
    await this.call({
      operation: 'acknowledgeEvent',
      method: 'PATCH',
      path: `/teledossiers/v1/cases/${encodeURIComponent(caseId)}/events/${encodeURIComponent(eventId)}`,
      json: { status: 'RECEIVED' },
      expect: [200, 204],
    })
  }

  async updateCaseStatus(
    caseId: string,
    change: { from: string; to: CaseStatus; author: string; notify: boolean },
  ): Promise<void> {
    await this.call({
      operation: 'updateCaseStatus',
      method: 'PATCH',
      path: `/teledossiers/v1/cases/${encodeURIComponent(caseId)}`,
      json: { status: change.to },
      expect: [200, 204],
    })
    await this.call({
      operation: 'createEvent',
      method: 'POST',
      path: `/teledossiers/v1/cases/${encodeURIComponent(caseId)}/events`,
      json: {
        actionType: 'STATUS_UPDATE',
        author: change.author,
        notification: change.notify,
        caseCurrentStatus: change.from,
        caseNewStatus: change.to,
      },
      expect: [200, 201],
    })
  }

  async closeCase(caseId: string, currentStatus: string): Promise<void> {
    await this.updateCaseStatus(caseId, {
      from: currentStatus,
      to: 'CLOSED',
      author: this.partnerHeaders.applicationName ?? 'Formulaire QF',
      notify: false,
    })
  }

  async deleteNotification(notificationId: string): Promise<void> {
    await this.call({
      operation: 'deleteNotification',
      method: 'DELETE',
      path: `/teledossiers/v1/notifications/${encodeURIComponent(notificationId)}`,
      expect: [200, 204],
    })
  }

  async close(): Promise<void> {
    await this.agent.close()
  }

  private async patchFolder(operation: string, folderId: string, json: unknown): Promise<void> {
    await this.call({
      operation,
      method: 'PATCH',
      path: `/teledossiers/v1/folders/${encodeURIComponent(folderId)}`,
      json,
      expect: [200, 204],
    })
  }

  private shaped<T extends TSchema>(operation: string, schema: T, answer: Answer): Static<T> {
    if (!Value.Check(schema, answer.body))
      throw new DossierHubError('unexpected_answer', operation, answer.status, null, 'body not as documented')
    return answer.body
  }

  /**
   * One API call, tried again (after a short wait) when it is idempotent and failed fast and retryably:
   * a flaky HubEE (30 % of 503s) no longer ends the whole delivery attempt at its first failed call
   * (issue 22, item 4). POST (a folder, an event) is never repeated here: a lost answer may hide a
   * folder created (ADR 0013). A call that timed out is not repeated either: its time is spent, and
   * the attempt's `expireIn` counts on at most one timeout per call.
   */
  private async call(call: Call): Promise<Answer> {
    const delays = call.method === 'POST' ? [] : (this.options.idempotentRetryDelaysMs ?? [250, 1_000])
    for (let retry = 0; ; retry++) {
      const started = Date.now()
      try {
        return await this.callOnce(call)
      } catch (error) {
        const delay = delays[retry]
        const fast = Date.now() - started < this.options.timeoutMs / 2
        if (
          delay === undefined ||
          !fast ||
          !(error instanceof DossierHubError) ||
          error.failure !== 'unavailable'
        )
          throw error
        await new Promise((resolve) => setTimeout(resolve, delay))
      }
    }
  }

  /** One API call with the cached token; a 401 (code 900901) refetches the token and tries once more. */
  private async callOnce(call: Call): Promise<Answer> {
    let answer = await this.send(call, await this.accessToken())
    if (answer.status === 401) {
      const { code } = hubError(answer.body)
      if (code === null || code === invalidCredentialsCode) {
        this.token = null
        answer = await this.send(call, await this.accessToken())
      }
    }
    if (call.expect.includes(answer.status)) return answer
    const { code, message } = hubError(answer.body)
    throw new DossierHubError(failureFor(answer.status), call.operation, answer.status, code, message)
  }

  private async send(call: Call, token: string): Promise<Answer> {
    const headers: Record<string, string> = {
      ...this.partnerHeaders,
      ...call.headers,
      authorization: `Bearer ${token}`,
      accept: 'application/json',
    }
    let body: string | Buffer | undefined
    if (call.json !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(call.json)
    } else if (call.bytes) {
      headers['content-type'] = 'application/octet-stream'
      headers['content-length'] = String(call.bytes.length)
      body = call.bytes
    }
    return this.http(call.operation, `${this.apiUrl}${call.path}`, call.method, headers, body)
  }

  private async http(
    operation: string,
    url: string,
    method: Call['method'],
    headers: Record<string, string>,
    body: string | Buffer | undefined,
  ): Promise<Answer> {
    try {
      const res = await request(url, {
        method,
        headers,
        body,
        dispatcher: this.agent,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      })
      const text = await res.body.text()
      let parsed: unknown = undefined
      if (text.length > 0) {
        try {
          parsed = JSON.parse(text)
        } catch {
          parsed = undefined
        }
      }
      return { status: res.statusCode, body: parsed }
    } catch (error) {
      if (
        error instanceof undiciErrors.UndiciError ||
        (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) ||
        (error as NodeJS.ErrnoException).code !== undefined
      )
        throw new DossierHubError('unavailable', operation, null, null, (error as Error).name)
      throw error
    }
  }

  private accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt) return Promise.resolve(this.token.value)
    this.pendingToken ??= this.fetchToken().finally(() => {
      this.pendingToken = null
    })
    return this.pendingToken
  }

  private async fetchToken(): Promise<string> {
    const basic = Buffer.from(
      `${encodeURIComponent(this.options.clientId)}:${encodeURIComponent(this.options.clientSecret)}`,
    ).toString('base64')
    const answer = await this.http(
      'token',
      this.options.tokenUrl,
      'POST',
      {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      new URLSearchParams({ grant_type: 'client_credentials', scope: 'OSL' }).toString(),
    )
    if (answer.status !== 200) {
      const message = Value.Check(TokenError, answer.body) ? scrubHubMessage(answer.body.error) : null
      throw new DossierHubError(failureFor(answer.status), 'token', answer.status, null, message)
    }
    if (!Value.Check(TokenAnswer, answer.body))
      throw new DossierHubError('unexpected_answer', 'token', answer.status, null, 'body not as documented')
    const margin = (this.options.tokenMarginSeconds ?? 30) * 1000
    const lifetime = Math.max(0, answer.body.expires_in * 1000 - margin)
    this.token = { value: answer.body.access_token, expiresAt: this.now() + lifetime }
    return this.token.value
  }
}

function folderState(f: FolderAnswer): FolderState {
  return {
    folderId: f.id,
    externalId: f.externalId,
    status: f.globalStatus,
    cases: f.cases.map((c) => ({ caseId: c.id, externalId: c.externalId, status: c.status })),
    attachments: f.attachments.map((a) => ({
      attachmentId: a.id,
      fileName: a.fileName,
      size: a.size,
      status: a.status,
    })),
  }
}
