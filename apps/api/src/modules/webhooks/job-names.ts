export const DELIVER_WEBHOOK_JOB = 'deliver-webhook'
export const PURGE_WEBHOOK_DELIVERIES_JOB = 'purge-webhook-deliveries'

/** A `deliver-webhook` job: attempt number `attempt` of this delivery (a stale one does nothing). */
export interface DeliverWebhookData {
  deliveryId: string
  attempt: number
}
