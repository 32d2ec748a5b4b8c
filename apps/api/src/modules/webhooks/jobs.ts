import { defineJob } from '../../ports/job-queue.js'
import { attemptDelivery } from './deliver.js'
import type { WebhooksDeps } from './deps.js'
import { DELIVER_WEBHOOK_JOB, PURGE_WEBHOOK_DELIVERIES_JOB, type DeliverWebhookData } from './job-names.js'
import { webhookRepository } from './repository.js'

/** Deliveries are kept this long (their outcome is what the admin API shows), then purged. */
export const deliveryRetentionMs = 90 * 86_400_000

/**
 * The webhook's jobs, as data. `deliver-webhook` makes one attempt and schedules the next one itself
 * (its own backoff and horizon, ADR 0017); pg-boss's retry only covers an attempt that crashed or
 * could not be recorded (database unavailable), which replays the same attempt.
 */
export const webhookJobs = (
  deps: Pick<WebhooksDeps, 'db' | 'box' | 'clock' | 'jobQueue' | 'transport' | 'settings' | 'log'>,
) => [
  defineJob<DeliverWebhookData>({
    name: DELIVER_WEBHOOK_JOB,
    retry: { limit: 5, delay: 30, backoff: true },
    // One POST (bounded by the transport's timeouts) and two short statements.
    expireIn: 120,
    // Longer than the longest horizon (7 days) plus the last wait.
    retention: 8 * 86_400,
    async handler(data) {
      await attemptDelivery(deps, data)
    },
  }),
  defineJob({
    name: PURGE_WEBHOOK_DELIVERIES_JOB,
    schedule: '17 3 * * *',
    retry: { limit: 0, delay: 0, backoff: false },
    expireIn: 10 * 60,
    async handler() {
      const before = new Date(deps.clock.now().getTime() - deliveryRetentionMs)
      const deleted = await webhookRepository(deps.db, deps.box).purgeOlderThan(before)
      if (deleted) deps.log.info({ deleted }, 'old webhook deliveries purged')
    },
  }),
]
