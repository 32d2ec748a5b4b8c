import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { isIP, type LookupFunction } from 'node:net'
import { Agent, errors, request } from 'undici'
import { webhookAddressAllowed, type WebhookAddressPolicy } from '../../lib/url-policy.js'
import type {
  WebhookFailureCode,
  WebhookPostResult,
  WebhookTransport,
} from '../../ports/webhook-transport.js'

export interface UndiciWebhookTransportOptions {
  /** Connect, headers and body timeout of one attempt, in ms. */
  timeoutMs: number
  /**
   * Which addresses a receiver may have, checked on the address the name resolves to at connection
   * time (not only on the URL when it was registered): a name that later resolves to 127.0.0.1,
   * 169.254.169.254 or 10.x (DNS rebinding) is refused. Production: public addresses only.
   */
  addressPolicy: WebhookAddressPolicy
  /** The resolver (default `dns.lookup`). */
  lookup?: LookupFunction
  userAgent: string
}

const addressRefusedCode = 'EQF_ADDRESS_REFUSED'

class AddressRefusedError extends Error {
  readonly code = addressRefusedCode
  constructor() {
    super('webhook receiver resolves to a local or private address')
  }
}

/** `lookup` wrapped so that an answer the policy refuses fails the connection. */
function guardedLookup(lookup: LookupFunction, policy: WebhookAddressPolicy): LookupFunction {
  return (hostname, options: LookupOptions, callback) => {
    lookup(hostname, options, (err, address: string | LookupAddress[], family?: number) => {
      if (err) return callback(err, '', 0)
      const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address]
      if (addresses.length === 0 || addresses.some((a) => !webhookAddressAllowed(a, hostname, policy)))
        return callback(Object.assign(new AddressRefusedError(), { errno: 0, syscall: 'lookup' }), '', 0)
      if (Array.isArray(address)) return (callback as (e: null, a: LookupAddress[]) => void)(null, address)
      return callback(null, address, family ?? (isIP(address) === 6 ? 6 : 4))
    })
  }
}

function codeOf(error: unknown): WebhookFailureCode {
  let e: unknown = error
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code
    const name = (e as { name?: unknown }).name
    if (code === addressRefusedCode) return 'address_refused'
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns'
    if (
      e instanceof errors.ConnectTimeoutError ||
      e instanceof errors.HeadersTimeoutError ||
      e instanceof errors.BodyTimeoutError ||
      name === 'TimeoutError' ||
      name === 'AbortError' ||
      code === 'ETIMEDOUT'
    )
      return 'timeout'
    e = (e as { cause?: unknown }).cause
  }
  return 'network'
}

/** The WebhookTransport over undici: its own agent (closed with the app), redirects never followed. */
export class UndiciWebhookTransport implements WebhookTransport {
  private readonly agent: Agent

  constructor(private readonly options: UndiciWebhookTransportOptions) {
    const lookup = options.lookup ?? (dnsLookup as LookupFunction)
    this.agent = new Agent({
      connect: {
        timeout: options.timeoutMs,
        lookup: guardedLookup(lookup, options.addressPolicy),
      },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      keepAliveTimeout: 1_000,
      connections: 4,
    })
  }

  async post(req: {
    url: string
    body: string
    headers: Record<string, string>
  }): Promise<WebhookPostResult> {
    const url = new URL(req.url)
    // An IP literal is connected to without any lookup: check it here.
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
    if (isIP(host) !== 0 && !webhookAddressAllowed(host, url.hostname, this.options.addressPolicy))
      return { failure: 'address_refused' }
    try {
      const res = await request(url, {
        method: 'POST',
        dispatcher: this.agent,
        body: req.body,
        headers: { 'user-agent': this.options.userAgent, ...req.headers },
        signal: AbortSignal.timeout(this.options.timeoutMs * 2),
      })
      // The receiver's answer is never read into memory, logged nor stored.
      await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined)
      return { status: res.statusCode }
    } catch (error) {
      return { failure: codeOf(error) }
    }
  }

  async close(): Promise<void> {
    await this.agent.close()
  }
}
