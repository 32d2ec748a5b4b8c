import { Agent, request, errors as undiciErrors } from 'undici'
import { type Clock, systemClock } from '../../ports/clock.js'
import {
  accessModeFor,
  type FormulaireQfSubscriptionRequest,
  formulaireQfProcessCode,
  type HubeeOrganization,
  type HubeeOrganizationInput,
  type HubeeReferential,
  type HubeeReferentialFailure,
  type HubeeReferentialResult,
  type HubeeSubscription,
  hubeeOrganizationId,
  subscriptionMatches,
} from '../../ports/hubee-referential.js'

export interface UndiciHubeeReferentialOptions {
  /** HubEE API base, e.g. `https://api.hubee.numerique.gouv.fr` (the referential is under `/referential/v1`). */
  apiUrl: string
  /** OAuth2 token endpoint, e.g. `https://auth.hubee.numerique.gouv.fr/oauth2/token`. */
  tokenUrl: string
  /** The referential administrator client. */
  clientId: string
  clientSecret: string
  /** The OAuth2 scope it asks for: `ADMIN`, or `DATAPASS` (HubEE's scope for DataPass-driven onboarding). */
  scope?: 'ADMIN' | 'DATAPASS'
  timeoutMs: number
  clock?: Clock
  /** Sent as HubEE's optional `applicationName` / `softwareVersion` headers (≤ 50 characters). */
  applicationName?: string
  softwareVersion?: string
}

interface Answer {
  status: number
  body: unknown
}

type Failure = Extract<HubeeReferentialResult<never>, { ok: false }>

class HubeeCallFailed extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message ?? failure.failure)
  }
}

const fail = (failure: HubeeReferentialFailure, status: number | null, message: string | null): never => {
  throw new HubeeCallFailed({ ok: false, failure, status, message })
}

const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

/** `{"errors":[{"code","message"}]}` → its first message. */
function errorMessage(body: unknown): string | null {
  const errors = record(body).errors
  return Array.isArray(errors) ? str(record(errors[0]).message) : null
}

/** A HubEE `Subscription` → the domain's view. */
function toSubscription(body: unknown): HubeeSubscription | null {
  const s = record(body)
  const subscriber = record(s.subscriber)
  const id = str(s.id)
  const siret = str(subscriber.companyRegister)
  const cog = str(subscriber.branchCode)
  if (!id || !siret || !cog) return null
  const accessMode = s.accessMode === 'API' || s.accessMode === 'PORTAIL' ? s.accessMode : null
  const delegation = record(s.delegationActor)
  return {
    id,
    siret,
    cog,
    status: str(s.status) ?? 'Inactif',
    accessMode,
    editorSiret: delegation.type === 'EDT' ? str(delegation.companyRegister) : null,
  }
}

function toOrganization(body: unknown): HubeeOrganization | null {
  const o = record(body)
  const siret = str(o.companyRegister)
  const cog = str(o.branchCode)
  if (!siret || !cog) return null
  return {
    id: hubeeOrganizationId(siret, cog),
    siret,
    cog,
    name: str(o.name) ?? '',
    status: str(o.status) ?? '',
  }
}

/** The body of `POST /subscriptions` and `PUT /subscriptions/{id}` for an active `FormulaireQF` subscription. */
function subscriptionBody(request: FormulaireQfSubscriptionRequest, nowIso: string, status: string) {
  const { editor } = request
  return {
    datapassId: request.datapassId,
    processCode: formulaireQfProcessCode,
    subscriber: { type: 'SI', companyRegister: request.siret, branchCode: request.cog },
    accessMode: accessModeFor(request),
    notificationFrequency: 'unitaire',
    validateDateTime: nowIso,
    updateDateTime: nowIso,
    delegationActor: editor
      ? {
          type: 'EDT',
          companyRegister: editor.siret,
          name: editor.name,
          ...(editor.email ? { email: editor.email } : {}),
        }
      : null,
    // Created `Inactif`: HubEE activates a FormulaireQF subscription by hand (since July 2026); an
    // update keeps the status HubEE holds.
    status,
    email: request.localAdministrator.email,
    localAdministrator: request.localAdministrator,
  }
}

