import { Kysely, PostgresDialect, type Transaction } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.js'

export type Db = Kysely<Database>
/** What a repository function runs on: the database, or a transaction on it. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>

// Return timestamps as Date, bigint counts as number (our counts stay far below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10))

export function createDb(connectionString: string, poolMax: number): Db {
  const pool = new pg.Pool({ connectionString, max: poolMax, idleTimeoutMillis: 10_000 })
  // A broken idle connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined)
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}
