import { Value } from '@sinclair/typebox/value'
import { formulaireQf } from '@qf/contracts'
import { header, HttpClient, type HttpAnswer, jsonOf, sleep, UnreachableError } from '../http.js'
import {
  expectShape,
  HubeeCase,
  HubeeErrorBody,
  HubeeEvent,
  type HubeeNotification,
  HubeeNotifications,
  HubeeTokenAnswer,
  type SiCaseStatus,
} from './types.js'

export interface HubeeEndpoints {
  /** e.g. https://api.hubee.numerique.gouv.fr (the kit appends /teledossiers/v1). */
  apiUrl: string
  /** e.g. https://auth.hubee.numerique.gouv.fr/oauth2/token */
  tokenUrl: string
}

export interface HubeeSiCredentials {
  clientId: string
  clientSecret: string
}

export interface PartnerHeaders {
  editorName?: string
  applicationName?: string
  softwareVersion?: string
}

/** HubEE answered, but not as hoped: a status and HubEE's own message. */
/**
 * The largest HubEE answer the kit reads (an attachment included): the form's files are a few hundred
 * kB; a larger one is refused (the case is reported `SI_INTG_ERROR`), never read whole.
 */
export const maxHubeeAnswerBytes = 20 * 1024 * 1024

export class HubeeApiError extends Error {
  constructor(
    readonly status: number,
    readonly hubeeMessage: string,
    readonly operation: string,
  ) {
    super(`HubEE ${operation} : ${status} ${hubeeMessage}`)
    this.name = 'HubeeApiError'
  }
  /** The credentials are refused (wrong secret, inactive subscription, scope not held). */
  get credentialsRefused(): boolean {
    return this.operation === 'token' && (this.status === 400 || this.status === 401)
  }
  /** HubEE itself is failing (5xx): try again later. */
  get unavailable(): boolean {
    return this.status >= 500
  }
}

function messageOf(answer: HttpAnswer): string {
  const body = jsonOf(answer)
  if (Value.Check(HubeeErrorBody, body))
    return body.errors.map((e) => e.message ?? String(e.code)).join(' ; ')
  if (body && typeof body === 'object' && 'error' in body) return String((body as { error: unknown }).error)
  return answer.bytes.toString('utf8').slice(0, 200)
}

export interface HubeeSiClientOptions extends HubeeEndpoints {
  credentials: HubeeSiCredentials
  partner?: PartnerHeaders
  timeoutMs?: number
  /** Attempts of an idempotent call (GET, DELETE) on a network error or a 5xx. Default 3. */
  attempts?: number
  /** First retry delay, doubled each time. Default 500 ms. */
  backoffMs?: number
}

/**
 * HubEE's receiving side (scope `SI`) for one subscription: one credential pair, its token cached until
 * it expires (refreshed once on a gateway 401 `900901`).
 */
export class HubeeSiClient {
  private readonly http: HttpClient
  private token: { value: string; expiresAt: number } | null = null
  private readonly base: string

  constructor(private readonly options: HubeeSiClientOptions) {
    this.http = new HttpClient('HubEE', options.timeoutMs ?? 30_000)
    this.base = `${options.apiUrl.replace(/\/$/, '')}/teledossiers/v1`
  }

  get clientId(): string {
    return this.options.credentials.clientId
  }