/**
 * HubEE's referential (`/referential/v1`) over HTTP (undici), with the ADMIN client: OAuth2 client
 * credentials (HTTP Basic, `scope=ADMIN`), the token cached until shortly before it expires and
 * fetched again once when the gateway answers 401 (revoked or expired early).
 * 5xx / timeout / reset → `unavailable`; 401 after a fresh token, 403 → `rejected`; 400 → `invalid`.
 */
export class UndiciHubeeReferential implements HubeeReferential {
  private readonly agent = new Agent({ keepAliveTimeout: 10_000, connections: 8 })
  private readonly clock: Clock
  private token: { value: string; expiresAt: number } | null = null
  /** Access tokens obtained so far (observability; tests check the cache). */
  tokenRequests = 0

  constructor(private readonly options: UndiciHubeeReferentialOptions) {
    this.clock = options.clock ?? systemClock
  }

  async ensureOrganization(
    input: HubeeOrganizationInput,
  ): Promise<HubeeReferentialResult<HubeeOrganization & { created: boolean }>> {
    return this.run(async () => {
      const existing = await this.getOrganization(input.siret, input.cog)
      if (existing) return { ...existing, created: false }
      const created = await this.call('POST', '/organizations', {
        type: 'SI',
        companyRegister: input.siret,
        branchCode: input.cog,
        name: input.name,
        code: null,
        country: 'France',
        postalCode: input.postalCode,
        territory: input.territory,
        email: input.email,
        phoneNumber: input.phoneNumber ?? null,
        status: 'Actif',
      })
      if (created.status === 201 || created.status === 200) {
        const organization = toOrganization(created.body)
        if (organization) return { ...organization, created: true }
      }
      // Created meanwhile by someone else (`Organization SI-… already exists`): read it back.
      const raced = await this.getOrganization(input.siret, input.cog)
      if (raced) return { ...raced, created: false }
      return this.unexpected(created)
    })
  }

  async ensureFormulaireQfSubscription(
    request: FormulaireQfSubscriptionRequest,
  ): Promise<HubeeReferentialResult<HubeeSubscription & { changed: boolean }>> {
    return this.run(async () => {
      const nowIso = this.clock.now().toISOString()
      let existing = await this.getSubscription(request.siret, request.cog)
      if (existing && subscriptionMatches(existing, request)) return { ...existing, changed: false }
      if (!existing) {
        const created = await this.call(
          'POST',
          '/subscriptions',
          subscriptionBody(request, nowIso, 'Inactif'),
        )
        const subscription =
          created.status === 201 || created.status === 200 ? toSubscription(created.body) : null
        if (subscription && subscriptionMatches(subscription, request))
          return { ...subscription, changed: true }
        existing = subscription ?? (await this.getSubscription(request.siret, request.cog))
        if (!existing) return this.unexpected(created)
        if (subscriptionMatches(existing, request)) return { ...existing, changed: false }
      }
      const updated = await this.call(
        'PUT',
        `/subscriptions/${encodeURIComponent(existing.id)}`,
        subscriptionBody(request, nowIso, existing.status),
      )
      const subscription = updated.status === 200 ? toSubscription(updated.body) : null
      if (!subscription) return this.unexpected(updated)
      return { ...subscription, changed: true }
    })
  }

  async findFormulaireQfSubscription(
    siret: string,
    cog: string,
  ): Promise<HubeeReferentialResult<HubeeSubscription | null>> {
    return this.run(() => this.getSubscription(siret, cog))
  }

  private async getOrganization(siret: string, cog: string): Promise<HubeeOrganization | null> {
    const answer = await this.call(
      'GET',
      `/organizations/${encodeURIComponent(hubeeOrganizationId(siret, cog))}`,
    )
    if (answer.status === 404) return null
    if (answer.status !== 200) return this.unexpected(answer)
    return toOrganization(answer.body) ?? this.unexpected(answer)
  }

