// A counting TCP proxy in front of Postgres (bench calibration only): parses the frontend side of the
// wire protocol and records every statement a client executes (`Q` simple queries, `E` executes of
// the extended protocol, with the text of the statement they run) and every round trip (`Q`, `S`
// sync), labelled with the step the driver says it is in. Lets the bench count the API's statements
// per journey step without touching the API, and check that the floor runs the same ones.
import { createConnection, createServer, type Server, type Socket } from 'node:net'

export interface CountedStatement {
  step: string
  sql: string
}

export class PgCounter {
  /** The step the driver is in (statements outside any step are labelled `background`). */
  step: string | null = null
  readonly statements: CountedStatement[] = []
  roundTrips = new Map<string, number>()
  private server: Server | undefined
  private readonly sockets = new Set<Socket>()

  constructor(private readonly target: { host: string; port: number }) {}

  async listen(): Promise<number> {
    this.server = createServer((client) => this.pipe(client))
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    const address = this.server.address()
    return typeof address === 'object' && address ? address.port : 0
  }

  reset() {
    this.statements.length = 0
    this.roundTrips.clear()
  }

  private label() {
    return this.step ?? 'background'
  }

  private pipe(client: Socket) {
    const upstream = createConnection(this.target)
    this.sockets.add(client).add(upstream)
    const prepared = new Map<string, string>()
    let unnamed = ''
    let bound = ''
    let buffer = Buffer.alloc(0)
    let started = false
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk)
      buffer = Buffer.concat([buffer, chunk])
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return
          const length = buffer.readInt32BE(0)
          if (buffer.length < length) return
          const code = buffer.readInt32BE(4)
          buffer = buffer.subarray(length)
          // SSLRequest / GSSENCRequest come before the real startup message.
          if (code !== 80877103 && code !== 80877104) started = true
          continue
        }
        if (buffer.length < 5) return
        const type = String.fromCharCode(buffer[0] ?? 0)
        const length = buffer.readInt32BE(1)
        if (buffer.length < 1 + length) return
        const body = buffer.subarray(5, 1 + length)
        buffer = buffer.subarray(1 + length)
        if (type === 'Q') {
          this.record(body.toString('utf8', 0, body.indexOf(0)))
          this.trip()
        } else if (type === 'P') {
          const nameEnd = body.indexOf(0)
          const name = body.toString('utf8', 0, nameEnd)
          const text = body.toString('utf8', nameEnd + 1, body.indexOf(0, nameEnd + 1))
          if (name) prepared.set(name, text)
          else unnamed = text
        } else if (type === 'B') {
          const portalEnd = body.indexOf(0)
          const statement = body.toString('utf8', portalEnd + 1, body.indexOf(0, portalEnd + 1))
          bound = statement ? (prepared.get(statement) ?? statement) : unnamed
        } else if (type === 'E') {
          this.record(bound)
        } else if (type === 'S') {
          this.trip()
        }
      }
    })
    upstream.on('data', (chunk) => client.write(chunk))
    const end = () => {
      client.destroy()
      upstream.destroy()
      this.sockets.delete(client)
      this.sockets.delete(upstream)
    }
    client.on('close', end).on('error', end)
    upstream.on('close', end).on('error', end)
  }

  private record(sql: string) {
    this.statements.push({ step: this.label(), sql: sql.replace(/\s+/g, ' ').trim() })
  }

  private trip() {
    const step = this.label()
    this.roundTrips.set(step, (this.roundTrips.get(step) ?? 0) + 1)
  }

  /** Statements per step (background excluded). */
  countByStep(): Map<string, number> {
    const counts = new Map<string, number>()
    for (const s of this.statements)
      if (s.step !== 'background') counts.set(s.step, (counts.get(s.step) ?? 0) + 1)
    return counts
  }

  async close() {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }
}
