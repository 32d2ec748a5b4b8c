import { CompiledQuery } from 'kysely'
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
}

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

  constructor(private readonly options: PgBossJobQueueOptions) {
    this.boss = new PgBoss({ connectionString: options.connectionString, schema: options.schema, max: 4 })
    this.boss.on('error', options.onError)
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
        const results = await Promise.allSettled(
          batch.map((j) => job.handler(j.data, { id: j.id, name: j.name })),
        )
        // pg-boss completes the batch's still-active jobs when this returns: each job whose handler
        // threw is failed first, on its own (its own retries and error), as a batch of one would be.
        await Promise.all(
          results.map((r, i) => {
            const failed = batch[i]
            return r.status === 'rejected' && failed ? this.boss.fail(job.name, failed.id, r.reason) : null
          }),
        )
      })
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

  async isReady(): Promise<boolean> {
    return (await this.boss.isInstalled()).valueOf()
  }

  async stop(): Promise<void> {
    if (!this.started) return
    this.started = false
    await this.boss.stop({ graceful: true, timeout: this.options.graceMs, wait: true })
  }
}
