import { randomBytes } from 'node:crypto'
import pg from 'pg'

export interface TestDatabase {
  url: string
  drop(): Promise<void>
}

/** How to bring a database to the schema under test (the API's migrations), and an embedded fallback. */
export interface DatabaseSetup {
  migrate(url: string): Promise<unknown>
  /** An in-memory Postgres for machines without DATABASE_URL. */
  startEmbedded(): Promise<{ url: string; stop(): Promise<void> }>
}

/**
 * A database of its own for one test file: a fresh database on the Postgres named by DATABASE_URL
 * (the real server in CI), or a fresh in-memory embedded PGlite when DATABASE_URL is unset (or
 * `embedded` is asked).
 * Migrated to latest; dropped afterwards so no state outlives the run.
 */
export async function createTestDatabase(
  setup: DatabaseSetup,
  options: { /** An embedded PGlite even when DATABASE_URL names a server. */ embedded?: boolean } = {},
): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL
  if (!base || options.embedded) {
    const embedded = await setup.startEmbedded()
    await setup.migrate(embedded.url)
    return { url: embedded.url, drop: () => embedded.stop() }
  }
  const name = `qf_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(base)
  url.pathname = `/${name}`
  await setup.migrate(url.toString())
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}
