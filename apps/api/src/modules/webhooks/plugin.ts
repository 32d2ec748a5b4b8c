import type { FastifyPluginAsync } from 'fastify'
import { seedDemoWebhooks } from './demo-seed.js'
import type { WebhooksDeps } from './deps.js'
import { webhookRoutes } from './routes.js'

export interface WebhooksModuleOptions {
  deps: WebhooksDeps
  /** `DEMO_WEBHOOK_URL` with `DEMO_SEED`: every demo collectivity gets this endpoint when the app is ready. */
  demoWebhookUrl?: string | undefined
}

/** The webhook's admin routes (API-key scope), and the demo endpoints when asked for. Mounted under `/api/v1`. */
export const webhooksModule: FastifyPluginAsync<WebhooksModuleOptions> = async (
  app,
  { deps, demoWebhookUrl },
) => {
  if (demoWebhookUrl) {
    // Registered after the collectivities module: its demo seed has run by then.
    app.addHook('onReady', async () => {
      const count = await seedDemoWebhooks(deps, demoWebhookUrl)
      app.log.info({ count }, 'demo webhook endpoints set')
    })
  }
  await app.register(webhookRoutes, { deps })
}
