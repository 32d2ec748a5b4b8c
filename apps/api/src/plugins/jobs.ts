import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import PgBoss from 'pg-boss'

declare module 'fastify' {
  interface FastifyInstance {
    jobs: PgBoss
  }
}

export const jobSchema = 'pgboss'

/**
 * The Postgres-backed job queue (pg-boss): retries, backoff, schedules, safe with several API
 * instances. Started with the app, stopped gracefully (running jobs finish) when the app closes.
 */
export const jobsPlugin = fp(
  async (app: FastifyInstance, opts: { connectionString: string; graceMs: number; start: boolean }) => {
    const boss = new PgBoss({ connectionString: opts.connectionString, schema: jobSchema, max: 4 })
    boss.on('error', (err: Error) => app.log.error({ err }, 'job queue error'))
    app.decorate('jobs', boss)
    if (!opts.start) return
    app.addHook('onReady', async () => {
      await boss.start()
    })
    app.addHook('onClose', async () => {
      await boss.stop({ graceful: true, timeout: opts.graceMs, wait: true })
    })
  },
  { name: 'jobs' },
)
