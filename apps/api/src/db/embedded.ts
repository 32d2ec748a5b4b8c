import { mkdir, open, readFile, unlink } from 'node:fs/promises'
import { dirname } from 'node:path'
import { createServer, type Socket } from 'node:net'
import type { PGlite } from '@electric-sql/pglite'

export interface EmbeddedPostgres {
  url: string
  stop(): Promise<void>
}

const SSL_REQUEST = 80877103
const GSSENC_REQUEST = 80877104
const CANCEL_REQUEST = 80877102
const PROTOCOL_3 = 196608
const TERMINATE = 0x58 // 'X'
const READY_FOR_QUERY = 0x5a // 'Z'
const IDLE = 0x49 // 'I': ReadyForQuery status outside any transaction
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4])

/**
 * Who holds the one PGlite session. PGlite is a single Postgres backend: the messages of two
 * client connections must never interleave inside one unit of work. A connection takes the session
 * with its first message and keeps it until PGlite answers ReadyForQuery "idle" (the end of a
 * simple query, of an extended-protocol sequence closed by Sync, or of a whole transaction): the
 * transaction pooling of pgbouncer, in process. The others wait in arrival order.
 */
class SessionLock {
  private owner: Connection | undefined
  private readonly waiting: { conn: Connection; grant: () => void }[] = []

  holds(conn: Connection) {
    return this.owner === conn
  }

  async acquire(conn: Connection): Promise<void> {
    if (this.owner === conn) return
    if (!this.owner) {
      this.owner = conn
      return
    }
    await new Promise<void>((grant) => this.waiting.push({ conn, grant }))
  }

  release(conn: Connection) {
    if (this.owner !== conn) return
    const next = this.waiting.shift()
    this.owner = next?.conn
    next?.grant()
  }

  /** A closed connection gives up its place in the line. */
  forget(conn: Connection) {
    const i = this.waiting.findIndex((w) => w.conn === conn)
    if (i >= 0) this.waiting.splice(i, 1)
  }
}

/** One client connection: frames its messages and runs them on PGlite while holding the session. */
class Connection {
  private buffer = Buffer.alloc(0)
  private chain: Promise<void> = Promise.resolve()
  private closed = false
  private started = false

  constructor(
    private readonly socket: Socket,
    private readonly db: PGlite,
    private readonly lock: SessionLock,
  ) {
    socket.setNoDelay(true)
    socket.on('data', (data) => {
      this.buffer = Buffer.concat([this.buffer, data])
      this.chain = this.chain.then(() => this.drain())
    })
    socket.on('error', () => socket.destroy())
    socket.on('close', () => {
      this.closed = true
      this.chain = this.chain.then(() => this.abandon())
    })
  }

  /** The next complete message in the buffer, or undefined. */
  private next(): Buffer | undefined {
    if (!this.started) {
      // Startup phase: untyped messages (length, then a code).
      if (this.buffer.length < 8) return undefined
      const length = this.buffer.readInt32BE(0)
      if (this.buffer.length < length) return undefined
      return this.take(length)
    }
    if (this.buffer.length < 5) return undefined
    const length = 1 + this.buffer.readInt32BE(1)
    if (this.buffer.length < length) return undefined
    return this.take(length)
  }

  private take(length: number): Buffer {
    const message = this.buffer.subarray(0, length)
    this.buffer = this.buffer.subarray(length)
    return message
  }

