import { formulaireQfWebhook } from '@qf/contracts'
import { signWebhook } from '@qf/editor-kit/webhook'
import { nextAttemptAt } from './backoff.js'
import type { WebhooksDeps } from './deps.js'
import { DELIVER_WEBHOOK_JOB, type DeliverWebhookData } from './job-names.js'
import { webhookRepository, type AttemptOutcome } from './repository.js'
import { webhookUrlRefusal } from './url-policy.js'

export type AttemptResult =
  | 'delivered'
  /** Another attempt is scheduled (a `deliver-webhook` job with `startAfter`). */
  | 'retry_scheduled'
  /** Given up: horizon reached, endpoint suspended or its URL refused by the policy. */
  | 'failed'
  /** Nothing to do: the delivery is gone (endpoint removed), finished, or this attempt was already made. */
  | 'skipped'

const isSuccess = (status: number) => status >= 200 && status < 300

/**
 * One attempt of one delivery: signs the stored event (`X-QF-Signature: t=…,v1=…`, the kit's
 * `signWebhook`) and posts it; a 2xx is delivered; anything else records the status or error code
 * and, within the horizon, schedules the next attempt (exponential backoff) in the same
 * transaction as the record. Logs the endpoint id, the attempt and its status — never the body.
 * Idempotent: an attempt already recorded (a job run twice) does nothing.
 */
export async function attemptDelivery(
  deps: Pick<WebhooksDeps, 'db' | 'box' | 'clock' | 'jobQueue' | 'transport' | 'settings' | 'log'>,
  data: DeliverWebhookData,
): Promise<AttemptResult> {
  const delivery = await webhookRepository(deps.db, deps.box).deliveryToAttempt(data.deliveryId)
  if (!delivery || delivery.deliveredAt || delivery.failedAt || delivery.attempts !== data.attempt - 1)
    return 'skipped'
  const { endpoint, secret } = delivery.endpoint
  const logged = {
    deliveryId: delivery.id,
    endpointId: endpoint.id,
    eventId: delivery.event.id,
    reference: delivery.event.reference,
    attempt: data.attempt,
  }

  const giveUp = async (error: string): Promise<AttemptResult> => {
    const at = deps.clock.now()
    await webhookRepository(deps.db, deps.box).recordAttempt(delivery.id, {
      attempt: data.attempt,
      at,
      status: null,
      error,
      nextAttemptAt: null,
      delivered: false,
      failed: true,
    })
    deps.log.warn({ ...logged, error }, 'webhook given up')
    return 'failed'
  }
  if (!endpoint.active) return giveUp('endpoint_inactive')
  if (webhookUrlRefusal(endpoint.url, deps.settings)) return giveUp('url_refused')

  const body = JSON.stringify(delivery.event)
  const signature = signWebhook(body, secret, Math.floor(deps.clock.now().getTime() / 1000))
  const result = await deps.transport.post({
    url: endpoint.url,
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      [formulaireQfWebhook.signatureHeader.toLowerCase()]: signature,
      'x-qf-event-id': delivery.event.id,
      'x-qf-delivery-attempt': String(data.attempt),
    },
  })
  const at = deps.clock.now()
  const status = 'status' in result ? result.status : null
  if (status !== null && isSuccess(status)) {
    await webhookRepository(deps.db, deps.box).recordAttempt(delivery.id, {
      attempt: data.attempt,
      at,
      status,
      error: null,
      nextAttemptAt: null,
      delivered: true,
      failed: false,
    })
    deps.log.info({ ...logged, status }, 'webhook delivered')
    return 'delivered'
  }

  const error = 'failure' in result ? result.failure : 'http_error'
  const next = nextAttemptAt(
    { createdAt: delivery.createdAt, attempt: data.attempt, failedAt: at },
    deps.settings,
  )
  const outcome: AttemptOutcome = {
    attempt: data.attempt,
    at,
    status,
    error,
    nextAttemptAt: next,
    delivered: false,
    failed: next === null,
  }
  if (next === null) {
    await webhookRepository(deps.db, deps.box).recordAttempt(delivery.id, outcome)
    deps.log.warn({ ...logged, status, error }, 'webhook attempt failed; horizon reached, given up')
    return 'failed'
  }
  await deps.db.transaction().execute(async (trx) => {
    const recorded = await webhookRepository(trx, deps.box).recordAttempt(delivery.id, outcome)
    if (!recorded) return
    const retry: DeliverWebhookData = { deliveryId: delivery.id, attempt: data.attempt + 1 }
    const startAfter = Math.max(1, Math.ceil((next.getTime() - at.getTime()) / 1000))
    await deps.jobQueue.send(DELIVER_WEBHOOK_JOB, retry, { startAfter }, { trx })
  })
  deps.log.warn(
    { ...logged, status, error, nextAttemptAt: next.toISOString() },
    'webhook attempt failed; retry scheduled',
  )
  return 'retry_scheduled'
}
