import { Kysely, PostgresDialect, type Transaction } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.js'

export type Db = Kysely<Database>
/** What a repository function runs on: the database, or a transaction on it. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>

// Return timestamps as Date, bigint counts as number (our counts stay far below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10))

export function createDb(connectionString: string, poolMax: number): Db {
  const pool = new pg.Pool({
    connectionString,
    max: poolMax,
    idleTimeoutMillis: 10_000,
    // A Postgres that does not answer (a failover in progress) fails the request instead of hanging it.
    connectionTimeoutMillis: 5_000,
  })
  // A broken idle connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined)
  // Nor a broken checked-out one: pg-pool removes its idle listener while a client is checked out
  // (Kysely checks one out for every statement and transaction), and a pg Client whose socket ends
  // emits 'error' even after it rejected its query. Without a listener, a Postgres restart with a
  // statement in flight was an unhandled 'error' event: the process died (issue 22, item 1). The
  // query itself rejects; pg-pool drops the dead client when it is released.
  pool.on('connect', (client) => {
    client.on('error', () => undefined)
  })
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}

/** Node's codes of a connection that could not be made or was lost. */
const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
])
/** SQLSTATEs of a server that is restarting, shutting down, or refusing connections for now. */
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300'])
/** What pg and pg-pool say when a connection ends, times out or is not queryable any more. */
const connectionMessages =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/

/**
 * Whether an error means "the database cannot be reached right now" (down, restarting, failing over,
 * out of connections) rather than a bug or a bad statement: the request may be retried later.
 * Follows `cause` and the errors of an AggregateError (Node's multi-address connect).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') {
    if (connectionCodes.has(code) || unavailableStates.has(code) || code.startsWith('08')) return true
  }
  if (connectionMessages.test(error.message)) return true
  if (error instanceof AggregateError && error.errors.some((e) => isDatabaseUnavailable(e, depth + 1)))
    return true
  return isDatabaseUnavailable(error.cause, depth + 1)
}
