import { resolve } from 'node:path'
import type { Config } from './config/load.js'
import { createDb } from './db/connection.js'
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
