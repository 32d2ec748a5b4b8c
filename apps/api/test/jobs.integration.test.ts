import { retryLimitFor } from '../src/modules/submissions/index.js'
import { randomUUID } from 'node:crypto'
import { DrivenClock } from '@qf/testing'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgBossJobQueue } from '../src/adapters/pg-boss/pg-boss-job-queue.js'
import { createDb, type Db } from '../src/db/connection.js'
import { SealedBox } from '../src/lib/sealed-box.js'
import { journeyJobs, PURGE_SESSIONS_JOB } from '../src/modules/journey/index.js'
import { sessionRepository } from '../src/modules/journey/repository.js'
import { jobSchema } from '../src/plugins/jobs.js'
import { defineJob } from '../src/ports/job-queue.js'
import { buildTestServer } from './helpers/app.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'

let database: TestDatabase
let db: Db

beforeAll(async () => {
  database = await createTestDatabase()
  db = createDb(database.url, 2)
})
afterAll(async () => {
  await db?.destroy()
  await database?.drop()
})

const queued = async (name: string) => {
  const { rows } = await sql<{ data: { n: number } }>`
    select data from ${sql.id(jobSchema, 'job')} where name = ${name} order by created_on`.execute(db)
  return rows.map((r) => r.data.n)
}

class Rollback extends Error {}

describe('JobQueue on pg-boss: enqueue in the caller’s transaction', () => {
  const name = 'test-enqueue-in-transaction'
  const received: { n: number }[] = []
  let ran: () => void = () => undefined
  const job = defineJob<{ n: number }>({
    name,
    retry: { limit: 2, delay: 1, backoff: true },
    async handler(data) {
      received.push(data)
      ran()
    },
  })
  let queue: PgBossJobQueue

  beforeAll(async () => {
    queue = new PgBossJobQueue({
      connectionString: database.url,
      schema: jobSchema,
      graceMs: 1_000,
      onError: () => undefined,
    })
    await queue.start([job], { work: false })
  })
  afterAll(async () => {
    await queue?.stop()
  })

  it('a job sent in a transaction that rolls back is not enqueued', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await queue.send(name, { n: 1 }, {}, { trx })
        throw new Rollback()
      }),
    ).rejects.toBeInstanceOf(Rollback)
    expect(await queued(name)).toEqual([])
  })

  it('a job sent in a transaction is invisible until it commits, then enqueued', async () => {
    await db.transaction().execute(async (trx) => {
      await queue.send(name, { n: 2 }, {}, { trx })
      expect(await queued(name)).toEqual([]) // another connection does not see it yet
    })
    expect(await queued(name)).toEqual([2])
  })

  it('a committed job is worked by its declared handler', async () => {
    const done = new Promise<void>((resolve) => (ran = resolve))
    const worker = new PgBossJobQueue({
      connectionString: database.url,
      schema: jobSchema,
      graceMs: 1_000,
      onError: () => undefined,
    })
    await worker.start([job], { work: true })
    try {
      await done
      expect(received).toEqual([{ n: 2 }])
    } finally {
      await worker.stop()
    }
  })
})

