import type {
  CollectivityAuthorization,
  CollectivityLifecycle,
  CollectivityNotOfferedCode,
  LifecycleActorKind,
} from '@qf/contracts'
import type { Selectable } from 'kysely'
import type { DbOrTrx } from '../../db/connection.js'
import type { CollectivityTransitionsTable, SuspendedBy } from '../../db/tables/collectivities.js'
import { AppError } from '../../errors/catalog.js'
import { collectivityNotFound } from './errors.js'
import type { CollectivityRecord } from './record.js'
import { toCollectivityRecord } from './repository.js'

/*
 * The lifecycle of a collectivity (issue 16, ADR 0024): the one module that changes
 * `collectivities.lifecycle`, `authorized_by` and `suspended_by`, from a table of allowed
 * transitions and who may trigger each, and that records every transition (who, when, why) in
 * `collectivity_transitions`. Offered to citizens (listed, landing page, journey, QR codes) ⇔ `active`,
 * and `active` is reached only by reading the HubEE subscription back as `Actif` (`hubee_active`).
 */

/** What happens to a collectivity. */
export type LifecycleEvent =
  /** An authorization: DataPass `approve` (validated), an ops decision, the demo seed. */
  | 'authorize'
  /** The `FormulaireQF` subscription was read back from HubEE as `Actif`. */
  | 'hubee_active'
  /** … as anything else (`Inactif`, missing). */
  | 'hubee_inactive'
  /** Ops withdraw it from citizens. */
  | 'suspend'
  /** DataPass refused or revoked the authorization. */
  | 'revoke'
  /** DataPass archived the authorization request, or ops close it for good. */
  | 'close'

export interface LifecycleActor {
  kind: LifecycleActorKind
  /** The API key id, the DataPass request id, the HubEE subscription id, the job's name… */
  id: string | null
}

interface Facts {
  lifecycle: CollectivityLifecycle
  authorizedBy: CollectivityAuthorization
  suspendedBy: SuspendedBy | null
}

export interface TransitionRule {
  event: LifecycleEvent
  from: readonly CollectivityLifecycle[]
  to: CollectivityLifecycle
  /** Who may trigger it. */
  by: readonly LifecycleActorKind[]
  /** A further condition on the stored facts. */
  when?: (facts: Facts) => boolean
  /** For ops (README, `lifecycle transitions` in the CLI). */
  why: string
}

const live: readonly CollectivityLifecycle[] = ['draft', 'awaiting_hubee', 'active', 'suspended']

/** The allowed transitions; anything else is refused. The first matching rule applies. */
export const lifecycleTransitions: readonly TransitionRule[] = [
  {
    event: 'authorize',
    from: ['draft'],
    to: 'awaiting_hubee',
    by: ['datapass', 'admin', 'seed'],
    why: 'authorized: now waits for its HubEE subscription to be read back Actif',
  },
  {
    event: 'authorize',
    from: ['suspended'],
    to: 'awaiting_hubee',
    by: ['admin'],
    why: 'an ops decision lifts any suspension',
  },
  {
    event: 'authorize',
    from: ['suspended'],
    to: 'awaiting_hubee',
    by: ['datapass'],
    when: (f) => f.suspendedBy === 'datapass',
    why: 'a new DataPass approval after a refusal or revocation (never lifts an ops or HubEE suspension)',
  },
  {
    event: 'authorize',
    from: ['awaiting_hubee'],
    to: 'awaiting_hubee',
    by: ['datapass', 'admin'],
    why: 'authorized again while awaiting HubEE: only the authorization source may change',
  },
  {
    event: 'authorize',
    from: ['active'],
    to: 'active',
    by: ['datapass', 'admin', 'seed'],
    why: 'authorized again while offered: nothing changes but the authorization source',
  },
  {
    event: 'hubee_active',
    from: ['awaiting_hubee', 'active'],
    to: 'active',
    by: ['hubee_check', 'job', 'seed'],
    why: 'the HubEE subscription is Actif: offered to citizens',
  },
  {
    event: 'hubee_active',
    from: ['suspended'],
    to: 'active',
    by: ['hubee_check', 'job'],
    when: (f) => f.suspendedBy === 'hubee' && f.authorizedBy !== null,
    why: 'the HubEE subscription is Actif again (it was suspended for that reason only)',
  },
  {
    event: 'hubee_inactive',
    from: ['active'],
    to: 'suspended',
    by: ['hubee_check', 'job'],
    why: 'the HubEE subscription is no longer Actif: withdrawn until it is',
  },
  {
    event: 'hubee_inactive',
    from: ['awaiting_hubee'],
    to: 'awaiting_hubee',
    by: ['hubee_check', 'job'],
    why: 'still awaiting HubEE activation',
  },
  {
    event: 'suspend',
    from: live,
    to: 'suspended',
    by: ['admin'],
    why: 'an ops decision: withdrawn from citizens until ops authorize it again',
  },
  {
    event: 'revoke',
    from: live,
    to: 'suspended',
    by: ['datapass'],
    why: 'DataPass refused or revoked the authorization: withdrawn at once',
  },
  {
    event: 'close',
    from: live,
    to: 'closed',
    by: ['datapass', 'admin'],
    why: 'archived: gone for good',
  },
]