  private async drain(): Promise<void> {
    for (let message = this.next(); message && !this.closed; message = this.next()) {
      if (!this.started) {
        const code = message.readInt32BE(4)
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.socket.write('N')
          continue
        }
        if (code === CANCEL_REQUEST) continue // no backend process to signal
        if (code === PROTOCOL_3) this.started = true
      } else if (message[0] === TERMINATE) {
        this.socket.end()
        return
      }
      await this.run(message)
    }
  }

  private async run(message: Uint8Array): Promise<void> {
    await this.lock.acquire(this)
    // Gone while waiting its turn: run nothing; abandon() hands the session on.
    if (this.closed) return
    let tail = Buffer.alloc(0)
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(message, {
          onRawData: (data) => {
            if (!this.closed) this.socket.write(data)
            tail = Buffer.concat([tail, data]).subarray(-6)
          },
        }),
      )
    } catch {
      this.socket.destroy()
      return
    }
    const readyIdle = tail.length === 6 && tail[0] === READY_FOR_QUERY && tail[5] === IDLE
    if (readyIdle) this.lock.release(this)
  }

  /** The client went away: end what it left open, then hand the session over. */
  private async abandon(): Promise<void> {
    this.lock.forget(this)
    if (!this.lock.holds(this)) return
    try {
      await this.db.runExclusive(async () => {
        await this.db.execProtocolRaw(SYNC)
        if (this.db.isInTransaction()) await this.db.execProtocolRaw(simpleQuery('ROLLBACK'))
      })
    } catch {
      // The database is closing: nothing left to end.
    } finally {
      this.lock.release(this)
    }
  }
}

function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8')
  const message = Buffer.alloc(5 + text.length)
  message[0] = 0x51 // 'Q'
  message.writeInt32BE(4 + text.length, 1)
  text.copy(message, 5)
  return message
}

/** Another live process holds the embedded database's files. */
export class EmbeddedDatabaseInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
    readonly lockFile: string,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${ownerPid} (lock file ${lockFile}). ` +
        'Only one process may open it: stop that one first (npm run demo, the API, the CLI), or use ' +
        `DATABASE_URL. If no such process is running any more, delete ${lockFile}.`,
    )
    this.name = 'EmbeddedDatabaseInUseError'
  }
}

/** Whether a process with this pid is alive (EPERM: alive, someone else's). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes `<dataDir>.lock` for this process, as `postmaster.pid` does for a Postgres data directory:
 * created exclusively with our pid; an existing lock of a live process refuses us; one of a dead
 * process (kill -9, crash) is taken over. PGlite itself takes no lock, and two processes on the same
 * files corrupt them (the next unclean stop leaves a database that never opens again). Returns the
 * release.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = `${dataDir}.lock`
  await mkdir(dirname(lockFile), { recursive: true })
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(lockFile, 'wx')
      await handle.writeFile(`${process.pid}\n`)
      await handle.close()
      return async () => {
        const owner = await readFile(lockFile, 'utf8').catch(() => '')
        if (owner.trim() === String(process.pid)) await unlink(lockFile).catch(() => undefined)
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10)
    if (Number.isInteger(owner) && owner > 0 && isAlive(owner))
      throw new EmbeddedDatabaseInUseError(dataDir, owner, lockFile)
    // Left by a process that is gone (or half-written): take it over.
    await unlink(lockFile).catch(() => undefined)
  }
  throw new Error(`could not take the lock ${lockFile}`)
}

/**
 * An in-process Postgres (PGlite) served over the wire protocol on 127.0.0.1, so that `pg`,
 * Kysely and pg-boss use it exactly as they use a real server. Any number of client connections
 * share its one session, one unit of work at a time (see SessionLock and ADR 0011). For the demo
 * and machines without Postgres only: production sets DATABASE_URL. `dataDir` undefined keeps
 * everything in memory; a `dataDir` is locked for this process until `stop()` (see lockDataDir).
 */
export async function startEmbeddedPostgres(
  options: { dataDir?: string; port?: number } = {},
): Promise<EmbeddedPostgres> {
  const unlock = options.dataDir ? await lockDataDir(options.dataDir) : async () => undefined
  let db: PGlite
  try {
    if (options.dataDir) await mkdir(options.dataDir, { recursive: true })
    // Loaded only when asked for: a server on DATABASE_URL never pays for the WASM Postgres (boot, RSS).
    const { PGlite } = await import('@electric-sql/pglite')
    db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {})
  } catch (error) {
    await unlock()
    throw error
  }
  const lock = new SessionLock()
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    new Connection(socket, db, lock)
  })
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
    })
  } catch (error) {
    await db.close()
    await unlock()
    throw error
  }
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      await closed
      await db.close()
      await unlock()
    },
  }
}