describe('the session purge job', () => {
  const box = new SealedBox(Buffer.alloc(32, 7))
  const clock = new DrivenClock()
  const log = { info: () => undefined }

  it('is declared every 5 minutes, without retry (the next tick does the work)', () => {
    const [purge] = journeyJobs({ db, box, clock }, log)
    expect(purge).toMatchObject({
      name: PURGE_SESSIONS_JOB,
      schedule: '*/5 * * * *',
      retry: { limit: 0 },
    })
  })

  it('deletes the sessions idle past their expiry (driven clock), and only those', async () => {
    const sessions = sessionRepository(db, box)
    const now = clock.now()
    const soon = { id: randomUUID(), expiresAt: new Date(now.getTime() + 10 * 60_000) }
    const later = { id: randomUUID(), expiresAt: new Date(now.getTime() + 60 * 60_000) }
    for (const s of [soon, later])
      await sessions.insert(
        {
          ...s,
          secretHash: randomUUID(),
          siret: '21040107100019',
          externalId: null,
          redirectUri: null,
          frontendUrl: null,
          loginTicket: { hash: randomUUID(), expiresAt: s.expiresAt },
        },
        now,
      )
    const [purge] = journeyJobs({ db, box, clock }, log)
    if (!purge) throw new Error('no purge job')
    await purge.handler({}, { id: 'j1', name: purge.name })
    expect(await sessions.findBy('id', soon.id)).toBeDefined()

    clock.advance(30 * 60_000)
    await purge.handler({}, { id: 'j2', name: purge.name })
    expect(await sessions.findBy('id', soon.id)).toBeUndefined()
    expect(await sessions.findBy('id', later.id)).toBeDefined()
  })

  it('is registered by the app: its queue with its retry policy, and its schedule', async () => {
    const server = await buildTestServer(database.url)
    try {
      const { rows: queues } = await sql<{ retry_limit: number }>`
        select retry_limit from ${sql.id(jobSchema, 'queue')} where name = ${PURGE_SESSIONS_JOB}`.execute(db)
      expect(queues).toEqual([{ retry_limit: 0 }])
      const { rows: schedules } = await sql<{ cron: string }>`
        select cron from ${sql.id(jobSchema, 'schedule')} where name = ${PURGE_SESSIONS_JOB}`.execute(db)
      expect(schedules).toEqual([{ cron: '*/5 * * * *' }])
    } finally {
      await server.close()
    }
  })
})

describe('the submissions jobs', () => {
  it('are registered with their retry policies and schedules (the status sync from STATUS_SYNC_CRON)', async () => {
    const server = await buildTestServer(database.url, {
      STATUS_SYNC_CRON: '*/7 * * * *',
      DELIVERY_RETRY_DELAY_SECONDS: '30',
      DELIVERY_HORIZON_HOURS: '24',
    })
    try {
      const { rows: queues } = await sql<{
        name: string
        retry_limit: number
        retry_delay: number
        retry_backoff: boolean
      }>`select name, retry_limit, retry_delay, retry_backoff from ${sql.id(jobSchema, 'queue')}
        where name in ('deliver-submission', 'sync-submission-statuses', 'fail-overdue-deliveries', 'purge-submissions')
        order by name`.execute(db)
      expect(queues).toEqual([
        {
          name: 'deliver-submission',
          // 30 s doubled up to the cap of 15 min (30 × 32 = 960 → 900 s), then 900 s each time.
          retry_limit: retryLimitFor(24 * 3600 * 1000, 30, 900),
          retry_delay: 30,
          retry_backoff: true,
        },
        { name: 'fail-overdue-deliveries', retry_limit: 0, retry_delay: 0, retry_backoff: false },
        { name: 'purge-submissions', retry_limit: 0, retry_delay: 0, retry_backoff: false },
        { name: 'sync-submission-statuses', retry_limit: 0, retry_delay: 0, retry_backoff: false },
      ])
      // The shortest cumulated capped backoff (no jitter) reaches the horizon.
      let waited = 0
      for (let n = 0; n < retryLimitFor(24 * 3600 * 1000, 30, 900); n++) waited += Math.min(30 * 2 ** n, 900)
      expect(waited).toBeGreaterThanOrEqual(24 * 3600)
      const { rows: schedules } = await sql<{ name: string; cron: string }>`
        select name, cron from ${sql.id(jobSchema, 'schedule')}
        where name in ('sync-submission-statuses', 'fail-overdue-deliveries', 'purge-submissions')
        order by name`.execute(db)
      expect(schedules).toEqual([
        { name: 'fail-overdue-deliveries', cron: '*/5 * * * *' },
        { name: 'purge-submissions', cron: '17 * * * *' },
        { name: 'sync-submission-statuses', cron: '*/7 * * * *' },
      ])
    } finally {
      await server.close()
    }
  })
})
