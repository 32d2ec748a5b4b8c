import type { WebhookDelivery } from '@qf/contracts'
import { findBySiret, storeHubeeSubscription, type CollectivityRecord } from '../collectivities/index.js'
import { listWebhookDeliveries } from '../webhooks/index.js'
import {
  hubeeOrganizationId,
  type HubeeReferentialFailure,
  type HubeeSubscription,
} from '../../ports/hubee-referential.js'
import type { DiagnosticsDeps } from './deps.js'

/** The subscription as HubEE's referential gives it back (never the cached column), or why it could not be read. */
export type HubeeReadBack =
  | { ok: true; subscription: HubeeSubscription | null }
  | { ok: false; failure: HubeeReferentialFailure; status: number | null }

/** Everything the checks read about one collectivity, gathered once. */
export interface HealthFacts {
  collectivity: CollectivityRecord
  now: Date
  hubee: HubeeReadBack
  /**
   * The most recent webhook delivery of each endpoint that receives this collectivity's dossiers today
   * (its own, its current editor's), most recent first.
   */
  latestDeliveries: WebhookDelivery[]
}

/** How many of the collectivity's last deliveries are read to find each endpoint's latest one. */
const deliveriesRead = 200

/** `SI-<SIRET>-<branch code>`: the collectivity's organization at HubEE. */
export const organizationOf = (c: CollectivityRecord) =>
  hubeeOrganizationId(c.siret, c.hubeeRecipient.branchCode)

/**
 * Reads the facts of one collectivity: HubEE's referential (unless `hubeeDown` says it already failed
 * in this run: a report over many collectivities asks a failing HubEE once), the webhook deliveries.
 */
export async function gatherFacts(
  deps: Pick<DiagnosticsDeps, 'db' | 'box' | 'clock' | 'hubeeReferential'>,
  collectivity: CollectivityRecord,
  hubeeDown?: Extract<HubeeReadBack, { ok: false }>,
): Promise<HealthFacts> {
  const hubee: HubeeReadBack = hubeeDown ?? (await readBack(deps, collectivity))
  const owners = new Set([collectivity.siret, ...(collectivity.editor ? [collectivity.editor.siret] : [])])
  const deliveries = await listWebhookDeliveries(deps, { siret: collectivity.siret, limit: deliveriesRead })
  const seen = new Set<string>()
  const latestDeliveries = deliveries.filter((d) => {
    if (d.collectivitySiret !== collectivity.siret || !owners.has(d.ownerSiret) || seen.has(d.endpointId))
      return false
    seen.add(d.endpointId)
    return true
  })
  return { collectivity, now: deps.clock.now(), hubee, latestDeliveries }
}

async function readBack(
  deps: Pick<DiagnosticsDeps, 'hubeeReferential'>,
  c: CollectivityRecord,
): Promise<HubeeReadBack> {
  const found = await deps.hubeeReferential.findFormulaireQfSubscription(c.siret, c.hubeeRecipient.branchCode)
  return found.ok
    ? { ok: true, subscription: found.value }
    : { ok: false, failure: found.failure, status: found.status }
}

/** The cached column's value for what HubEE gave back (`null`: none, or no access mode yet). */
function cachedFor(
  c: CollectivityRecord,
  s: HubeeSubscription | null,
): CollectivityRecord['hubeeSubscription'] {
  if (!s?.accessMode) return null
  return {
    organizationId: organizationOf(c),
    subscriptionId: s.id,
    accessMode: s.accessMode,
    status: s.status === 'Actif' ? 'Actif' : 'Inactif',
  }
}

const sameCache = (a: CollectivityRecord['hubeeSubscription'], b: CollectivityRecord['hubeeSubscription']) =>
  a === null || b === null
    ? a === b
    : a.organizationId === b.organizationId &&
      a.subscriptionId === b.subscriptionId &&
      a.accessMode === b.accessMode &&
      a.status === b.status

/**
 * Refreshes the cached `hubee_subscription` column from what HubEE gave back, when it differs (the
 * cache is not proof: HubEE is). Returns the collectivity as stored afterwards.
 */
export async function syncCachedSubscription(
  deps: Pick<DiagnosticsDeps, 'db'>,
  facts: HealthFacts,
): Promise<CollectivityRecord> {
  const { collectivity: c, hubee } = facts
  if (!hubee.ok) return c
  const cached = cachedFor(c, hubee.subscription)
  if (sameCache(cached, c.hubeeSubscription)) return c
  await storeHubeeSubscription(deps.db, c.siret, cached)
  return (await findBySiret(deps.db, c.siret)) ?? c
}
