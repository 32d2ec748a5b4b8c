import { Agent, request, errors as undiciErrors } from 'undici'

/** An HTTP answer read whole (the kit's exchanges are small: JSON and attachments of a few hundred kB). */
export interface HttpAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  bytes: Buffer
}

export interface HttpCall {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  url: string
  headers?: Record<string, string>
  body?: string | Buffer
  timeoutMs?: number
  /** Refuse an answer longer than this (read chunk by chunk, the connection closed at the cap). */
  maxBytes?: number
}

/** The answer was longer than the caller's `maxBytes`: reading stopped there. */
export class BodyTooLargeError extends Error {
  constructor(
    readonly system: string,
    readonly maxBytes: number,
  ) {
    super(`${system} : réponse de plus de ${maxBytes} octets refusée`)
    this.name = 'BodyTooLargeError'
  }
}

/** The remote system could not be reached (DNS, refused, reset, timeout): nothing was answered. */
export class UnreachableError extends Error {
  constructor(
    readonly system: string,
    cause: unknown,
  ) {
    // The message names the system only: URLs may carry identities (API Particulier's query string).
    super(`${system} injoignable (${describeCause(cause)})`)
    this.name = 'UnreachableError'
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof undiciErrors.HeadersTimeoutError || cause instanceof undiciErrors.BodyTimeoutError)
    return 'délai dépassé'
  const code = (cause as NodeJS.ErrnoException | null)?.code
  return typeof code === 'string' ? code : 'erreur réseau'
}

/** One undici agent per client, so `close()` releases the sockets. */
export class HttpClient {
  private readonly agent = new Agent({ keepAliveTimeout: 10_000, connections: 16 })

  constructor(
    private readonly system: string,
    private readonly defaultTimeoutMs = 30_000,
  ) {}

  async send(call: HttpCall): Promise<HttpAnswer> {
    const timeout = call.timeoutMs ?? this.defaultTimeoutMs
    try {
      const res = await request(call.url, {
        method: call.method,
        headers: call.headers,
        body: call.body,
        dispatcher: this.agent,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      })
      const max = call.maxBytes
      if (max === undefined) {
        const bytes = Buffer.from(await res.body.arrayBuffer())
        return { status: res.statusCode, headers: res.headers, bytes }
      }
      const declared = Number(res.headers['content-length'])
      if (Number.isFinite(declared) && declared > max) {
        res.body.destroy()
        throw new BodyTooLargeError(this.system, max)
      }
      const chunks: Buffer[] = []
      let length = 0
      for await (const chunk of res.body) {
        const piece = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array)
        length += piece.length
        if (length > max) {
          res.body.destroy()
          throw new BodyTooLargeError(this.system, max)
        }
        chunks.push(piece)
      }
      return { status: res.statusCode, headers: res.headers, bytes: Buffer.concat(chunks) }
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw error
      if (
        error instanceof undiciErrors.UndiciError ||
        typeof (error as NodeJS.ErrnoException)?.code === 'string'
      )
        throw new UnreachableError(this.system, error)
      throw error
    }
  }

  async close(): Promise<void> {
    await this.agent.close()
  }
}

export function header(answer: HttpAnswer, name: string): string | undefined {
  const value = answer.headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}

/** Parses a JSON body; undefined when empty or not JSON. */
export function jsonOf(answer: HttpAnswer): unknown {
  if (answer.bytes.length === 0) return undefined
  try {
    return JSON.parse(answer.bytes.toString('utf8'))
  } catch {
    return undefined
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
