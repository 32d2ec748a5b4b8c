export type { WebhookSettings, WebhooksDeps } from './deps.js'
export { dossierCompletedHook, enqueueDossierCompleted, type DossierCompleted } from './enqueue.js'
export { attemptDelivery, type AttemptResult } from './deliver.js'
export {
  getWebhookEndpoint,
  listWebhookDeliveries,
  removeWebhookEndpoint,
  setWebhookEndpoint,
} from './endpoints.js'
export { webhookJobs, deliveryRetentionMs } from './jobs.js'
export { DELIVER_WEBHOOK_JOB, PURGE_WEBHOOK_DELIVERIES_JOB, type DeliverWebhookData } from './job-names.js'
export { nextAttemptAt, maxRetryDelaySeconds } from './backoff.js'
export { webhookUrlRefusal } from './url-policy.js'
export { webhookRepository, type WebhookOwner } from './repository.js'
export { collectivityEditorSiret } from './editor.js'
export { webhookRoutes } from './routes.js'
export { authorizeOwner, deliveriesFilterFor } from './access.js'
export { webhooksModule, type WebhooksModuleOptions } from './plugin.js'
export { demoWebhookSecret, seedDemoWebhooks } from './demo-seed.js'
export { resealWebhookSecrets } from './reseal.js'