  private async accessToken(force = false): Promise<string> {
    if (!force && this.token && this.token.expiresAt > Date.now() + 30_000) return this.token.value
    const { clientId, clientSecret } = this.options.credentials
    const answer = await this.http.send({
      method: 'POST',
      url: this.options.tokenUrl,
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'SI' }).toString(),
    })
    if (answer.status !== 200) throw new HubeeApiError(answer.status, messageOf(answer), 'token')
    const body = expectShape(HubeeTokenAnswer, jsonOf(answer), 'jeton')
    this.token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 300) * 1000 }
    return body.access_token
  }

  private partnerHeaders(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(this.options.partner ?? {}))
      if (typeof v === 'string' && v) out[k] = v.slice(0, 50)
    return out
  }

  private async call(
    operation: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    json?: unknown,
    expected: number[] = [200],
  ): Promise<HttpAnswer> {
    const idempotent = method === 'GET' || method === 'DELETE'
    const attempts = idempotent ? (this.options.attempts ?? 3) : 1
    let delay = this.options.backoffMs ?? 500
    for (let attempt = 1; ; attempt++) {
      let answer: HttpAnswer
      try {
        answer = await this.once(method, path, json)
      } catch (error) {
        if (error instanceof UnreachableError && attempt < attempts) {
          await sleep(delay)
          delay *= 2
          continue
        }
        throw error
      }
      if (expected.includes(answer.status)) return answer
      if (answer.status >= 500 && attempt < attempts) {
        await sleep(delay)
        delay *= 2
        continue
      }
      throw new HubeeApiError(answer.status, messageOf(answer), operation)
    }
  }

  private async once(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, json?: unknown) {
    const send = async (token: string) =>
      this.http.send({
        method,
        url: `${this.base}${path}`,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json, application/octet-stream',
          ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...this.partnerHeaders(),
        },
        body: json !== undefined ? JSON.stringify(json) : undefined,
        // A malicious or broken HubEE cannot make the kit hold an endless answer (issue 21, L7).
        maxBytes: maxHubeeAnswerBytes,
      })
    let answer = await send(await this.accessToken())
    // An expired or revoked token (gateway code 900901): get a new one, once.
    if (answer.status === 401) answer = await send(await this.accessToken(true))
    return answer
  }

  /** The oldest notifications of the process (HubEE has no offset: handled ones are deleted). */
  async listNotifications(maxResult = 25): Promise<HubeeNotification[]> {
    const query = new URLSearchParams({ maxResult: String(maxResult), processCode: formulaireQf.processCode })
    const answer = await this.call('listNotification', 'GET', `/notifications?${query}`)
    return expectShape(HubeeNotifications, jsonOf(answer), 'notifications')
  }

  /** Deletes a notification; one already gone (404) counts as deleted. */
  async deleteNotification(id: string): Promise<void> {
    await this.call(
      'deleteNotification',
      'DELETE',
      `/notifications/${encodeURIComponent(id)}`,
      undefined,
      [204, 200, 404],
    )
  }

  async getCase(caseId: string): Promise<HubeeCase> {
    const answer = await this.call('getCaseById', 'GET', `/cases/${encodeURIComponent(caseId)}`)
    return expectShape(HubeeCase, jsonOf(answer), 'case')
  }

  /** The bytes and the `digest` header (SHA-256, base64) of one attachment of a case. */
  async downloadAttachment(
    caseId: string,
    attachmentId: string,
  ): Promise<{ bytes: Buffer; digest?: string }> {
    const answer = await this.call(
      'downloadCaseAttachmentById',
      'GET',
      `/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachmentId)}`,
    )
    return { bytes: answer.bytes, digest: header(answer, 'digest') }
  }

  async updateCaseStatus(caseId: string, status: SiCaseStatus): Promise<void> {
    await this.call('updateCase', 'PATCH', `/cases/${encodeURIComponent(caseId)}`, { status }, [204, 200])
  }

  async postStatusEvent(
    caseId: string,
    event: { author: string; caseCurrentStatus: string; caseNewStatus: SiCaseStatus; message?: string },
  ): Promise<void> {
    await this.call(
      'createEvent',
      'POST',
      `/cases/${encodeURIComponent(caseId)}/events`,
      {
        actionType: 'STATUS_UPDATE',
        author: event.author.slice(0, 255),
        notification: true,
        caseCurrentStatus: event.caseCurrentStatus,
        caseNewStatus: event.caseNewStatus,
        ...(event.message ? { message: event.message.slice(0, 1000) } : {}),
      },
      [201, 200],
    )
  }

  async getEvent(caseId: string, eventId: string): Promise<HubeeEvent> {
    const answer = await this.call(
      'getEventById',
      'GET',
      `/cases/${encodeURIComponent(caseId)}/events/${encodeURIComponent(eventId)}`,
    )
    return expectShape(HubeeEvent, jsonOf(answer), 'event')
  }

  async acknowledgeEvent(caseId: string, eventId: string): Promise<void> {
    await this.call(
      'updateEvent',
      'PATCH',
      `/cases/${encodeURIComponent(caseId)}/events/${encodeURIComponent(eventId)}`,
      { status: 'RECEIVED' },
      [204, 200],
    )
  }

  async close(): Promise<void> {
    await this.http.close()
  }
}
