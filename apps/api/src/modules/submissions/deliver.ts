import { formulaireQf, type SubmissionFailureReason } from '@qf/contracts'
import type { Clock } from '../../ports/clock.js'
import {
  type DepositedFolder,
  type DossierHub,
  DossierHubError,
  type DossierHubFailure,
  type FolderState,
  type FolderToDeposit,
} from '../../ports/dossier-hub.js'
import {
  buildAttachments,
  type DossierAttachment,
  type DossierContent,
  DossierContentError,
} from './documents/index.js'
import { refusalReason } from './failure-reason.js'

/** A folder recorded for a reference: the hub's ids, and which files were uploaded. */
export interface RecordedFolder {
  folderId: string
  caseId: string
  attachments: { attachmentId: string; fileName: string; uploaded: boolean }[]
}

/** What the previous attempts left for a reference (the trace row, in Postgres). */
export interface DeliveryRecord {
  folder: RecordedFolder | null
  /**
   * Set when POST /folders was sent and neither answered nor refused: a folder may exist at the hub
   * whose id we never recorded (an orphan, ADR 0013).
   */
  depositPendingSince: Date | null
  deliveredAt: Date | null
}

/**
 * Where the delivery keeps its progress, per reference, so that a retry (or another worker) finds what
 * an earlier attempt created at the hub. Each call is its own short transaction, committed before the
 * next hub call.
 */
export interface DeliveryState {
  read(reference: string): Promise<DeliveryRecord>
  /** Just before POST /folders: sets `depositPendingSince`. */
  beginDeposit(reference: string, at: Date): Promise<void>
  /**
   * Right after POST /folders answered: records the folder **unless one is already recorded**, and
   * clears `depositPendingSince` either way. One statement in Postgres, e.g.
   * `UPDATE trace SET folder_id = COALESCE(folder_id, $1), case_id = CASE WHEN folder_id IS NULL THEN $2
   * ELSE case_id END, attachments = CASE WHEN folder_id IS NULL THEN $3 ELSE attachments END,
   * deposit_pending_since = NULL WHERE reference = $4 RETURNING folder_id, case_id, attachments`.
   * Returns the recorded folder: this one, or the one another worker recorded first.
   */
  claimFolder(reference: string, folder: DepositedFolder): Promise<RecordedFolder>
  /** POST /folders was refused (4xx): no folder exists; clears `depositPendingSince`. */
  cancelDeposit(reference: string): Promise<void>
  markUploaded(reference: string, attachmentId: string): Promise<void>
  /** Forgets the folder if it is still the recorded one (it was deleted, or is gone). */
  releaseFolder(reference: string, folderId: string): Promise<void>
  /** The folder is completed: the recipient is notified. Idempotent. */
  markDelivered(reference: string, at: Date): Promise<void>
}

/** Pino-compatible. Never given personal data: reference, ids, hub codes only. */
export interface DeliveryLog {
  info(fields: Record<string, unknown>, message: string): void
  warn(fields: Record<string, unknown>, message: string): void
}

export interface DeliverDeps {
  hub: DossierHub
  state: DeliveryState
  clock: Clock
  log: DeliveryLog
}

export type DeliveryOutcome =
  | { outcome: 'delivered'; folderId: string; caseId: string; reused: boolean }
  /** The state says delivered already (a stray retry): nothing was sent. */
  | { outcome: 'already_delivered' }
  /** Permanent: the hub refused the dossier (or it cannot be rendered); retrying will not help. */
  | {
      outcome: 'refused'
      failure: DossierHubFailure | 'invalid_dossier'
      /** What the trace says of it (a code; never the hub's message). */
      reason: SubmissionFailureReason
      hubCode: number | null
      hubMessage: string | null
    }

const applicantMax = 255

function folderToDeposit(content: DossierContent, files: DossierAttachment[]): FolderToDeposit {
  return {
    processCode: formulaireQf.processCode,
    externalId: formulaireQf.folderExternalId(content.reference),
    applicant: {
      firstName: content.pivotIdentity.given_name.slice(0, applicantMax),
      lastName: content.pivotIdentity.family_name.slice(0, applicantMax),
    },
    case: {
      externalId: formulaireQf.caseExternalId(content.reference),
      recipient: { siret: content.collectivity.siret, cog: content.collectivity.cog },
    },
    attachments: files.map((f) => ({
      fileName: f.fileName,
      type: formulaireQf.attachmentType,
      mimeType: f.mimeType,
      size: f.bytes.length,
    })),
  }
}

/** The hub's folder still declares exactly these files (name and size, in order). */
const declaresFiles = (folder: FolderState, files: DossierAttachment[]) =>
  folder.attachments.length === files.length &&
  files.every(
    (f, i) =>
      folder.attachments[i]?.fileName === f.fileName && folder.attachments[i]?.size === f.bytes.length,
  )

const completed = (folder: FolderState) => folder.status !== 'HUBEE_RECEIVED'

/**
 * Delivers one dossier to its collectivity through the hub: exactly one completed folder per reference,
 * whatever dies or races (ADR 0013). A retry reuses the folder an earlier attempt recorded while it is
 * `HUBEE_RECEIVED` (uploads what is missing, completes it); a folder found completed means delivered.
 *
 * Returns `delivered` or `refused` (permanent: the folder, if any, is deleted). Throws a retryable
 * DossierHubError (hub down, slow, rate-limiting) or any state error: the caller retries later, the
 * folder left `HUBEE_RECEIVED` is reused then.
 *
 * One job per reference is enqueued (in the submission's transaction), but an expired attempt may run
 * beside its retry, or two workers race: `claimFolder`'s compare-and-set is what keeps one folder per
 * reference (pg-boss's `singletonKey` does nothing on our `standard` queues, so none is sent).
 */
