import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One scripted answer: a status with a JSON (or text) body, a reset connection, or no answer at all. */
export type ScriptedAnswer =
  { status: number; body?: unknown; headers?: Record<string, string> } | 'reset' | 'hang'

export interface ReceivedRequest {
  method: string
  url: URL
  headers: IncomingHttpHeaders
}

/**
 * A tiny local HTTP server answering from a script (one answer per request, the last one repeated),
 * recording the requests: stands for an outside API whose failures a test chooses.
 */
export class ScriptedServer {
  readonly requests: ReceivedRequest[] = []
  private script: ScriptedAnswer[] = []
  private readonly hanging = new Set<ServerResponse>()
  private readonly server: Server = createServer((req, res) =>
    this.answer(req.method ?? 'GET', req.url ?? '/', req.headers, res),
  )
  private port = 0

  private constructor() {}

  static async start(): Promise<ScriptedServer> {
    const scripted = new ScriptedServer()
    scripted.port = await new Promise<number>((resolve, reject) => {
      scripted.server.once('error', reject)
      scripted.server.listen(0, '127.0.0.1', () => resolve((scripted.server.address() as AddressInfo).port))
    })
    return scripted
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** The answers to give, in order; the last one is repeated. Clears the recorded requests. */
  answers(...script: ScriptedAnswer[]): this {
    this.script = script
    this.requests.length = 0
    return this
  }

  private answer(method: string, path: string, headers: IncomingHttpHeaders, res: ServerResponse) {
    this.requests.push({ method, url: new URL(path, this.url), headers })
    const next = this.script[Math.min(this.requests.length - 1, this.script.length - 1)] ?? { status: 500 }
    if (next === 'reset') {
      res.socket?.destroy()
      return
    }
    if (next === 'hang') {
      this.hanging.add(res)
      return
    }
    const text =
      typeof next.body === 'string' ? next.body : next.body === undefined ? '' : JSON.stringify(next.body)
    const type = typeof next.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json'
    res.writeHead(next.status, { 'content-type': type, ...next.headers })
    res.end(text)
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.socket?.destroy()
    await new Promise<void>((resolve) => {
      this.server.closeAllConnections()
      this.server.close(() => resolve())
    })
  }
}
