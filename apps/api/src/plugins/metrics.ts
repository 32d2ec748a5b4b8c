import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { sql } from 'kysely'
import type { Db } from '../db/connection.js'

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry
  }
}

/**
 * Prometheus metrics: request counts and latency by route template (never by raw URL, which may
 * carry identifiers), and job counts by queue and state read from pg-boss's table at scrape time.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, opts: { db: Db; jobSchema: string }) => {
    const registry = new Registry()
    collectDefaultMetrics({ register: registry })
    const labelNames = ['method', 'route', 'status_code'] as const
    const requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests',
      labelNames,
      registers: [registry],
    })
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    })
    new Gauge({
      name: 'jobs',
      help: 'Background jobs by queue and state',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        this.reset()
        try {
          const rows = await sql<{ name: string; state: string; count: number }>`
            select name, state::text as state, count(*)::int as count
            from ${sql.id(opts.jobSchema, 'job')} group by name, state`.execute(opts.db)
          for (const r of rows.rows) this.set({ queue: r.name, state: r.state }, r.count)
        } catch {
          // The queue's schema does not exist yet: no jobs to count.
        }
      },
    })

    app.decorate('metrics', registry)
    app.addHook('onResponse', async (request, reply) => {
      const labels = {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      }
      requests.inc(labels)
      duration.observe(labels, reply.elapsedTime / 1000)
    })
  },
  { name: 'metrics' },
)
