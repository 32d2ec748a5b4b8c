import { CompiledQuery } from 'kysely'
import pg from 'pg'
import PgBoss from 'pg-boss'
import type { DbOrTrx } from '../../db/connection.js'
import type { JobDefinition, JobQueue, SendOptions } from '../../ports/job-queue.js'

export interface PgBossJobQueueOptions {
  connectionString: string
  /** Postgres schema of pg-boss's tables. */
  schema: string
  /** How long `stop` lets running jobs finish. */
  graceMs: number
  onError(err: Error): void
  /**
   * Re-queue at once the running jobs of a worker that died (see `Leases`). Needs a real Postgres:
   * the embedded PGlite has one session for every connection, so a lock would never look free.
   */
  reclaimStranded?: boolean
  /** Called with the jobs re-queued from a dead worker. */
  onReclaimed?(jobs: { id: string; name: string }[]): void
}

/** How often a worker looks for stranded jobs, and how old an active job must be to be considered. */
const RECLAIM_INTERVAL_MS = 10_000
const RECLAIM_MIN_AGE_SECONDS = 5

/**
 * Which jobs this process is running, as Postgres sees it: one session-level advisory lock per running
 * job (key: `hashtextextended(job id, 0)`) on a connection of its own. When the process dies (kill -9,
 * OOM, a crash) its connection closes and Postgres releases the locks; an active job whose lock any
 * other session can take is stranded, and is re-queued at once instead of waiting for pg-boss's
 * expiry (`expireIn`, then its maintenance interval: 4–7 minutes for a delivery). If the connection
 * is lost while the process lives (a Postgres restart), its jobs may be re-queued while they run: the
 * handlers are idempotent (ADR 0013's compare-and-set for deliveries).
 */
class Leases {
  private client: pg.Client | undefined
  private connecting: Promise<pg.Client> | undefined
  private readonly held = new Set<string>()

  constructor(private readonly connectionString: string) {}

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client
    this.connecting ??= (async () => {
      const client = new pg.Client({
        connectionString: this.connectionString,
        application_name: 'qf-job-leases',
        connectionTimeoutMillis: 5_000,
      })
      client.on('error', () => {
        if (this.client === client) this.client = undefined
      })
      client.on('end', () => {
        if (this.client === client) this.client = undefined
      })
      await client.connect()
      // A new session holds nothing: take the locks of the jobs still running here.
      for (const id of this.held) await client.query(tryLock, [id])
      this.client = client
      return client
    })().finally(() => {
      this.connecting = undefined
    })
    return this.connecting
  }

  /** Never throws: without its lease a job still runs (it may then be re-queued beside itself). */
  async take(id: string): Promise<void> {
    this.held.add(id)
    try {
      await (await this.connection()).query(tryLock, [id])
    } catch {
      // Postgres unreachable: the next take() reconnects and re-takes every held lock.
    }
  }

  async release(id: string): Promise<void> {
    this.held.delete(id)
    await this.client
      ?.query('select pg_advisory_unlock(hashtextextended($1, 0))', [id])
      .catch(() => undefined)
  }

  async close(): Promise<void> {
    const client = this.client
    this.client = undefined
    await client?.end().catch(() => undefined)
  }
}

const tryLock = 'select pg_try_advisory_lock(hashtextextended($1, 0))'

/** pg-boss speaks to the caller's Kysely connection (its transaction) through this wrapper. */
const onConnection = (db: DbOrTrx): PgBoss.Db => ({
  executeSql: async (text, values) => {
    const result = await db.executeQuery(CompiledQuery.raw(text, values))
    return { rows: [...result.rows] }
  },
})

const queueOptions = (job: JobDefinition): Omit<PgBoss.Queue, 'name'> => ({
  retryLimit: job.retry.limit,
  retryDelay: job.retry.delay,
  retryBackoff: job.retry.backoff,
  ...(job.expireIn !== undefined ? { expireInSeconds: job.expireIn } : {}),
  ...(job.retention !== undefined ? { retentionSeconds: job.retention } : {}),
})

/** Jobs of an event-driven queue fetched (and run concurrently) at once by a worker. */
const eventBatch = 16

/**
 * The JobQueue on pg-boss 10 (Postgres): retries with backoff, cron schedules (one instance
 * enqueues each tick), safe with several API instances. `send({ trx })` inserts the job through the
 * caller's transaction.
 */
export class PgBossJobQueue implements JobQueue {
  private readonly boss: PgBoss
  private started = false
  private readonly leases: Leases | undefined
  private reclaimTimer: NodeJS.Timeout | undefined

  constructor(private readonly options: PgBossJobQueueOptions) {
    this.boss = new PgBoss({ connectionString: options.connectionString, schema: options.schema, max: 4 })
    this.boss.on('error', options.onError)
    this.leases = options.reclaimStranded ? new Leases(options.connectionString) : undefined
  }

