import manifest from '../package.json' with { type: 'json' }
import { type KitConfig, hubeeClientIdOf, type SubscriptionConfig } from './config.js'
import { HubeeSiClient } from './hubee/client.js'
import type { DossierHandler } from './pull/dossier.js'
import { inboxHandler } from './pull/inbox.js'
import { pull, type PullProgress, type PullReport } from './pull/pull.js'
import { lockSubscription, PullState } from './pull/state.js'

/** The kit's version (package.json's, bundled in). */
export const kitVersion: string = manifest.version

export interface SubscriptionPullOptions {
  handler?: DossierHandler
  onProgress?: (p: PullProgress, subscription: SubscriptionConfig) => void | Promise<void>
}

/** The one place that builds the HubEE client and the state for a subscription from the configuration. */
export function hubeeClientFor(config: KitConfig, subscription: SubscriptionConfig): HubeeSiClient {
  return new HubeeSiClient({
    apiUrl: config.hubee.apiUrl,
    tokenUrl: config.hubee.tokenUrl,
    timeoutMs: config.hubee.timeoutMs,
    credentials: { clientId: hubeeClientIdOf(subscription), clientSecret: subscription.hubeeClientSecret },
    partner: {
      editorName: config.editor.editorName,
      applicationName: config.editor.applicationName,
      softwareVersion: config.editor.softwareVersion ?? `qf-editeur ${kitVersion}`,
    },
  })
}

/** Pulls one subscription with the configured state directory and (default) inbox handler. */
export async function pullSubscription(
  config: KitConfig,
  subscription: SubscriptionConfig,
  options: SubscriptionPullOptions = {},
): Promise<PullReport> {
  const unlock = await lockSubscription(config.stateDir, hubeeClientIdOf(subscription))
  const client = hubeeClientFor(config, subscription)
  try {
    const state = await PullState.open(config.stateDir, client.clientId)
    return await pull({
      client,
      state,
      handler: options.handler ?? inboxHandler(config.inboxDir),
      author: config.editor.author,
      onProgress: options.onProgress ? (p) => options.onProgress?.(p, subscription) : undefined,
    })
  } finally {
    await unlock()
    await client.close()
  }
}
