import { Agent, request, errors as undiciErrors } from 'undici'
import type { IdentityPivotInput } from '@qf/contracts'
import {
  civilityParameters,
  type IdentityLookupOptions,
  type QuotientFamilialProvider,
  type QuotientFamilialResult,
} from '../../ports/quotient-familial-provider.js'
import { failureKindFor, isRetryable, providerErrorMessage } from './errors.js'
import { toQuotientFamilial } from './mapping.js'

/** Default overall budget of one QF lookup, retries included (the login callback waits for it). */
export const API_PARTICULIER_DEADLINE_MS = 20_000

export interface HttpApiParticulierOptions {
  /** Base URL, e.g. https://particulier.api.gouv.fr (no trailing slash). */
  baseUrl: string
  timeoutMs: number
  /** Attempts for a provider-side failure (5xx, timeout, reset). Default 3. */
  maxAttempts?: number
  /** First backoff delay when the provider gives none. Default 500 ms, doubled each time. */
  backoffMs?: number
  /** Longest wait honoured from `Retry-After` / `meta.retry_in`. Default 10 s (the FranceConnect token lives 60 s). */
  maxDelayMs?: number
  /** Overall budget of one call, retries included (the callback must answer well within its timeout). Default 20 s. */
  deadlineMs?: number
  userAgent?: string
}

interface Attempt {
  status: number | null
  body: unknown
  retryAfterMs: number | null
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function firstError(body: unknown): {
  code: string | null
  retryIn: number | null
  providerCode: string | null
} {
  const e = (
    body as {
      errors?: { code?: unknown; meta?: { retry_in?: unknown; provider_error_code?: unknown } }[]
    } | null
  )?.errors?.[0]
  const retryIn = typeof e?.meta?.retry_in === 'number' ? e.meta.retry_in : null
  const forwarded = e?.meta?.provider_error_code
  const providerCode =
    typeof forwarded === 'number' || (typeof forwarded === 'string' && /^\w{1,20}$/.test(forwarded))
      ? String(forwarded)
      : null
  return { code: typeof e?.code === 'string' ? e.code : null, retryIn, providerCode }
}

/**
 * API Particulier v3 over HTTP (undici): the QF with the citizen's FranceConnect token, or with the
 * collectivity's own token from the identity pivot. Identity parameters travel in the query string,
 * as API Particulier requires: nothing here logs a URL.
 */
export class HttpApiParticulier implements QuotientFamilialProvider {
  private readonly agent: Agent
  private readonly maxAttempts: number
  private readonly backoffMs: number
  private readonly maxDelayMs: number

  constructor(private readonly options: HttpApiParticulierOptions) {
    this.agent = new Agent({ keepAliveTimeout: 10_000, connections: 32 })
    this.maxAttempts = options.maxAttempts ?? 3
    this.backoffMs = options.backoffMs ?? 500
    this.maxDelayMs = options.maxDelayMs ?? 10_000
  }

  async byFranceConnectToken(accessToken: string, recipient: string): Promise<QuotientFamilialResult> {
    const url = new URL(`${this.options.baseUrl}/v3/dss/quotient_familial/france_connect`)
    url.searchParams.set('recipient', recipient)
    return this.fetchQuotientFamilial(url, accessToken)
  }

  async byIdentity(
    collectivityToken: string,
    recipient: string,
    identity: IdentityPivotInput,
    options: IdentityLookupOptions = {},
  ): Promise<QuotientFamilialResult> {
    const url = new URL(`${this.options.baseUrl}/v3/dss/quotient_familial/identite`)
    url.searchParams.set('recipient', recipient)
    for (const [name, value] of civilityParameters(identity)) url.searchParams.append(name, value)
    if (options.delegationId) url.searchParams.set('delegation_id', options.delegationId)
    return this.fetchQuotientFamilial(url, collectivityToken)
  }

  private async fetchQuotientFamilial(url: URL, accessToken: string): Promise<QuotientFamilialResult> {
    let last: Attempt = { status: null, body: null, retryAfterMs: null }
    const deadline = Date.now() + (this.options.deadlineMs ?? API_PARTICULIER_DEADLINE_MS)
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      last = await this.get(url, accessToken, deadline - Date.now())
      if (last.status === 200) {
        const data = (last.body as { data?: unknown } | null)?.data
        const quotientFamilial = toQuotientFamilial(data)
        if (quotientFamilial) return { ok: true, quotientFamilial, raw: data as Record<string, unknown> }
        // Answers are masked per the habilitation's scopes: no `quotient_familial` key means the
        // collectivity may not read it (as a 403 00100 would say), not a broken answer.
        const masked = typeof data === 'object' && data !== null && !('quotient_familial' in data)
        return {
          ok: false,
          kind: masked ? 'scope_missing' : 'provider_error',
          providerCode: null,
          status: 200,
          retryAfterSeconds: null,
        }
      }
      if (last.status !== null && !isRetryable(last.status)) break
      if (attempt < this.maxAttempts) {
        const wait = Math.min(last.retryAfterMs ?? this.backoffMs * 2 ** (attempt - 1), this.maxDelayMs)
        if (Date.now() + wait >= deadline) break
        await sleep(wait)
      }
    }
    const { code, providerCode } = firstError(last.body)
    return {
      ok: false,
      kind: last.status === null ? 'provider_unavailable' : failureKindFor(last.status, code),
      providerCode: code,
      ...(providerCode
        ? { providerErrorCode: providerCode, providerMessage: providerErrorMessage(providerCode) }
        : {}),
      status: last.status,
      retryAfterSeconds: last.retryAfterMs === null ? null : Math.ceil(last.retryAfterMs / 1000),
    }
  }

  private async get(url: URL, accessToken: string, remainingMs: number): Promise<Attempt> {
    const timeout = Math.max(1, Math.min(this.options.timeoutMs, remainingMs))
    try {
      const res = await request(url, {
        method: 'GET',
        dispatcher: this.agent,
        headers: {
          authorization: `Bearer ${accessToken}`,
          accept: 'application/json',
          'user-agent': this.options.userAgent ?? 'formulaire-qf',
        },
        headersTimeout: timeout,
        bodyTimeout: timeout,
      })
      const text = await res.body.text()
      let body: unknown = null
      try {
        body = text ? JSON.parse(text) : null
      } catch {
        body = null
      }
      const header = res.headers['retry-after']
      const retryAfter = Number(Array.isArray(header) ? header[0] : header)
      const { retryIn } = firstError(body)
      const retryAfterMs =
        Number.isFinite(retryAfter) && retryAfter >= 0
          ? retryAfter * 1000
          : retryIn !== null
            ? retryIn * 1000
            : null
      return { status: res.statusCode, body, retryAfterMs }
    } catch (err) {
      if (err instanceof undiciErrors.UndiciError || (err as NodeJS.ErrnoException).code) {
        return { status: null, body: null, retryAfterMs: null }
      }
      throw err
    }
  }

  async close(): Promise<void> {
    await this.agent.close()
  }
}
