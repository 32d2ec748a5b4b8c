import { randomUUID } from 'node:crypto'
import type { DbOrTrx } from '../../db/connection.js'
import type { StoredWebhookEvent } from '../../db/tables/webhooks.js'
import type { WebhooksDeps } from './deps.js'
import { DELIVER_WEBHOOK_JOB, type DeliverWebhookData } from './job-names.js'
import { webhookRepository, type WebhookOwner } from './repository.js'

/** A dossier is completed in HubEE (what the delivery knows when it marks the trace delivered). */
export interface DossierCompleted {
  reference: string
  collectivitySiret: string
  hubeeFolderId: string
  hubeeCaseId: string
  /** The editor's id of the user, if the landing link carried one. */
  externalId: string | null
  occurredAt: Date
}

/**
 * Enqueues the `dossier.completed` event for each active endpoint of the dossier's collectivity and
 * of its editor (a collectivity's endpoint set under a former editor gets nothing), inside the caller's transaction (`trx`): one delivery row and one
 * `deliver-webhook` job per endpoint, all rolled back with it. The event (one id for all endpoints,
 * so a receiver can deduplicate) carries no personal data. Returns the delivery ids.
 */
export async function enqueueDossierCompleted(
  deps: Pick<WebhooksDeps, 'box' | 'jobQueue' | 'editorOf' | 'clock'>,
  trx: DbOrTrx,
  dossier: DossierCompleted,
): Promise<string[]> {
  const owners: WebhookOwner[] = [{ kind: 'collectivity', siret: dossier.collectivitySiret }]
  const editor = await deps.editorOf(trx, dossier.collectivitySiret)
  if (editor) owners.push({ kind: 'editor', siret: editor })
  const repo = webhookRepository(trx, deps.box)
  const endpoints = await repo.activeEndpoints(owners, editor)
  if (endpoints.length === 0) return []
  const event: StoredWebhookEvent = {
    id: randomUUID(),
    type: 'dossier.completed',
    reference: dossier.reference,
    collectivity_siret: dossier.collectivitySiret,
    hubee_folder_id: dossier.hubeeFolderId,
    hubee_case_id: dossier.hubeeCaseId,
    external_id: dossier.externalId,
    occurred_at: dossier.occurredAt.toISOString(),
  }
  const createdAt = deps.clock.now()
  const ids: string[] = []
  for (const endpoint of endpoints) {
    const id = randomUUID()
    await repo.insertDelivery({ id, endpointId: endpoint.id, event, createdAt })
    const data: DeliverWebhookData = { deliveryId: id, attempt: 1 }
    await deps.jobQueue.send(DELIVER_WEBHOOK_JOB, data, {}, { trx })
    ids.push(id)
  }
  return ids
}

/**
 * The delivery's `onDelivered` hook (run inside the transaction that marks the trace delivered):
 * enqueues the webhook of that dossier. A dossier without recorded HubEE ids (never the case once
 * delivered) raises no event.
 */
export const dossierCompletedHook =
  (deps: Pick<WebhooksDeps, 'box' | 'jobQueue' | 'editorOf' | 'clock' | 'log'>) =>
  async (
    delivered: {
      reference: string
      siret: string
      deliveredAt: Date
      hubeeFolderId: string | null
      hubeeCaseId: string | null
      externalId: string | null
    },
    trx: DbOrTrx,
  ): Promise<void> => {
    if (!delivered.hubeeFolderId || !delivered.hubeeCaseId) {
      deps.log.warn({ reference: delivered.reference }, 'delivered without HubEE ids: no webhook')
      return
    }
    await enqueueDossierCompleted(deps, trx, {
      reference: delivered.reference,
      collectivitySiret: delivered.siret,
      hubeeFolderId: delivered.hubeeFolderId,
      hubeeCaseId: delivered.hubeeCaseId,
      externalId: delivered.externalId,
      occurredAt: delivered.deliveredAt,
    })
  }
