import { isDatapassApproveEvent, type DatapassWebhookAck, type DatapassWebhookEvent } from '@qf/contracts'
import type { Db } from '../../db/connection.js'
import {
  changeLifecycle,
  findBySiret,
  recordTransition,
  setEditor,
  type LifecycleEvent,
} from '../collectivities/index.js'
import { onboardCollectivity, type OnboardingDeps, type OnboardingOutcome } from './onboard-collectivity.js'
import { toOnboardingRequest } from './request.js'

export interface DatapassEventDeps {
  db: Db
  onboarding: OnboardingDeps
}

export type DatapassEventOutcome =
  | { outcome: Exclude<DatapassWebhookAck['outcome'], 'test' | 'ignored'>; onboarding?: OnboardingOutcome }
  | { outcome: 'ignored' }

/**
 * Whether the request carries an authorization in force: `state` `validated`, and not every one of
 * its `authorizations[]` revoked (DataPass adds that list since December 2025).
 */
export function authorizationInForce(data: DatapassWebhookEvent['data']): boolean {
  if (data.state !== 'validated') return false
  return (data.authorizations ?? []).length === 0 || listsAuthorizationInForce(data)
}

/** Whether `authorizations[]` lists one not revoked (a refused change of a request keeps it). */
const listsAuthorizationInForce = (data: DatapassWebhookEvent['data']) =>
  (data.authorizations ?? []).some((a) => a.revoked !== true && a.state !== 'revoked')

/** What each DataPass event does to the collectivity's lifecycle (the other events are only recorded). */
const lifecycleEventOf: Partial<Record<string, LifecycleEvent>> = {
  revoke: 'revoke',
  refuse: 'revoke',
  archive: 'close',
}

/**
 * One DataPass event on a `formulaire_qf` authorization request:
 * - `approve` of a request in force onboards (INSEE, HubEE, lifecycle); one that is not in force
 *   (`state` other than `validated`, every authorization revoked) is recorded and changes nothing;
 * - `revoke`, and `refuse` of a request no longer in force, suspend the collectivity at once
 *   (authorization cleared; only a new approval or ops bring it back); `archive` closes it for good;
 * - `transfer` gives the collectivity the request's current service provider as editor;
 * - any other event (`reopen`, `update`, an event DataPass adds tomorrow) is recorded, nothing else.
 * A request that is not the collectivity's own (another DataPass id) changes nothing either.
 */
export async function handleDatapassEvent(
  deps: DatapassEventDeps,
  event: DatapassWebhookEvent,
): Promise<DatapassEventOutcome> {
  const request = toOnboardingRequest(event)
  const at = deps.onboarding.clock.now()
  const actor = { kind: 'datapass', id: String(request.datapassId) } as const
  const name = `datapass:${event.event}`
  const current = await findBySiret(deps.db, request.siret)
  const record = (reason: string) =>
    recordTransition(deps.db, {
      siret: request.siret,
      from: current?.lifecycle ?? null,
      to: null,
      event: name,
      actor,
      reason,
      at,
    })

  if (isDatapassApproveEvent(event)) {
    if (!authorizationInForce(event.data)) {
      await record(`approve of a request not in force (state ${event.data.state}): not onboarded`)
      return { outcome: 'recorded' }
    }
    const onboarding = await onboardCollectivity(deps.onboarding, event)
    return { outcome: onboarding.state, onboarding }
  }
  if (!current) {
    await record('collectivity unknown here: nothing to change')
    return { outcome: 'recorded' }
  }
  if (current.datapassId !== null && current.datapassId !== request.datapassId) {
    await record(`request of another DataPass id than the collectivity's (${current.datapassId}): no change`)
    return { outcome: 'recorded' }
  }
  if (event.event === 'refuse' && listsAuthorizationInForce(event.data)) {
    await record('refusal of a change: the authorization in force stays')
    return { outcome: 'recorded' }
  }
  const lifecycleEvent = lifecycleEventOf[event.event]
  if (lifecycleEvent) {
    if (lifecycleEvent === 'revoke') await stopOnboarding(deps.onboarding, request.datapassId, at)
    const change = await changeLifecycle(
      deps.db,
      request.siret,
      lifecycleEvent,
      actor,
      `DataPass ${event.event}`,
      at,
    )
    if (change.outcome === 'refused' || change.outcome === 'unchanged')
      await record(`DataPass ${event.event}: nothing to change (${current.lifecycle})`)
    return { outcome: 'recorded' }
  }
  if (event.event === 'transfer') {
    const editor = request.editor ? { siret: request.editor.siret, name: request.editor.name } : null
    await deps.db.transaction().execute(async (trx) => {
      await setEditor(trx, request.siret, editor, at)
      await recordTransition(trx, {
        siret: request.siret,
        from: current.lifecycle,
        to: null,
        event: name,
        actor,
        reason: `editor ${current.editor?.siret ?? 'none'} → ${editor?.siret ?? 'none'}`,
        at,
      })
    })
    return { outcome: 'recorded' }
  }
  await record(`DataPass ${event.event}: recorded, no change`)
  return { outcome: 'recorded' }
}

/** A revoked request's onboarding stops: a retry still queued will not authorize it again. */
async function stopOnboarding(deps: OnboardingDeps, datapassId: number, at: Date): Promise<void> {
  const existing = await deps.store.find(datapassId)
  if (!existing || existing.state === 'completed') return
  await deps.store.recordFailure(
    datapassId,
    {
      step: 'collectivity_activation',
      code: 'datapass_revoked',
      message: 'DataPass revoked the authorization request',
      at,
      retryAfterSeconds: null,
    },
    'failed',
  )
}
