import pg from 'pg'
import PgBoss from 'pg-boss'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/db/embedded.js'

// Issue 7, item 4: the embedded PGlite has one session; concurrent client connections (the API's
// pool, pg-boss's pool) must never see each other's statements, parameters or transactions.
let embedded: EmbeddedPostgres
let pool: pg.Pool

beforeAll(async () => {
  embedded = await startEmbeddedPostgres()
  pool = new pg.Pool({ connectionString: embedded.url, max: 10 })
})
afterAll(async () => {
  await pool?.end()
  await embedded?.stop()
})

describe('embedded PGlite under concurrent connections', () => {
  it('each extended-protocol query runs with its own parameters', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const params = i % 2 ? [i, `v${i}`] : [i]
        const text = i % 2 ? 'select $1::int as n, $2::text as s' : 'select $1::int as n, null::text as s'
        const { rows } = await pool.query<{ n: number; s: string | null }>(text, params)
        return { i, row: rows[0] }
      }),
    )
    for (const { i, row } of results) expect(row).toEqual({ n: i, s: i % 2 ? `v${i}` : null })
  })

  it('a transaction is isolated from the other connections until it ends', async () => {
    await pool.query('create table t (id int primary key, owner text not null)')
    const writers = Array.from({ length: 12 }, async (_, w) => {
      const client = await pool.connect()
      try {
        await client.query('begin')
        for (let k = 0; k < 5; k++)
          await client.query('insert into t (id, owner) values ($1, $2)', [w * 100 + k, `w${w}`])
        if (w % 3 === 0) await client.query('rollback')
        else await client.query('commit')
      } finally {
        client.release()
      }
    })
    const readers = Array.from({ length: 12 }, async () => {
      const { rows } = await pool.query<{ owner: string; n: number }>(
        'select owner, count(*)::int as n from t group by owner',
      )
      // A reader never sees half a transaction: 5 rows per writer or none.
      for (const r of rows) expect(r.n).toBe(5)
    })
    await Promise.all([...writers, ...readers])
    const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from t')
    expect(rows[0]?.n).toBe(8 * 5)
  })

  it('a client that disconnects inside a transaction leaves nothing open', async () => {
    const client = new pg.Client({ connectionString: embedded.url })
    await client.connect()
    await client.query('begin')
    await client.query('insert into t (id, owner) values (9999, $1)', ['gone'])
    await client.end()
    const { rows } = await pool.query<{ n: number }>("select count(*)::int as n from t where owner = 'gone'")
    expect(rows[0]?.n).toBe(0)
  })

  it('pg-boss works beside the pool', async () => {
    const boss = new PgBoss({ connectionString: embedded.url, schema: 'pgboss', max: 4 })
    boss.on('error', () => undefined)
    await boss.start()
    try {
      await boss.createQueue('probe')
      const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => boss.send('probe', { i })))
      const parallel = Promise.all(
        Array.from({ length: 50 }, (_, i) => pool.query('select $1::int as n', [i])),
      )
      const jobs = await boss.fetch<{ i: number }>('probe', { batchSize: 10 })
      await parallel
      expect(jobs.map((j) => j.id).sort()).toEqual([...ids].sort())
      await boss.complete(
        'probe',
        jobs.map((j) => j.id),
      )
    } finally {
      await boss.stop({ graceful: false, wait: true })
    }
  })
})
