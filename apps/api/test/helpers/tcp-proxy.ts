import { createServer, connect, type Server, type Socket } from 'node:net'
import { freePort } from '@qf/testing'

/**
 * A TCP relay in front of a real server (Postgres), on a port of its own, that a test can cut: every
 * open connection is destroyed and new ones are refused (ECONNREFUSED), as when Postgres restarts or
 * fails over; `restore()` listens again on the same port.
 */
export class TcpProxy {
  private server: Server | undefined
  private readonly sockets = new Set<Socket>()

  private constructor(
    readonly port: number,
    private readonly upstream: { host: string; port: number },
  ) {}

  /** A relay to `upstream`, listening (`listening: false`: created down, as a database not up yet). */
  static async start(upstream: { host: string; port: number }, { listening = true } = {}) {
    const proxy = new TcpProxy(await freePort(), upstream)
    if (listening) await proxy.restore()
    return proxy
  }

  /** `url` with its host and port replaced by the relay's. */
  rewrite(url: string): string {
    const u = new URL(url)
    u.hostname = '127.0.0.1'
    u.port = String(this.port)
    return u.toString()
  }

  async restore(): Promise<void> {
    if (this.server) return
    const server = createServer((client) => {
      const upstream = connect(this.upstream.port, this.upstream.host)
      for (const s of [client, upstream]) {
        this.sockets.add(s)
        s.on('close', () => this.sockets.delete(s))
        s.on('error', () => undefined)
      }
      client.pipe(upstream)
      upstream.pipe(client)
      client.on('close', () => upstream.destroy())
      upstream.on('close', () => client.destroy())
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, '127.0.0.1', () => resolve())
    })
    this.server = server
  }

  /** Drops every connection and refuses new ones until `restore()`. */
  async cut(): Promise<void> {
    const server = this.server
    this.server = undefined
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : undefined
    for (const s of this.sockets) s.destroy()
    await closed
  }

  close = () => this.cut()
}

/** Host and port of a `postgres://` URL. */
export const hostOf = (url: string) => {
  const u = new URL(url)
  return { host: u.hostname, port: Number(u.port || 5432) }
}
