import { resolve } from 'node:path'
import type { Config } from './config/load.js'
import pg from 'pg'
import { createDb, isDatabaseUnavailable } from './db/connection.js'
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded.js'
import { migrateToLatest } from './db/migrator.js'

/** The database the process runs on: the configured server, or an embedded PGlite it started. */
export interface OpenedDatabase {
  url: string
  embedded: EmbeddedPostgres | undefined
}

/** The configured database, or an embedded PGlite kept under EMBEDDED_DATABASE_DIR. */
export async function openDatabase(config: Config): Promise<OpenedDatabase> {
  if (config.database.url) return { url: config.database.url, embedded: undefined }
  const embedded = await startEmbeddedPostgres({ dataDir: resolve(config.database.embeddedDir) })
  return { url: embedded.url, embedded }
}

/** Runs the migrations on their own short-lived connection. */
export async function migrate(url: string): Promise<string[]> {
  const db = createDb(url, 1)
  try {
    return await migrateToLatest(db)
  } finally {
    await db.destroy()
  }
}

/** Pino-compatible. */
export interface BootLog {
  warn(fields: Record<string, unknown>, message: string): void
  info(fields: Record<string, unknown>, message: string): void
}

const errorCode = (error: unknown) =>
  error instanceof Error ? ((error as { code?: unknown }).code ?? error.message) : String(error)

/**
 * Waits for the database to accept a connection: a supervisor (compose, Kubernetes) may start the API
 * before Postgres, or restart it while Postgres is still down. Retries an unreachable server every
 * 1 s, then 2 s… (at most 5 s) for `waitMs`, one log line per attempt; any other error (bad password,
 * unknown database) and the end of the wait throw at once.
 */
export async function waitForDatabase(
  url: string,
  {
    waitMs,
    log,
    sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
  }: {
    waitMs: number
    log: BootLog
    sleep?: (ms: number) => Promise<unknown>
  },
): Promise<void> {
  const started = Date.now()
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
    client.on('error', () => undefined)
    try {
      await client.connect()
      await client.query('select 1')
      if (attempt > 1) log.info({ attempt }, 'database reachable')
      return
    } catch (error) {
      const waited = Date.now() - started
      if (!isDatabaseUnavailable(error)) throw error
      if (waited >= waitMs)
        throw new Error(
          `database not reachable after ${Math.round(waited / 1000)} s (${String(errorCode(error))}); ` +
            'is Postgres running, and DATABASE_URL right? (DATABASE_WAIT_SECONDS sets the wait)',
          { cause: error },
        )
      const delay = Math.min(1_000 * attempt, 5_000, Math.max(waitMs - waited, 100))
      log.warn(
        { attempt, code: errorCode(error), waitedSeconds: Math.round(waited / 1000), retryInMs: delay },
        'database not reachable yet: retrying',
      )
      await sleep(delay)
    } finally {
      await client.end().catch(() => undefined)
    }
  }
}
