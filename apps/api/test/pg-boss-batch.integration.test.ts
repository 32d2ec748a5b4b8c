import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgBossJobQueue } from '../src/adapters/pg-boss/pg-boss-job-queue.js'
import { createDb, type Db } from '../src/db/connection.js'
import { jobSchema } from '../src/plugins/jobs.js'
import { defineJob } from '../src/ports/job-queue.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'

// Issue 13: an event-driven queue is worked by batches run concurrently; a job that throws is failed
// on its own (retried as itself), the others of its batch complete.
let database: TestDatabase
let db: Db
let queue: PgBossJobQueue

beforeAll(async () => {
  database = await createTestDatabase()
  db = createDb(database.url, 2)
  queue = new PgBossJobQueue({
    connectionString: database.url,
    schema: jobSchema,
    graceMs: 1_000,
    onError: () => undefined,
  })
})
afterAll(async () => {
  await queue?.stop()
  await db?.destroy()
  await database?.drop()
})

describe('PgBossJobQueue: batches of an event-driven queue', () => {
  it('runs the jobs of a batch concurrently and fails only the one that threw', async () => {
    const name = 'test-batch-failure'
    const seen: number[] = []
    let running = 0
    let overlap = 0
    const job = defineJob<{ n: number }>({
      name,
      retry: { limit: 0, delay: 1, backoff: false },
      async handler({ n }) {
        running++
        overlap = Math.max(overlap, running)
        await new Promise((r) => setTimeout(r, 50))
        running--
        seen.push(n)
        if (n === 2) throw new Error('job 2 fails')
      },
    })
    await queue.start([job], { work: false })
    for (const n of [1, 2, 3, 4]) await queue.send(name, { n })
    await queue.stop()
    await queue.start([job], { work: true })
    const states = async () =>
      (
        await sql<{ n: number; state: string }>`
          select (data->>'n')::int as n, state::text as state from ${sql.id(jobSchema, 'job')}
          where name = ${name} order by 1`.execute(db)
      ).rows
    for (let i = 0; i < 200; i++) {
      const rows = await states()
      if (rows.every((r) => r.state === 'completed' || r.state === 'failed')) break
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(await states()).toEqual([
      { n: 1, state: 'completed' },
      { n: 2, state: 'failed' },
      { n: 3, state: 'completed' },
      { n: 4, state: 'completed' },
    ])
    expect(seen.sort()).toEqual([1, 2, 3, 4])
    expect(overlap).toBeGreaterThan(1)
  })
})
