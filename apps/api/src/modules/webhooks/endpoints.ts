import type { WebhookDelivery, WebhookEndpoint, WebhookEndpointInput } from '@qf/contracts'
import { AppError } from '../../errors/catalog.js'
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
  const refusal = webhookUrlRefusal(input.url, { production: deps.settings.production })
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
  return webhookRepository(deps.db, deps.box).listDeliveries({
    reference: filter.reference,
    siret: filter.siret,
    visibleToEditor: filter.visibleToEditor,
    limit: filter.limit ?? 50,
  })
}
