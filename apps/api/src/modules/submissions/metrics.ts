import { Counter, Gauge, type Registry } from 'prom-client'
import type { Db } from '../../db/connection.js'
import type { SealedBox } from '../../lib/sealed-box.js'
import type { Clock } from '../../ports/clock.js'
import { submissionRepository } from './repository.js'

/** How a delivery attempt ended (the `outcome` label of `qf_deliveries_total`). */
export type DeliveryMetricOutcome =
  /** The folder is completed: the collectivity is notified. */
  | 'delivered'
  /** A stray attempt found the dossier delivered already: nothing sent. */
  | 'already_delivered'
  /** The hub failed (down, slow, rate-limiting): retried later. */
  | 'retried'
  /** The hub refused the dossier for good: `failed` at once. */
  | 'refused'
  /** Still failing past the horizon: `failed`. */
  | 'expired'
  /** The sealed dossier does not open (a key this process lacks, an altered row) or is gone: `failed` at once. */
  | 'unreadable'

export interface DeliveryMetrics {
  outcome(outcome: DeliveryMetricOutcome): void
  /** deliver() warned of a possible orphan folder at the hub (ADR 0013). */
  possibleOrphan(): void
}

/**
 * The delivery's Prometheus metrics on the app's registry: attempts by outcome (this process), and,
 * read from the trace table at scrape time, the backlog, the age of the oldest undelivered dossier
 * and the traces by status (the same for every instance).
 */
export function registerDeliveryMetrics(
  registry: Registry,
  deps: { db: Db; box: SealedBox; clock: Clock },
): DeliveryMetrics {
  const deliveries = new Counter({
    name: 'qf_deliveries_total',
    help: 'Delivery attempts to HubEE by outcome (delivered, already_delivered, retried, refused, expired, unreadable)',
    labelNames: ['outcome'],
    registers: [registry],
  })
  for (const outcome of ['delivered', 'already_delivered', 'retried', 'refused', 'expired', 'unreadable'])
    deliveries.inc({ outcome }, 0)
  const orphans = new Counter({
    name: 'qf_delivery_possible_orphans_total',
    help: 'Deliveries that found a POST /folders sent without a recorded folder (a possible orphan at HubEE)',
    registers: [registry],
  })
  const traces = () => submissionRepository(deps.db, deps.box)
  // A scrape while the database is unreachable keeps the last values rather than failing /metrics.
  const quietly = async (read: () => Promise<void>) => {
    try {
      await read()
    } catch {
      // readiness (/ready) reports the database; metrics stay readable
    }
  }
  new Gauge({
    name: 'qf_delivery_queue_depth',
    help: 'Dossiers submitted and not delivered yet (status queued)',
    registers: [registry],
    async collect() {
      await quietly(async () => this.set((await traces().backlog()).queued))
    },
  })
  new Gauge({
    name: 'qf_delivery_oldest_undelivered_age_seconds',
    help: 'Age of the oldest dossier not delivered yet (0 when none waits)',
    registers: [registry],
    async collect() {
      const { oldestSubmittedAt } = await traces().backlog()
      this.set(
        oldestSubmittedAt
          ? Math.max(0, (deps.clock.now().getTime() - oldestSubmittedAt.getTime()) / 1000)
          : 0,
      )
    },
  })
  new Gauge({
    name: 'qf_submissions',
    help: 'Submission traces by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      await quietly(async () => {
        const counts = await traces().countByStatus()
        this.reset()
        for (const { status, count } of counts) this.set({ status }, count)
      })
    },
  })
  return {
    outcome: (outcome) => deliveries.inc({ outcome }),
    possibleOrphan: () => orphans.inc(),
  }
}
