import { demoCollectivityInputs } from '../collectivities/index.js'
import type { WebhooksDeps } from './deps.js'
import { setWebhookEndpoint } from './endpoints.js'

/**
 * The secret of the kit's sandbox configuration (`packages/editor-kit/config/sandbox.json`,
 * `webhook.secrets`): the demo signs with it, so `qf-editeur serve --sandbox` verifies the demo's
 * webhooks out of the box. Public, hence worthless: the demo only (refused in production).
 */
export const demoWebhookSecret = 'sandbox-webhook-secret-0123456789abcdef'

/** Gives every demo collectivity the webhook endpoint `url` (`DEMO_WEBHOOK_URL`); returns how many. */
export async function seedDemoWebhooks(
  deps: Pick<WebhooksDeps, 'db' | 'box' | 'clock' | 'settings'>,
  url: string,
): Promise<number> {
  let count = 0
  for (const c of demoCollectivityInputs()) {
    await setWebhookEndpoint(
      deps,
      { kind: 'collectivity', siret: c.siret },
      { url, secret: demoWebhookSecret },
    )
    count++
  }
  return count
}
