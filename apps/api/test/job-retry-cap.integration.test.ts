import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgBossJobQueue } from '../src/adapters/pg-boss/pg-boss-job-queue.js'
import { retryLimitFor } from '../src/modules/submissions/index.js'
import { defineJob } from '../src/ports/job-queue.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'

// Issue 22, item 4: pg-boss's backoff doubles without bound (delay × 2^n): with the default 60 s, the
// 10th retry came ≈ 25 h after the submission, past the 24 h horizon. `retry.maxDelay` caps the wait.
let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.drop()
})

describe('the backoff cap', () => {
  it('retries after at most maxDelay seconds, whatever the doubling says', async () => {
    const runs: number[] = []
    const queue = new PgBossJobQueue({
      connectionString: database.url,
      schema: 'pgboss',
      graceMs: 1_000,
      onError: () => undefined,
    })
    await queue.start(
      [
        defineJob({
          name: 'capped-probe',
          // Uncapped, the first retry would wait 10 minutes or more.
          retry: { limit: 3, delay: 600, backoff: true, maxDelay: 2 },
          async handler() {
            runs.push(Date.now())
            if (runs.length === 1) throw new Error('first attempt fails')
          },
        }),
      ],
      { work: true },
    )
    try {
      await queue.send('capped-probe', {})
      const end = Date.now() + 45_000
      while (runs.length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 200))
      expect(runs).toHaveLength(2)
      expect(runs[1]! - runs[0]!).toBeLessThan(15_000)
    } finally {
      await queue.stop()
    }
  }, 90_000)

  it('retryNow brings the waiting retries of a queue forward', async () => {
    const runs: number[] = []
    const queue = new PgBossJobQueue({
      connectionString: database.url,
      schema: 'pgboss',
      graceMs: 1_000,
      onError: () => undefined,
    })
    await queue.start(
      [
        defineJob({
          name: 'waiting-probe',
          retry: { limit: 3, delay: 3600, backoff: false },
          async handler() {
            runs.push(Date.now())
            if (runs.length === 1) throw new Error('first attempt fails')
          },
        }),
      ],
      { work: true },
    )
    try {
      await queue.send('waiting-probe', {})
      const wait = async (n: number, ms: number) => {
        const end = Date.now() + ms
        while (runs.length < n && Date.now() < end) await new Promise((r) => setTimeout(r, 200))
      }
      await wait(1, 30_000)
      expect(runs).toHaveLength(1)
      // Its retry waits an hour; the hub answers again: now.
      let brought = 0
      const end = Date.now() + 10_000
      while (brought === 0 && Date.now() < end) brought = await queue.retryNow('waiting-probe')
      expect(brought).toBe(1)
      await wait(2, 15_000)
      expect(runs).toHaveLength(2)
    } finally {
      await queue.stop()
    }
  }, 90_000)

  it('derives a retry limit whose capped backoff still covers the horizon', () => {
    const horizonS = 24 * 3600
    const limit = retryLimitFor(horizonS * 1000, 60, 900)
    // 60, 120, 240, 480, then 900 s each: the shortest cumulated wait reaches the horizon.
    let waited = 0
    for (let n = 0; n < limit; n++) waited += Math.min(60 * 2 ** n, 900)
    expect(waited).toBeGreaterThanOrEqual(horizonS)
    expect(waited - 900).toBeLessThan(horizonS + 900)
  })
})
