import { formulaireQf, type SubmissionStatus } from '@qf/contracts'
import type { Clock } from '../../ports/clock.js'
import { type DossierHub, DossierHubError, type HubNotification } from '../../ports/dossier-hub.js'
import type { DeliveryLog } from './deliver.js'

/** The statuses the collectivity's software reports, as the trace spells them. */
export type ReportedStatus = Extract<SubmissionStatus, 'si_received' | 'in_progress' | 'done' | 'refused'>

/** HubEE case status → trace status; the others (SENT, SI_INTG_ERROR…) change nothing for the citizen. */
const reported: Partial<Record<string, ReportedStatus>> = {
  SI_RECEIVED: 'si_received',
  IN_PROGRESS: 'in_progress',
  ADD_AWAITING: 'in_progress',
  DONE: 'done',
  REFUSED: 'refused',
}
const final = new Set<ReportedStatus>(['done', 'refused'])

/** Where the statuses go (the trace rows, in Postgres). */
export interface StatusTracker {
  /** The sending whose HubEE case this is, or null (purged, or unknown). */
  findByCase(caseId: string): Promise<{ reference: string; folderId: string | null } | null>
  /** Records the new status. Idempotent; must not move a final status (`done`, `refused`) back. */
  report(reference: string, status: ReportedStatus, at: Date): Promise<void>
  /** Case and folder are closed at HubEE: the trace forgets their ids. */
  forgetHubIds(reference: string): Promise<void>
}

export interface SyncStatusDeps {
  hub: DossierHub
  tracker: StatusTracker
  clock: Clock
  log: DeliveryLog
}

export interface SyncSummary {
  /** Notifications of the process handled (and deleted). */
  handled: number
  /** Statuses reported to the tracker. */
  reported: number
  /** Cases closed. */
  closed: number
  /** Notifications whose HubEE calls failed (retryable): left at HubEE for the next run. */
  failed: number
}

/**
 * One status sync run: reads every `FormulaireQF` notification of the depositor (all pages), reads each
 * `STATUS_UPDATE` event, reports the new status, closes case and folder on `DONE`/`REFUSED`,
 * acknowledges the event, then deletes the notification. Notifications of other processes of the
 * account are left alone. Each step is idempotent, so a run that dies is simply done again.
 *
 * A notification whose HubEE call fails (retryable: down, slow, 5xx) is logged, counted in `failed` and
 * left at HubEE: the run goes on with the others, and the next run retries only what is left. Throws
 * when the list itself cannot be read (nothing else can be done) or the tracker (database) fails.
 */
export async function syncStatus(
  deps: SyncStatusDeps,
  options: { pageSize?: number } = {},
): Promise<SyncSummary> {
  const { hub, log } = deps
  const summary: SyncSummary = { handled: 0, reported: 0, closed: 0, failed: 0 }
  const processCode = formulaireQf.processCode
  for await (const notification of hub.listNotifications({ processCode, pageSize: options.pageSize })) {
    if (notification.processCode !== processCode) continue
    try {
      try {
        await handle(deps, notification, summary)
      } catch (error) {
        if (!(error instanceof DossierHubError) || error.retryable) throw error
        // The case or event is gone or refused for good: nothing to learn from this notification.
        log.warn(hubFailure(notification, error), 'status notification could not be handled')
      }
      await hub.deleteNotification(notification.id)
      summary.handled++
    } catch (error) {
      if (!(error instanceof DossierHubError)) throw error
      summary.failed++
      log.warn(hubFailure(notification, error), 'status notification failed: retried at the next run')
    }
  }
  return summary
}

/** What a log says of a failed call on a notification: ids and HubEE's codes, nothing personal. */
const hubFailure = (notification: HubNotification, error: DossierHubError) => ({
  notificationId: notification.id,
  caseId: notification.caseId,
  failure: error.failure,
  operation: error.operation,
  status: error.status,
  hubCode: error.hubCode,
})

async function handle(deps: SyncStatusDeps, notification: HubNotification, summary: SyncSummary) {
  const { hub, tracker, clock, log } = deps
  const { caseId, eventId } = notification
  if (!caseId || !eventId) return
  const event = await hub.readEvent(caseId, eventId)
  const status = event.actionType === 'STATUS_UPDATE' ? reported[event.caseNewStatus ?? ''] : undefined
  if (status) {
    const trace = await tracker.findByCase(caseId)
    if (trace) {
      await tracker.report(trace.reference, status, clock.now())
      summary.reported++
    } else log.warn({ caseId }, 'status of an unknown case')
    if (final.has(status)) {
      await closeCaseAndFolder(hub, caseId, event.caseNewStatus ?? '', trace?.folderId ?? null)
      if (trace) await tracker.forgetHubIds(trace.reference)
      summary.closed++
      log.info({ reference: trace?.reference ?? null, caseId, status }, 'case closed')
    }
  }
  if (event.status === 'SENT') await hub.acknowledgeEvent(caseId, eventId)
}

/** `PATCH CLOSED` + event on the case, then the folder; skipped where HubEE shows it closed already. */
async function closeCaseAndFolder(hub: DossierHub, caseId: string, current: string, folderId: string | null) {
  const folder = folderId ? await hub.readFolder(folderId) : null
  const kase = folder?.cases.find((c) => c.caseId === caseId)
  if (kase?.status !== 'CLOSED') {
    try {
      await hub.closeCase(caseId, kase?.status ?? current)
    } catch (error) {
      // Without the folder we cannot know whether an earlier run closed it: HubEE says so with a 400.
      if (!(error instanceof DossierHubError) || error.failure !== 'refused' || kase) throw error
    }
  }
  if (folder && folder.status !== 'CLOSED') await hub.closeFolder(folder.folderId)
}
