import type { WebhookDelivery, WebhookEndpoint, WebhookEndpointInput } from '@qf/contracts'
import { AppError } from '../../errors/catalog.js'
import { isLocalOrPrivateHost } from '../../lib/url-policy.js'
import type { WebhooksDeps } from './deps.js'
import { collectivityEditorSiret } from './editor.js'
import { webhookRepository, type WebhookOwner } from './repository.js'
import { webhookUrlRefusal } from './url-policy.js'

/**
 * Sets (creates or replaces) the owner's endpoint: URL checked by the policy (422
 * `invalid-webhook-url`), secret sealed at rest. A collectivity must exist (404). Returns the
 * endpoint without its secret.
 */
export async function setWebhookEndpoint(
  deps: Pick<WebhooksDeps, 'db' | 'box' | 'clock' | 'settings'>,
  owner: WebhookOwner,
  input: WebhookEndpointInput,
): Promise<WebhookEndpoint> {
  const refusal = webhookUrlRefusal(input.url, deps.settings)
  if (refusal)
    throw new AppError('invalidWebhookUrl', {
      detail: `Adresse refusée : ${refusal}.`,
      errors: [{ name: 'body.url', reason: refusal }],
    })
  const repo = webhookRepository(deps.db, deps.box)
  if (owner.kind === 'collectivity' && !(await repo.collectivityExists(owner.siret)))
    throw new AppError('collectivityNotFound')
  // The endpoint belongs to the collectivity's editor of now: a later editor change stops it.
  const editorSiret =
    owner.kind === 'editor' ? owner.siret : await collectivityEditorSiret(deps.db, owner.siret)
  return repo.upsertEndpoint(
    owner,
    { url: input.url, secret: input.secret, active: input.active ?? true, editorSiret },
    deps.clock.now(),
  )
}

/** Removes the owner's endpoint and its delivery history (404 `webhook-endpoint-not-found` when none). */
export async function removeWebhookEndpoint(
  deps: Pick<WebhooksDeps, 'db' | 'box'>,
  owner: WebhookOwner,
): Promise<void> {
  if (!(await webhookRepository(deps.db, deps.box).deleteEndpoint(owner)))
    throw new AppError('webhookEndpointNotFound')
}

/** The owner's endpoint, without its secret (404 when none). */
export async function getWebhookEndpoint(
  deps: Pick<WebhooksDeps, 'db' | 'box'>,
  owner: WebhookOwner,
): Promise<WebhookEndpoint> {
  const found = await webhookRepository(deps.db, deps.box).findEndpoint(owner)
  if (!found) throw new AppError('webhookEndpointNotFound')
  return found
}

/** The last deliveries (most recent first) and their outcome, by reference and/or SIRET. */
export async function listWebhookDeliveries(
  deps: Pick<WebhooksDeps, 'db' | 'box'>,
  filter: {
    reference?: string | undefined
    siret?: string | undefined
    visibleToEditor?: string | undefined
    limit?: number | undefined
  },
): Promise<WebhookDelivery[]> {
  const found = await webhookRepository(deps.db, deps.box).listDeliveries({
    reference: filter.reference,
    siret: filter.siret,
    visibleToEditor: filter.visibleToEditor,
    limit: filter.limit ?? 50,
  })
  // Ops see everything; an editor key does not see what an internal target answered.
  if (filter.visibleToEditor === undefined) return found.map(({ delivery }) => delivery)
  return found.map(({ delivery, endpointUrl }) => withoutInternalStatus(delivery, endpointUrl))
}

/**
 * A delivery to an internal target (a loopback or private address, `localhost`: only reachable
 * outside production) keeps its outcome but not the receiver's HTTP status nor the error code: for
 * an editor key, the list would otherwise be a port and status scanner of the service's own network
 * (issue 21, L4).
 */
function withoutInternalStatus(delivery: WebhookDelivery, endpointUrl: string): WebhookDelivery {
  let host: string
  try {
    host = new URL(endpointUrl).hostname
  } catch {
    return { ...delivery, lastStatus: null, lastError: null }
  }
  return isLocalOrPrivateHost(host) ? { ...delivery, lastStatus: null, lastError: null } : delivery
}
