import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { JobDefinition, JobQueue } from '../ports/job-queue.js'

declare module 'fastify' {
  interface FastifyInstance {
    jobQueue: JobQueue
  }
}

/** The Postgres schema of pg-boss's tables (the metrics read job counts from it). */
export const jobSchema = 'pgboss'

export interface JobsPluginOptions {
  queue: JobQueue
  /** Every module's job declarations (names must be unique). */
  jobs: readonly JobDefinition[]
  /** Start the queue with the app (false for tooling: nothing connects, nothing runs). */
  start: boolean
  /** Work the queues once started (false: this instance only enqueues; queues and schedules are still declared). */
  work?: boolean
}

/**
 * Registers the modules' jobs (queue, retry policy, schedule, handler) when the app is ready and
 * stops them gracefully (running jobs finish) when it closes. The queue itself comes from the
 * composition root (`ports.ts`).
 */
export const jobsPlugin = fp(
  async (app: FastifyInstance, opts: JobsPluginOptions) => {
    const names = opts.jobs.map((j) => j.name)
    const duplicate = names.find((n, i) => names.indexOf(n) !== i)
    if (duplicate) throw new Error(`job "${duplicate}" is declared twice`)
    app.decorate('jobQueue', opts.queue)
    if (!opts.start) return
    app.addHook('onReady', async () => {
      await opts.queue.start(opts.jobs, { work: opts.work ?? true })
    })
    app.addHook('onClose', async () => {
      await opts.queue.stop()
    })
  },
  { name: 'jobs' },
)
