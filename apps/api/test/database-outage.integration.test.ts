import { sql } from 'kysely'
import pg from 'pg'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problemTypes } from '@qf/contracts'
import { buildServer } from '../src/build-server.js'
import { buildTestServer, testConfig } from './helpers/app.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'
import { LogCapture } from './helpers/log-capture.js'
import { hostOf, TcpProxy } from './helpers/tcp-proxy.js'

// Issue 22, items 1 and 2: a Postgres restart (its backends terminated, its connections dropped) while
// statements are in flight must not kill the process; meanwhile /ready says 503, and requests that
// need the database answer 503 problem+json "momentanément indisponible" with Retry-After.
let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.drop()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await check()) return true
    await sleep(100)
  }
  return false
}

const readyStatus = async (server: FastifyInstance) =>
  (await server.inject({ method: 'GET', url: '/ready' })).statusCode

describe('a Postgres restart under traffic', () => {
  it('a statement in flight when its backend is terminated fails alone: the process lives on', async () => {
    if (!process.env.DATABASE_URL) return // pg_terminate_backend needs a real Postgres
    const server = await buildTestServer(database.url)
    const admin = new pg.Client({ connectionString: database.url })
    await admin.connect()
    try {
      // A statement and a transaction in flight on the API's pool (Kysely checks a client out for each).
      const settled = (p: Promise<unknown>) =>
        p.then(
          () => 'done',
          () => 'failed',
        )
      const statement = settled(sql`select pg_sleep(20)`.execute(server.db))
      const transaction = settled(
        server.db.transaction().execute(async (trx) => {
          await sql`select pg_sleep(20)`.execute(trx)
        }),
      )
      const inFlight = () =>
        admin.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where datname = current_database()
             and query like 'select pg_sleep(20)%' and pid <> pg_backend_pid()`,
        )
      expect(await until(async () => ((await inFlight()).rows[0]?.n ?? 0) >= 2, 5_000)).toBe(true)
      // What `pg_ctl restart -m fast` does to every backend (57P01), the job queue's included.
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()`,
      )
      expect(await statement).toBe('failed')
      expect(await transaction).toBe('failed')
      // The pg clients' late 'error' events come after the rejections: let them fire.
      await sleep(500)
      expect(await until(async () => (await readyStatus(server)) === 200, 10_000)).toBe(true)
      const res = await server.inject({ method: 'GET', url: '/api/v1/collectivities?q=Hauteluce' })
      expect(res.statusCode).toBe(200)
    } finally {
      await admin.end()
      await server.close()
    }
  }, 60_000)

  it('survives its connections dropped and refused, with workers, and recovers once Postgres is back', async () => {
    const proxy = await TcpProxy.start(hostOf(database.url))
    const url = proxy.rewrite(database.url)
    const logs = new LogCapture()
    const server = await buildServer(
      { config: testConfig(url, { LOG_LEVEL: 'info', RATE_LIMIT_MAX: '100000' }), databaseUrl: url },
      { logStream: logs },
    )
    await server.ready()
    let stop = false
    // Traffic: statements in flight at every moment of the outage.
    const traffic = (async () => {
      while (!stop) {
        await Promise.all(
          Array.from({ length: 5 }, () =>
            server.inject({ method: 'GET', url: '/api/v1/collectivities?q=Hauteluce' }),
          ),
        )
        // Injected requests answered without I/O (refused connections, 429s) would starve the timers.
        await sleep(20)
      }
    })()
    try {
      expect(await readyStatus(server)).toBe(200)
      await sleep(300)
      await proxy.cut()
      await sleep(200)
      expect(await readyStatus(server)).toBe(503)
      // Item 2: what needs the database says "momentanément indisponible, réessayez", not "support".
      for (const [method, url] of [
        ['GET', '/api/v1/collectivities?q=Hauteluce'],
        ['POST', '/api/v1/sessions'],
        ['GET', '/api/v1/submissions/7KQ4MXD9HTCW3'],
      ] as const) {
        const res = await server.inject({
          method,
          url,
          ...(method === 'POST' ? { payload: { siret: '21040107100019' } } : {}),
        })
        expect(res.statusCode, url).toBe(503)
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
        expect(res.headers['retry-after']).toMatch(/^\d+$/)
        expect(res.headers['cache-control']).toContain('no-store')
        const body = res.json<{ type: string; detail: string }>()
        expect(body.type).toBe(problemTypes.unavailable)
        expect(body.detail).toMatch(/momentanément indisponible/)
        expect(body.detail).not.toMatch(/support/)
      }
      await sleep(2_000)
      expect(await readyStatus(server)).toBe(503)
      await proxy.restore()
      stop = true
      await traffic
      expect(await until(async () => (await readyStatus(server)) === 200, 10_000)).toBe(true)
      const res = await server.inject({ method: 'GET', url: '/api/v1/collectivities?q=Hauteluce' })
      expect(res.statusCode).toBe(200)
      // An outage is not a bug: no "unhandled error" line, a warning per request instead.
      expect(logs.lines.filter((l) => l.msg === 'unhandled error')).toEqual([])
      expect(logs.lines.some((l) => l.msg === 'database unavailable' && l.level === 40)).toBe(true)
    } finally {
      stop = true
      await traffic
      await server.close()
      await proxy.close()
    }
  }, 60_000)
})