  /** Fails a job (pg-boss schedules its retry), then caps the wait at the policy's `maxDelay`. */
  private async failed(job: JobDefinition, id: string, reason: unknown): Promise<void> {
    await this.boss.fail(job.name, id, reason instanceof Error ? reason : new Error(String(reason)))
    if (job.retry.maxDelay === undefined) return
    await this.boss.getDb().executeSql(
      `update ${this.options.schema}.job
          set start_after = least(start_after, now() + make_interval(secs => $3))
        where name = $1 and id = $2 and state = 'retry'`,
      [job.name, id, job.retry.maxDelay],
    )
  }

  /**
   * Re-queues (now, same retry count) the active jobs of these queues that no live session holds:
   * their worker died. The try-lock is transaction-scoped here, so it is released at once.
   */
  private async reclaim(queues: string[]): Promise<void> {
    const schema = this.options.schema
    const { rows } = await this.boss.getDb().executeSql(
      `update ${schema}.job set state = 'retry', start_after = now()
        where (name, id) in (
          select name, id from ${schema}.job
           where name = any($1) and state = 'active'
             and started_on < now() - make_interval(secs => $2)
             and pg_try_advisory_xact_lock(hashtextextended(id::text, 0))
        ) and state = 'active'
        returning id, name`,
      [queues, RECLAIM_MIN_AGE_SECONDS],
    )
    const jobs = rows.map((r: { id: string; name: string }) => ({ id: r.id, name: r.name }))
    if (jobs.length) this.options.onReclaimed?.(jobs)
  }

  async start(jobs: readonly JobDefinition[], { work }: { work: boolean }): Promise<void> {
    await this.boss.start()
    this.started = true
    for (const job of jobs) {
      const existing = await this.boss.getQueue(job.name)
      if (existing) await this.boss.updateQueue(job.name, { name: job.name, ...queueOptions(job) })
      else await this.boss.createQueue(job.name, { name: job.name, ...queueOptions(job) })
      if (job.schedule) await this.boss.schedule(job.name, job.schedule, {}, { tz: 'UTC' })
      else await this.boss.unschedule(job.name)
      if (!work) continue
      // pg-boss waits its polling interval after every fetch, even a fruitful one: with one job per
      // fetch every 2 s a queue drains at 0.5 job/s. Event-driven queues (no schedule: deliveries)
      // fetch up to `eventBatch` jobs every 0.5 s and run them concurrently; cron queues keep one.
      const options = job.schedule ? { batchSize: 1 } : { batchSize: eventBatch, pollingIntervalSeconds: 0.5 }
      await this.boss.work<object>(job.name, options, async (batch) => {
        const leases = this.leases
        if (leases) await Promise.all(batch.map((j) => leases.take(j.id)))
        const results = await Promise.allSettled(
          batch.map((j) => job.handler(j.data, { id: j.id, name: j.name })),
        )
        // pg-boss completes the batch's still-active jobs when this returns: each job whose handler
        // threw is failed first, on its own (its own retries and error), as a batch of one would be.
        await Promise.all(
          results.map((r, i) => {
            const failed = batch[i]
            return r.status === 'rejected' && failed ? this.failed(job, failed.id, r.reason) : null
          }),
        )
        if (leases) await Promise.all(batch.map((j) => leases.release(j.id)))
      })
    }
    // Event-driven queues only: a cron job's next tick does the same work anyway.
    const reclaimed = jobs.filter((j) => !j.schedule).map((j) => j.name)
    if (work && this.leases && reclaimed.length) {
      const tick = () => {
        this.reclaim(reclaimed).catch((err: unknown) => {
          if (err instanceof Error) this.options.onError(err)
        })
      }
      tick()
      this.reclaimTimer = setInterval(tick, RECLAIM_INTERVAL_MS)
      this.reclaimTimer.unref()
    }
  }

  async send<Data extends object>(
    name: string,
    data: Data,
    options: SendOptions = {},
    context: { trx?: DbOrTrx } = {},
  ): Promise<string | null> {
    return this.boss.send(name, data, {
      ...(options.startAfter !== undefined ? { startAfter: options.startAfter } : {}),
      ...(context.trx ? { db: onConnection(context.trx) } : {}),
    })
  }

  async retryNow(name: string): Promise<number> {
    const { rows } = await this.boss.getDb().executeSql(
      `update ${this.options.schema}.job set start_after = now()
        where name = $1 and state = 'retry' and start_after > now() returning id`,
      [name],
    )
    return rows.length
  }

  async isReady(): Promise<boolean> {
    return (await this.boss.isInstalled()).valueOf()
  }

  async stop(): Promise<void> {
    if (!this.started) return
    this.started = false
    clearInterval(this.reclaimTimer)
    await this.boss.stop({ graceful: true, timeout: this.options.graceMs, wait: true })
    await this.leases?.close()
  }
}