  private async getSubscription(siret: string, cog: string): Promise<HubeeSubscription | null> {
    const query = new URLSearchParams({ processCode: formulaireQfProcessCode, companyRegister: siret })
    const answer = await this.call('GET', `/subscriptions?${query}`)
    if (answer.status !== 200 || !Array.isArray(answer.body)) return this.unexpected(answer)
    const mine = answer.body.map(toSubscription).filter((s): s is HubeeSubscription => s?.cog === cog)
    return mine.find((s) => s.status === 'Actif') ?? mine[0] ?? null
  }

  private unexpected(answer: Answer): never {
    const message = errorMessage(answer.body)
    if (answer.status === 400 || answer.status === 404) return fail('invalid', answer.status, message)
    if (answer.status === 401 || answer.status === 403) return fail('rejected', answer.status, message)
    return fail('unavailable', answer.status, message)
  }

  private async run<T>(body: () => Promise<T>): Promise<HubeeReferentialResult<T>> {
    try {
      return { ok: true, value: await body() }
    } catch (err) {
      if (err instanceof HubeeCallFailed) return err.failure
      throw err
    }
  }

  /** One referential call with the cached token; on 401, one retry with a fresh token. */
  private async call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<Answer> {
    const first = await this.send(method, path, await this.accessToken(false), body)
    if (first.status !== 401) return this.checked(first)
    return this.checked(await this.send(method, path, await this.accessToken(true), body))
  }

  private checked(answer: Answer): Answer {
    if (answer.status >= 500) fail('unavailable', answer.status, errorMessage(answer.body))
    if (answer.status === 401 || answer.status === 403)
      fail('rejected', answer.status, errorMessage(answer.body))
    return answer
  }

  private async accessToken(forceRefresh: boolean): Promise<string> {
    const now = this.clock.now().getTime()
    if (!forceRefresh && this.token && now < this.token.expiresAt) return this.token.value
    this.token = null
    const basic = Buffer.from(
      `${encodeURIComponent(this.options.clientId)}:${encodeURIComponent(this.options.clientSecret)}`,
    ).toString('base64')
    const answer = await this.http(this.options.tokenUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: this.options.scope ?? 'ADMIN',
      }).toString(),
    })
    this.tokenRequests += 1
    const token = record(answer.body)
    const value = str(token.access_token)
    if (answer.status !== 200 || !value) {
      if (answer.status >= 500) return fail('unavailable', answer.status, str(token.error_description))
      return fail('rejected', answer.status, str(token.error_description) ?? str(token.error))
    }
    const expiresIn = typeof token.expires_in === 'number' ? token.expires_in : 300
    // Renew a little before the end so a token never expires between check and use.
    this.token = { value, expiresAt: now + Math.max(0, expiresIn - 30) * 1000 }
    return value
  }

  private send(method: string, path: string, token: string, body?: unknown): Promise<Answer> {
    return this.http(`${this.options.apiUrl}/referential/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.options.applicationName ? { applicationName: this.options.applicationName } : {}),
        ...(this.options.softwareVersion ? { softwareVersion: this.options.softwareVersion } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  }

  private async http(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string | undefined },
  ): Promise<Answer> {
    try {
      const res = await request(url, {
        method: init.method as 'GET',
        headers: init.headers,
        body: init.body,
        dispatcher: this.agent,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      })
      const text = await res.body.text()
      let parsed: unknown = null
      try {
        parsed = text ? JSON.parse(text) : null
      } catch {
        parsed = null
      }
      return { status: res.statusCode, body: parsed }
    } catch (err) {
      if (err instanceof undiciErrors.UndiciError || (err as NodeJS.ErrnoException).code)
        return fail('unavailable', null, 'HubEE unreachable')
      throw err
    }
  }

  async close(): Promise<void> {
    await this.agent.close()
  }
}