/** The facts after an event (authorization source, who suspended). */
function nextFacts(event: LifecycleEvent, actor: LifecycleActor, current: Facts, to: CollectivityLifecycle) {
  let authorizedBy = current.authorizedBy
  let suspendedBy: SuspendedBy | null = to === 'suspended' ? current.suspendedBy : null
  if (event === 'authorize') authorizedBy = actor.kind === 'datapass' ? 'datapass' : 'admin'
  if (event === 'revoke') {
    authorizedBy = null
    suspendedBy = current.suspendedBy === 'ops' ? 'ops' : 'datapass'
  }
  if (event === 'hubee_inactive' && to === 'suspended') suspendedBy = 'hubee'
  if (event === 'suspend') suspendedBy = 'ops'
  return { authorizedBy, suspendedBy }
}

/** The rule that lets `actor` apply `event` to a collectivity in this state, or `undefined`. */
export function allowedTransition(
  facts: Facts,
  event: LifecycleEvent,
  actor: Pick<LifecycleActor, 'kind'>,
): TransitionRule | undefined {
  return lifecycleTransitions.find(
    (r) =>
      r.event === event &&
      r.from.includes(facts.lifecycle) &&
      r.by.includes(actor.kind) &&
      (r.when?.(facts) ?? true),
  )
}

export type LifecycleChange =
  | { outcome: 'changed' | 'unchanged'; collectivity: CollectivityRecord }
  | { outcome: 'refused'; collectivity: CollectivityRecord }
  | { outcome: 'unknown' }

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/** Records one transition or event (a change of state, or `to` `null`: an event that changed nothing). */
export async function recordTransition(db: DbOrTrx, t: TransitionRecord): Promise<void> {
  await db
    .insertInto('collectivity_transitions')
    .values({
      siret: t.siret,
      from_state: t.from,
      to_state: t.to,
      event: clip(t.event, 80),
      actor_kind: t.actor.kind,
      actor_id: t.actor.id === null ? null : clip(t.actor.id, 100),
      reason: clip(t.reason, 500),
      at: t.at,
    })
    .execute()
}

async function inTransaction<T>(db: DbOrTrx, work: (trx: DbOrTrx) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work)
}

/**
 * Applies `event` for `actor` to the collectivity `siret`, in one transaction (the row locked):
 * `changed` (state or authorization source changed, the transition recorded), `unchanged` (allowed,
 * nothing to change, nothing recorded), `refused` (no rule allows it: nothing changes), `unknown`.
 */
export async function changeLifecycle(
  db: DbOrTrx,
  siret: string,
  event: LifecycleEvent,
  actor: LifecycleActor,
  reason: string,
  at: Date,
): Promise<LifecycleChange> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('collectivities')
      .selectAll()
      .where('siret', '=', siret)
      .forUpdate()
      .executeTakeFirst()
    if (!row) return { outcome: 'unknown' as const }
    const current = toCollectivityRecord(row)
    const rule = allowedTransition(current, event, actor)
    if (!rule) return { outcome: 'refused' as const, collectivity: current }
    const facts = nextFacts(event, actor, current, rule.to)
    if (
      rule.to === current.lifecycle &&
      facts.authorizedBy === current.authorizedBy &&
      facts.suspendedBy === current.suspendedBy
    )
      return { outcome: 'unchanged' as const, collectivity: current }
    const updated = await trx
      .updateTable('collectivities')
      .set({
        lifecycle: rule.to,
        authorized_by: facts.authorizedBy,
        suspended_by: facts.suspendedBy,
        updated_at: at,
      })
      .where('siret', '=', siret)
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordTransition(trx, { siret, from: current.lifecycle, to: rule.to, event, actor, reason, at })
    return { outcome: 'changed' as const, collectivity: toCollectivityRecord(updated) }
  })
}

/** Records the creation of a collectivity (always `draft`: nothing creates one offered). */
export const recordCreation = (db: DbOrTrx, siret: string, actor: LifecycleActor, reason: string, at: Date) =>
  recordTransition(db, { siret, from: null, to: 'draft', event: 'create', actor, reason, at })

export interface TransitionRecord {
  siret: string
  from: CollectivityLifecycle | null
  to: CollectivityLifecycle | null
  event: string
  actor: LifecycleActor
  reason: string
  at: Date
}

const toTransitionRecord = (r: Selectable<CollectivityTransitionsTable>): TransitionRecord => ({
  siret: r.siret,
  from: r.from_state,
  to: r.to_state,
  event: r.event,
  actor: { kind: r.actor_kind, id: r.actor_id },
  reason: r.reason,
  at: r.at,
})

/** A collectivity's transitions, oldest first (at most `limit`, the latest ones). */
export async function listTransitions(db: DbOrTrx, siret: string, limit = 500): Promise<TransitionRecord[]> {
  const rows = await db
    .selectFrom('collectivity_transitions')
    .selectAll()
    .where('siret', '=', siret)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.reverse().map(toTransitionRecord)
}

/** The `code` of the `collectivity-not-offered` problem for a collectivity that is not `active`. */
export const notOfferedCode = (lifecycle: CollectivityLifecycle): CollectivityNotOfferedCode =>
  lifecycle === 'draft' || lifecycle === 'awaiting_hubee' ? 'not_yet_offered' : 'no_longer_offered'

/**
 * The collectivity, if it is offered; otherwise the one answer citizens get: 404
 * `collectivity-not-found` (unknown SIRET) or `collectivity-not-offered` with its `code`.
 */
export function requireOffered(found: CollectivityRecord | undefined): CollectivityRecord {
  if (!found) throw collectivityNotFound()
  if (found.lifecycle === 'active') return found
  const code = notOfferedCode(found.lifecycle)
  throw new AppError('collectivityNotOffered', {
    code,
    detail:
      code === 'not_yet_offered'
        ? `${found.name} ne reçoit pas encore les quotients familiaux par ce service : son inscription est en cours.`
        : `${found.name} ne reçoit plus les quotients familiaux par ce service.`,
  })
}
