/** Why an attempt got no HTTP answer (stable codes, logged and shown to admins). */
export type WebhookFailureCode =
  /** No answer within the timeout (connect, headers or body). */
  | 'timeout'
  /** Connection refused or reset, TLS failure, unreadable answer. */
  | 'network'
  /** The name does not resolve. */
  | 'dns'
  /** The name resolved to a loopback, private or link-local address while those are refused (DNS rebinding). */
  | 'address_refused'

export type WebhookPostResult = { status: number } | { failure: WebhookFailureCode }

export interface WebhookPostRequest {
  url: string
  /** The raw body, exactly the bytes that were signed. */
  body: string
  headers: Record<string, string>
}

/**
 * Posts one webhook to a receiver: one attempt, no redirect followed, a short timeout. Resolves
 * with the HTTP status whatever it is (the caller decides: 2xx = delivered) or a failure code;
 * never logs or returns the receiver's body.
 */
export interface WebhookTransport {
  post(request: WebhookPostRequest): Promise<WebhookPostResult>
}