export async function deliver(deps: DeliverDeps, content: DossierContent): Promise<DeliveryOutcome> {
  const { hub, state, clock, log } = deps
  const reference = content.reference
  const record = await state.read(reference)
  if (record.deliveredAt) return { outcome: 'already_delivered' }

  let files: DossierAttachment[]
  try {
    files = await buildAttachments(content)
  } catch (error) {
    if (!(error instanceof DossierContentError)) throw error
    log.warn({ reference, reason: error.message }, 'dossier cannot be rendered')
    return {
      outcome: 'refused',
      failure: 'invalid_dossier',
      reason: 'dossier_unreadable',
      hubCode: null,
      hubMessage: null,
    }
  }

  let recorded = record.folder
  let folder: FolderState | null = null
  if (recorded) {
    folder = await hub.readFolder(recorded.folderId)
    if (folder && completed(folder)) {
      await state.markDelivered(reference, clock.now())
      log.info({ reference, folderId: folder.folderId }, 'folder already completed by an earlier attempt')
      return { outcome: 'delivered', folderId: folder.folderId, caseId: recorded.caseId, reused: true }
    }
    if (folder && !declaresFiles(folder, files)) {
      log.warn({ reference, folderId: folder.folderId }, 'earlier folder declares other files: deleting it')
      await hub.deleteFolder(folder.folderId)
      folder = null
    }
    if (!folder) {
      await state.releaseFolder(reference, recorded.folderId)
      recorded = null
    }
  } else if (record.depositPendingSince) {
    // POST /folders was sent before but no id was recorded: the answer was lost, or the worker died
    // before recording it. Such a folder stays HUBEE_RECEIVED, never reaches the recipient (ADR 0013).
    log.warn(
      { reference, depositPendingSince: record.depositPendingSince.toISOString() },
      'possible orphan folder at the hub',
    )
  }

  const reused = recorded !== null
  if (!recorded) {
    await state.beginDeposit(reference, clock.now())
    let deposited: DepositedFolder
    try {
      deposited = await hub.depositFolder(folderToDeposit(content, files))
    } catch (error) {
      if (error instanceof DossierHubError && !error.retryable) {
        await state.cancelDeposit(reference)
        return refused(deps, reference, error)
      }
      // 503 / 429: HubEE did not take the request, no folder exists; only a lost answer (a timeout, a
      // reset, another 5xx) may hide one. The "possible orphan" count stays meaningful in an incident.
      if (error instanceof DossierHubError && (error.status === 503 || error.status === 429))
        await state.cancelDeposit(reference)
      throw error
    }
    recorded = await state.claimFolder(reference, deposited)
    if (recorded.folderId !== deposited.folderId) {
      log.warn(
        { reference, folderId: deposited.folderId },
        'another worker recorded a folder first: deleting ours',
      )
      await hub.deleteFolder(deposited.folderId).catch((error: unknown) => {
        log.warn(
          { reference, folderId: deposited.folderId, error: errorText(error) },
          'could not delete our folder',
        )
      })
      folder = await hub.readFolder(recorded.folderId)
      if (!folder) throw new DossierHubError('not_found', 'readFolder', 404, null, 'recorded folder is gone')
    }
  }

  const folderId = recorded.folderId
  try {
    for (const [i, file] of files.entries()) {
      const slot = recorded.attachments.find((a) => a.fileName === file.fileName) ?? recorded.attachments[i]
      if (!slot)
        throw new DossierHubError('unexpected_answer', 'depositFolder', null, null, 'attachment slot missing')
      const atHub = folder?.attachments.find((a) => a.attachmentId === slot.attachmentId)
      if (atHub ? atHub.status === 'RECEIVED' : slot.uploaded) continue
      await hub.uploadAttachment(folderId, slot.attachmentId, file.bytes)
      await state.markUploaded(reference, slot.attachmentId)
    }
    await hub.completeFolder(folderId)
  } catch (error) {
    if (!(error instanceof DossierHubError) || error.retryable) throw error
    // Refused: maybe because another worker completed (or deleted) the folder meanwhile.
    const now = await hub.readFolder(folderId)
    if (now && completed(now)) return delivered(deps, reference, now, recorded.caseId, true)
    if (now) await hub.deleteFolder(folderId)
    await state.releaseFolder(reference, folderId)
    return refused(deps, reference, error)
  }
  return delivered(deps, reference, { folderId }, recorded.caseId, reused)
}

async function delivered(
  { state, clock, log }: DeliverDeps,
  reference: string,
  folder: { folderId: string },
  caseId: string,
  reused: boolean,
): Promise<DeliveryOutcome> {
  await state.markDelivered(reference, clock.now())
  log.info({ reference, folderId: folder.folderId, reused }, 'dossier delivered')
  return { outcome: 'delivered', folderId: folder.folderId, caseId, reused }
}

function refused({ log }: DeliverDeps, reference: string, error: DossierHubError): DeliveryOutcome {
  log.warn(
    {
      reference,
      operation: error.operation,
      status: error.status,
      hubCode: error.hubCode,
      hubMessage: error.hubMessage,
    },
    'dossier refused by the hub',
  )
  return {
    outcome: 'refused',
    failure: error.failure,
    reason: refusalReason(error),
    hubCode: error.hubCode,
    hubMessage: error.hubMessage,
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error))
