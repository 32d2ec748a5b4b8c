import { Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { SubmissionReference, type SubmissionFailureReason } from '@qf/contracts'
import { SealedBoxError } from '../../lib/sealed-box.js'
import { DossierHubError } from '../../ports/dossier-hub.js'
import { defineJob } from '../../ports/job-queue.js'
import { deliver, type DeliveryLog } from './deliver.js'
import type { SubmissionsDeps } from './deps.js'
import {
  DELIVER_SUBMISSION_JOB,
  FAIL_OVERDUE_DELIVERIES_JOB,
  PURGE_SUBMISSIONS_JOB,
  SYNC_SUBMISSION_STATUSES_JOB,
} from './job-names.js'
import type { DeliveryMetrics } from './metrics.js'
import { postgresDeliveryState, postgresStatusTracker, submissionRepository } from './repository.js'
import { syncStatus } from './sync-status.js'

/** Pino-compatible; only references, ids, hub codes and counts are ever given to it. */
export interface SubmissionsLog extends DeliveryLog {
  error(fields: Record<string, unknown>, message: string): void
}

export type JobDeps = Pick<
  SubmissionsDeps,
  'db' | 'box' | 'clock' | 'hub' | 'settings' | 'onDelivered' | 'jobQueue'
> & {
  log: SubmissionsLog
  metrics: DeliveryMetrics
}

const DeliverData = Type.Object({ reference: SubmissionReference })

/** What an error may say in a log: hub errors carry no request data; others only their class. */
const describe = (error: unknown) =>
  error instanceof DossierHubError
    ? { failure: error.failure, operation: error.operation, status: error.status, hubCode: error.hubCode }
    : { error: error instanceof Error ? error.name : typeof error }

/**
 * Retries needed so that the shortest cumulated backoff covers the horizon: `delay × 2^n` doubled
 * until it reaches `maxDelaySeconds`, then `maxDelaySeconds` each time.
 */
export function retryLimitFor(horizonMs: number, delaySeconds: number, maxDelaySeconds = Infinity): number {
  const horizon = horizonMs / 1000
  let waited = 0
  let n = 0
  while (waited < horizon) waited += Math.min(delaySeconds * 2 ** n++, maxDelaySeconds)
  return n + 1
}

/** The longest wait between two delivery attempts: 32 × the first delay, at most 15 minutes. */
export const retryCapFor = (delaySeconds: number) => Math.max(delaySeconds, Math.min(900, delaySeconds * 32))

/** deliver()'s log, counting its possible-orphan warnings in /metrics. */
function deliveryLog(deps: JobDeps): DeliveryLog {
  return {
    info: (fields, message) => deps.log.info(fields, message),
    warn: (fields, message) => {
      if (message === 'possible orphan folder at the hub') deps.metrics.possibleOrphan()
      deps.log.warn(fields, message)
    },
  }
}

/**
 * Gives up on a delivery: the trace is `failed` with its `failureReason` (unless delivered meanwhile),
 * counted by outcome and logged at error level (reference, outcome, reason code, cause: no personal
 * data), and a folder left `HUBEE_RECEIVED` at the hub is deleted if the hub answers (it was never
 * completed, so never seen).
 */
async function giveUp(
  deps: JobDeps,
  reference: string,
  reason: 'refused' | 'expired' | 'unreadable',
  failureReason: SubmissionFailureReason,
  details: object,
) {
  const traces = submissionRepository(deps.db, deps.box)
  const failed = await traces.markFailed(reference, deps.clock.now(), failureReason)
  if (!failed) return
  deps.metrics.outcome(reason)
  deps.log.error({ reference, reason, failureReason, ...details }, 'delivery failed')
  const folder = (await traces.find(reference))?.folder
  if (!folder) return
  try {
    const atHub = await deps.hub.readFolder(folder.folderId)
    if (atHub?.status === 'HUBEE_RECEIVED') await deps.hub.deleteFolder(folder.folderId)
    if (!atHub || atHub.status === 'HUBEE_RECEIVED')
      await postgresDeliveryState(deps.db).releaseFolder(reference, folder.folderId)
  } catch (error) {
    deps.log.warn({ reference, folderId: folder.folderId, ...describe(error) }, 'could not delete the folder')
  }
}

const pastHorizon = (deps: JobDeps, submittedAt: Date) =>
  deps.clock.now().getTime() - submittedAt.getTime() >= deps.settings.horizonMs

/**
 * One delivery attempt of a reference (the `deliver-submission` job). Delivered → the trace is
 * `delivered` and the sealed dossier deleted (in markDelivered's transaction, with the onDelivered
 * hooks). A permanent refusal → `failed` at once. A retryable failure is thrown (pg-boss retries with
 * backoff) until the horizon has passed since the submission, then `failed`. True when this attempt
 * delivered (the hub answers).
 */
export async function deliverSubmission(deps: JobDeps, reference: string): Promise<boolean> {
  const traces = submissionRepository(deps.db, deps.box)
  const trace = await traces.find(reference)
  if (!trace) {
    deps.log.warn({ reference }, 'delivery job for an unknown reference (purged)')
    return false
  }
  if (trace.deliveredAt || trace.status === 'failed') return false
  let content
  try {
    content = await traces.openDossier(reference)
  } catch (error) {
    // Sealed with a key this process does not hold, altered, or not a dossier: no retry can open it.
    if (!(error instanceof SealedBoxError)) throw error
    await giveUp(deps, reference, 'unreadable', 'dossier_unreadable', {
      cause: error.failure,
      keyId: error.keyId,
      currentKeyId: deps.box.currentKeyId,
    })
    return false
  }
  if (!content) {
    await giveUp(deps, reference, 'unreadable', 'dossier_unreadable', { cause: 'dossier_missing' })
    return false
  }
  const state = postgresDeliveryState(deps.db, {
    onDelivered: deps.onDelivered,
    externalId: content.externalId,
  })
  let retryable: unknown
  try {
    const result = await deliver({ hub: deps.hub, state, clock: deps.clock, log: deliveryLog(deps) }, content)
    if (result.outcome === 'delivered' || result.outcome === 'already_delivered') {
      deps.metrics.outcome(result.outcome)
      return result.outcome === 'delivered'
    }
    // Our credentials refused: the operator's to fix, not the dossier's fault; retry until the horizon.
    if (result.failure === 'unauthorized')
      retryable = new DossierHubError('unauthorized', 'deliver', null, result.hubCode, result.hubMessage)
    else {
      await giveUp(deps, reference, 'refused', result.reason, {
        failure: result.failure,
        hubCode: result.hubCode,
        hubMessage: result.hubMessage,
      })
      return false
    }
  } catch (error) {
    // A hub outage, a lost answer, a folder gone meanwhile, the database: the next attempt repairs it.
    retryable = error
  }
  if (pastHorizon(deps, trace.submittedAt)) {
    await giveUp(deps, reference, 'expired', 'hub_unavailable', describe(retryable))
    return false
  }
  deps.metrics.outcome('retried')
  deps.log.warn({ reference, ...describe(retryable) }, 'delivery attempt failed, will retry')
  throw retryable instanceof Error ? retryable : new Error('delivery attempt failed')
}

/**
 * Backstop of the horizon (the `fail-overdue-deliveries` job): pg-boss's backoff grows without bound,
 * so the last retries may come long after the horizon; a dossier still `queued` past it is `failed`
 * here, on time. A delivery that completes afterwards still wins (`delivered`).
 */
export async function failOverdueDeliveries(deps: JobDeps): Promise<number> {
  const traces = submissionRepository(deps.db, deps.box)
  const overdue = await traces.queuedSince(
    new Date(deps.clock.now().getTime() - deps.settings.horizonMs),
    500,
  )
  for (const reference of overdue)
    await giveUp(deps, reference, 'expired', 'hub_unavailable', { failure: 'horizon_passed' })
  return overdue.length
}

/**
 * Retention (the `purge-submissions` job): traces go `traceRetentionMs` after their submission
 * (90 days), the sealed dossier of a `failed` sending `failedDossierRetentionMs` after it failed.
 */
export async function purgeSubmissions(
  deps: Pick<JobDeps, 'db' | 'box' | 'clock' | 'settings'>,
): Promise<{ traces: number; dossiers: number }> {
  const traces = submissionRepository(deps.db, deps.box)
  const now = deps.clock.now().getTime()
  return {
    dossiers: await traces.deleteFailedDossiers(new Date(now - deps.settings.failedDossierRetentionMs)),
    traces: await traces.deleteSubmittedBefore(new Date(now - deps.settings.traceRetentionMs)),
  }
}

/** The submissions' background jobs, as data (registered and stopped by the jobs plugin). */
export function submissionsJobs(deps: JobDeps) {
  const { horizonMs, retryDelaySeconds, hubTimeoutMs, statusSyncCron } = deps.settings
  // One attempt makes at most ~10 hub calls (token, read, create, 3 uploads, complete, delete…).
  const attemptSeconds = Math.ceil((10 * hubTimeoutMs) / 1000) + 30
  const horizonSeconds = Math.ceil(horizonMs / 1000)
  // HubEE answers again (a delivery went through): the deliveries waiting for a retry, possibly
  // minutes ahead, run now instead of at their backoff. At most every 30 s per process.
  let broughtForwardAt = 0
  const bringForward = () => {
    const now = Date.now()
    if (now - broughtForwardAt < 30_000) return
    broughtForwardAt = now
    deps.jobQueue.retryNow(DELIVER_SUBMISSION_JOB).then(
      (count) => {
        if (count) deps.log.info({ count }, 'the hub answers: waiting deliveries brought forward')
      },
      () => undefined,
    )
  }
  return [
    defineJob<{ reference?: unknown }>({
      name: DELIVER_SUBMISSION_JOB,
      retry: {
        limit: retryLimitFor(horizonMs, retryDelaySeconds, retryCapFor(retryDelaySeconds)),
        delay: retryDelaySeconds,
        backoff: true,
        maxDelay: retryCapFor(retryDelaySeconds),
      },
      expireIn: attemptSeconds,
      // Kept (queued or retrying) well past the horizon: the job is never dropped before it gives up.
      retention: 2 * horizonSeconds + 86_400,
      async handler(data) {
        if (!Value.Check(DeliverData, data)) {
          deps.log.warn({}, 'delivery job without a valid reference: dropped')
          return
        }
        if (await deliverSubmission(deps, data.reference)) bringForward()
      },
    }),
    defineJob({
      name: SYNC_SUBMISSION_STATUSES_JOB,
      schedule: statusSyncCron,
      // The next tick does the same work: no retry.
      retry: { limit: 0, delay: 0, backoff: false },
      expireIn: 4 * 60,
      async handler() {
        let summary
        try {
          summary = await syncStatus({
            hub: deps.hub,
            tracker: postgresStatusTracker(deps.db),
            clock: deps.clock,
            log: deps.log,
          })
        } catch (error) {
          deps.log.warn(describe(error), 'status sync failed: retried at the next tick')
          throw error
        }
        if (summary.handled || summary.failed) deps.log.info({ ...summary }, 'submission statuses synced')
      },
    }),
    defineJob({
      name: FAIL_OVERDUE_DELIVERIES_JOB,
      schedule: '*/5 * * * *',
      retry: { limit: 0, delay: 0, backoff: false },
      expireIn: 4 * 60,
      async handler() {
        const failed = await failOverdueDeliveries(deps)
        if (failed) deps.log.info({ failed }, 'overdue deliveries failed')
      },
    }),
    defineJob({
      name: PURGE_SUBMISSIONS_JOB,
      schedule: '17 * * * *',
      retry: { limit: 0, delay: 0, backoff: false },
      expireIn: 30 * 60,
      async handler() {
        const purged = await purgeSubmissions(deps)
        if (purged.traces || purged.dossiers) deps.log.info(purged, 'submission traces and dossiers purged')
      },
    }),
  ]
}
