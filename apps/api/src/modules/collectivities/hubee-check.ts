import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../db/connection.js'
import type { Clock } from '../../ports/clock.js'
import type { HubeeReferential } from '../../ports/hubee-referential.js'
import { defineJob } from '../../ports/job-queue.js'
import { changeLifecycle, type LifecycleActor, type LifecycleChange } from './lifecycle.js'
import type { CollectivityRecord } from './record.js'
import { findBySiret, storeHubeeSubscription } from './repository.js'

export interface HubeeCheckDeps {
  db: Db
  hubeeReferential: HubeeReferential
  clock: Clock
}

export type HubeeCheckResult =
  | { siret: string; outcome: 'unavailable'; message: string | null }
  | { siret: string; outcome: 'checked'; subscription: string | null; change: LifecycleChange['outcome'] }

/** The states a HubEE read-back can move: awaiting activation, offered, suspended because of HubEE. */
const checkable = (c: CollectivityRecord) =>
  c.lifecycle === 'awaiting_hubee' ||
  c.lifecycle === 'active' ||
  (c.lifecycle === 'suspended' && c.suspendedBy === 'hubee')

/**
 * Reads the collectivity's `FormulaireQF` subscription back from HubEE's referential, stores it, and
 * tells the lifecycle: `Actif` → `hubee_active` (awaiting → active, or back from a HubEE suspension),
 * anything else → `hubee_inactive` (active → suspended). HubEE unreachable: nothing changes.
 */
export async function checkHubeeSubscription(
  deps: HubeeCheckDeps,
  collectivity: CollectivityRecord,
  actor: LifecycleActor,
): Promise<HubeeCheckResult> {
  const { siret } = collectivity
  const found = await deps.hubeeReferential.findFormulaireQfSubscription(
    siret,
    collectivity.hubeeRecipient.branchCode,
  )
  if (!found.ok) return { siret, outcome: 'unavailable', message: found.message }
  const s = found.value
  const at = deps.clock.now()
  const active = s?.status === 'Actif' && s.accessMode !== null
  const change = await deps.db.transaction().execute(async (trx) => {
    if (s && s.accessMode)
      await storeHubeeSubscription(trx, siret, {
        organizationId: collectivity.hubeeSubscription?.organizationId ?? `SI-${siret}-${s.cog}`,
        subscriptionId: s.id,
        accessMode: s.accessMode,
        status: s.status === 'Actif' ? 'Actif' : 'Inactif',
      })
    return changeLifecycle(
      trx,
      siret,
      active ? 'hubee_active' : 'hubee_inactive',
      { ...actor, id: actor.id ?? s?.id ?? null },
      s ? `HubEE subscription ${s.id} read back ${s.status}` : 'no FormulaireQF subscription at HubEE',
      at,
    )
  })
  return { siret, outcome: 'checked', subscription: s?.status ?? null, change: change.outcome }
}

/** Checks one collectivity by SIRET (ops: admin API, CLI); `undefined` when the SIRET is unknown. */
export async function checkHubeeSubscriptionOf(
  deps: HubeeCheckDeps,
  siret: string,
  actor: LifecycleActor,
): Promise<HubeeCheckResult | undefined> {
  const found = await findBySiret(deps.db, siret)
  return found && checkHubeeSubscription(deps, found, actor)
}

/** Checks every collectivity awaiting activation, offered, or suspended because of HubEE. */
export async function checkHubeeSubscriptions(
  deps: HubeeCheckDeps,
  actor: LifecycleActor,
): Promise<HubeeCheckResult[]> {
  const rows = await deps.db
    .selectFrom('collectivities')
    .select('siret')
    .where((eb) =>
      eb.or([
        eb('lifecycle', 'in', ['awaiting_hubee', 'active']),
        eb.and([eb('lifecycle', '=', 'suspended'), eb('suspended_by', '=', 'hubee')]),
      ]),
    )
    .orderBy('siret')
    .execute()
  const results: HubeeCheckResult[] = []
  for (const { siret } of rows) {
    const current = await findBySiret(deps.db, siret)
    if (current && checkable(current)) results.push(await checkHubeeSubscription(deps, current, actor))
  }
  return results
}

export const CHECK_HUBEE_SUBSCRIPTIONS_JOB = 'check-hubee-subscriptions'

/** The periodic re-check, as data (cron `HUBEE_SUBSCRIPTION_CHECK_CRON`). */
export const collectivitiesJobs = (
  deps: HubeeCheckDeps & { schedule: string },
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>,
) => [
  defineJob<object>({
    name: CHECK_HUBEE_SUBSCRIPTIONS_JOB,
    schedule: deps.schedule,
    retry: { limit: 2, delay: 60, backoff: true },
    expireIn: 10 * 60,
    async handler() {
      const results = await checkHubeeSubscriptions(deps, { kind: 'job', id: CHECK_HUBEE_SUBSCRIPTIONS_JOB })
      const changed = results.filter((r) => r.outcome === 'checked' && r.change === 'changed').length
      const unavailable = results.filter((r) => r.outcome === 'unavailable').length
      if (unavailable > 0)
        log.warn({ checked: results.length, changed, unavailable }, 'hubee re-check: HubEE unavailable')
      else log.info({ checked: results.length, changed }, 'hubee re-check done')
    },
  }),
]
