import type { SubmissionFailureReason, SubmissionStatus } from '@qf/contracts'
import { sql, type Selectable } from 'kysely'
import type { Db, DbOrTrx } from '../../db/connection.js'
import type { HubeeAttachmentSlot, SubmissionsTable } from '../../db/tables/submissions.js'
import type { SealedBox, SealedCell } from '../../lib/sealed-box.js'
import type { DeliveryRecord, DeliveryState, RecordedFolder } from './deliver.js'
import type { DossierContent } from './documents/index.js'
import type { ReportedStatus, StatusTracker } from './sync-status.js'

type Row = Selectable<SubmissionsTable>

/** The trace of one sending: no personal data (the sealed dossier is opened apart, by the job). */
export interface SubmissionTrace {
  reference: string
  siret: string
  status: SubmissionStatus
  submittedAt: Date
  deliveredAt: Date | null
  failedAt: Date | null
  /** Why it is `failed` (null otherwise, and for traces failed before reasons were recorded). */
  failureReason: SubmissionFailureReason | null
  updatedAt: Date
  folder: RecordedFolder | null
  depositPendingSince: Date | null
}

/** What the sealed dossier holds (dates as ISO strings). */
type SealedDossier = Omit<DossierContent, 'submittedAt'> & { submittedAt: string }

/** The sealed dossier is bound to its reference: copied onto another trace, it does not open. */
const dossierContext = (reference: string) => `submission:${reference}`

/** The one row → domain mapping. */
function toTrace(row: Row): SubmissionTrace {
  return {
    reference: row.reference,
    siret: row.siret,
    status: row.status,
    submittedAt: row.submitted_at,
    deliveredAt: row.delivered_at,
    failedAt: row.failed_at,
    failureReason: row.failure_reason,
    updatedAt: row.updated_at,
    folder: toFolder(row),
    depositPendingSince: row.deposit_pending_since,
  }
}

function toFolder(row: Pick<Row, 'hubee_folder_id' | 'hubee_case_id' | 'hubee_attachments'>) {
  if (row.hubee_folder_id === null || row.hubee_case_id === null) return null
  return {
    folderId: row.hubee_folder_id,
    caseId: row.hubee_case_id,
    attachments: (row.hubee_attachments ?? []).map((a) => ({ ...a })),
  }
}

/** The trace columns (never the sealed dossier, unless asked). */
const traceColumns = [
  'reference',
  'siret',
  'status',
  'submitted_at',
  'delivered_at',
  'failed_at',
  'failure_reason',
  'updated_at',
  'hubee_folder_id',
  'hubee_case_id',
  'hubee_attachments',
  'deposit_pending_since',
] as const

/** The statuses a reported status may replace: the trace only moves forward, never out of a final one. */
const replaceable: Record<ReportedStatus, SubmissionStatus[]> = {
  si_received: ['queued', 'delivered', 'failed'],
  in_progress: ['queued', 'delivered', 'failed', 'si_received'],
  done: ['queued', 'delivered', 'failed', 'si_received', 'in_progress'],
  refused: ['queued', 'delivered', 'failed', 'si_received', 'in_progress'],
}

export interface NewSubmission {
  reference: string
  siret: string
  submittedAt: Date
  dossier: DossierContent
}

/**
 * The submissions' traces, over the database or a transaction on it: the one row → domain mapping,
 * and sealing of the dossier with the box (AES-256-GCM bound to the reference).
 */
export function submissionRepository(db: DbOrTrx, box: SealedBox) {
  return {
    /** Inserts a `queued` trace with its sealed dossier; false when the reference is taken (draw again). */
    async insert(s: NewSubmission): Promise<boolean> {
      const sealed: SealedDossier = { ...s.dossier, submittedAt: s.dossier.submittedAt.toISOString() }
      const row = await db
        .insertInto('submissions')
        .values({
          reference: s.reference,
          siret: s.siret,
          status: 'queued',
          submitted_at: s.submittedAt,
          updated_at: s.submittedAt,
          sealed_dossier: box.seal(sealed, dossierContext(s.reference)),
        })
        .onConflict((oc) => oc.column('reference').doNothing())
        .returning('reference')
        .executeTakeFirst()
      return row !== undefined
    },

    async find(reference: string): Promise<SubmissionTrace | undefined> {
      const row = await db
        .selectFrom('submissions')
        .select(traceColumns)
        .where('reference', '=', reference)
        .executeTakeFirst()
      return row ? toTrace({ ...row, sealed_dossier: null }) : undefined
    },

    /** The trace with its collectivity's name (what `getSubmission` shows). */
    async findWithCollectivity(
      reference: string,
    ): Promise<{ trace: SubmissionTrace; collectivityName: string | null } | undefined> {
      const row = await db
        .selectFrom('submissions as s')
        .leftJoin('collectivities as c', 'c.siret', 's.siret')
        .select(traceColumns.map((c) => `s.${c}` as const))
        .select('c.name as collectivity_name')
        .where('s.reference', '=', reference)
        .executeTakeFirst()
      if (!row) return undefined
      const { collectivity_name, ...trace } = row
      return { trace: toTrace({ ...trace, sealed_dossier: null }), collectivityName: collectivity_name }
    },

    /** The dossier to deliver, or null once it was deleted (delivered, or failed long ago). */
    async openDossier(reference: string): Promise<DossierContent | null> {
      const row = await db
        .selectFrom('submissions')
        .select('sealed_dossier')
        .where('reference', '=', reference)
        .executeTakeFirst()
      if (!row?.sealed_dossier) return null
      const sealed = box.open<SealedDossier>(row.sealed_dossier, dossierContext(reference))
      return { ...sealed, submittedAt: new Date(sealed.submittedAt) }
    },

    /** Every sealed dossier still kept (queued, or failed within its retention), for a re-seal. */
    async sealedDossiers(): Promise<SealedCell[]> {
      const rows = await db
        .selectFrom('submissions')
        .select(['reference', 'sealed_dossier'])
        .where('sealed_dossier', 'is not', null)
        .orderBy('submitted_at')
        .execute()
      return rows.flatMap(({ reference, sealed_dossier: sealed }) =>
        sealed === null
          ? []
          : [
              {
                sealed,
                context: dossierContext(reference),
                async replace(next: string) {
                  const result = await db
                    .updateTable('submissions')
                    .set({ sealed_dossier: next })
                    .where('reference', '=', reference)
                    .where('sealed_dossier', '=', sealed)
                    .executeTakeFirst()
                  return Number(result.numUpdatedRows) === 1
                },
              },
            ],
      )
    },

    /**
     * The delivery gave up: `failed` with its reason, unless it was delivered meanwhile (delivered
     * wins). True when this call made it fail.
     */
    async markFailed(reference: string, at: Date, reason: SubmissionFailureReason): Promise<boolean> {
      const result = await db
        .updateTable('submissions')
        .set({ status: 'failed', failed_at: at, failure_reason: reason, updated_at: at })
        .where('reference', '=', reference)
        .where('status', '=', 'queued')
        .where('delivered_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    /** The references still `queued` that were submitted at or before `before` (oldest first). */
    async queuedSince(before: Date, limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom('submissions')
        .select('reference')
        .where('status', '=', 'queued')
        .where('submitted_at', '<=', before)
        .orderBy('submitted_at')
        .limit(limit)
        .execute()
      return rows.map((r) => r.reference)
    },

    /** Deletes the traces submitted at or before `before`; returns how many. */
    async deleteSubmittedBefore(before: Date): Promise<number> {
      const result = await db.deleteFrom('submissions').where('submitted_at', '<=', before).executeTakeFirst()
      return Number(result.numDeletedRows)
    },

    /** Deletes the sealed dossiers of sendings `failed` at or before `before`; returns how many. */
    async deleteFailedDossiers(before: Date): Promise<number> {
      const result = await db
        .updateTable('submissions')
        .set({ sealed_dossier: null })
        .where('status', '=', 'failed')
        .where('failed_at', '<=', before)
        .where('sealed_dossier', 'is not', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows)
    },

    /** The undelivered backlog: how many dossiers wait, and since when the oldest. */
    async backlog(): Promise<{ queued: number; oldestSubmittedAt: Date | null }> {
      const row = await db
        .selectFrom('submissions')
        .select((eb) => [eb.fn.countAll<number>().as('queued'), eb.fn.min('submitted_at').as('oldest')])
        .where('status', '=', 'queued')
        .executeTakeFirstOrThrow()
      return { queued: Number(row.queued), oldestSubmittedAt: row.oldest ? new Date(row.oldest) : null }
    },

    /** How many traces there are in each status. */
    async countByStatus(): Promise<{ status: SubmissionStatus; count: number }[]> {
      const rows = await db
        .selectFrom('submissions')
        .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
        .groupBy('status')
        .execute()
      return rows.map((r) => ({ status: r.status, count: Number(r.count) }))
    },
  }
}

export type SubmissionRepository = ReturnType<typeof submissionRepository>

/** Told, inside the transaction that marks the trace delivered, that a dossier reached its collectivity. */
export interface DeliveredDossier {
  reference: string
  siret: string
  deliveredAt: Date
  /** The HubEE folder and case now completed (recorded by the delivery). */
  hubeeFolderId: string | null
  hubeeCaseId: string | null
  /** The editor's id of the citizen (the landing link's `external_id`), or null. */
  externalId: string | null
}
export type OnDelivered = (delivered: DeliveredDossier, trx: DbOrTrx) => Promise<void>

const slots = (attachments: { attachmentId: string; fileName: string }[]): HubeeAttachmentSlot[] =>
  attachments.map((a) => ({ attachmentId: a.attachmentId, fileName: a.fileName, uploaded: false }))

/**
 * deliver()'s DeliveryState over the trace rows (ADR 0013): each call is one short statement (or
 * transaction) of its own, committed before the next hub call. `markDelivered` also deletes the
 * sealed dossier and runs the `onDelivered` hooks in the same transaction, once per reference.
 */
export function postgresDeliveryState(
  db: Db,
  options: {
    onDelivered?: readonly OnDelivered[]
    /** The dossier's `externalId`, told to the hooks (the sealed dossier is deleted by markDelivered). */
    externalId?: string | null
  } = {},
) {
  const hooks = options.onDelivered ?? []
  const state: DeliveryState = {
    async read(reference): Promise<DeliveryRecord> {
      const row = await db
        .selectFrom('submissions')
        .select([
          'hubee_folder_id',
          'hubee_case_id',
          'hubee_attachments',
          'deposit_pending_since',
          'delivered_at',
        ])
        .where('reference', '=', reference)
        .executeTakeFirst()
      if (!row) throw new Error(`no trace for reference ${reference}`)
      return {
        folder: toFolder(row),
        depositPendingSince: row.deposit_pending_since,
        deliveredAt: row.delivered_at,
      }
    },

    async beginDeposit(reference, at) {
      await db
        .updateTable('submissions')
        .set({ deposit_pending_since: at })
        .where('reference', '=', reference)
        .execute()
    },

    async claimFolder(reference, folder) {
      // One statement: Postgres re-evaluates it on the committed row when another claim got there
      // first, so the first folder recorded stays (compare-and-set).
      const row = await db
        .updateTable('submissions')
        .set({
          hubee_folder_id: sql<string>`coalesce(hubee_folder_id, ${folder.folderId})`,
          hubee_case_id: sql<string>`case when hubee_folder_id is null then ${folder.caseId} else hubee_case_id end`,
          hubee_attachments: sql<string>`case when hubee_folder_id is null then ${JSON.stringify(
            slots(folder.attachments),
          )}::jsonb else hubee_attachments end`,
          deposit_pending_since: null,
        })
        .where('reference', '=', reference)
        .returning(['hubee_folder_id', 'hubee_case_id', 'hubee_attachments'])
        .executeTakeFirst()
      const recorded = row && toFolder(row)
      if (!recorded) throw new Error(`no trace for reference ${reference}`)
      return recorded
    },

    async cancelDeposit(reference) {
      await db
        .updateTable('submissions')
        .set({ deposit_pending_since: null })
        .where('reference', '=', reference)
        .execute()
    },

    async markUploaded(reference, attachmentId) {
      await db
        .updateTable('submissions')
        .set({
          hubee_attachments: sql<string>`(
            select jsonb_agg(case when e->>'attachmentId' = ${attachmentId}
              then jsonb_set(e, '{uploaded}', 'true'::jsonb) else e end order by n)
            from jsonb_array_elements(hubee_attachments) with ordinality as t(e, n))`,
        })
        .where('reference', '=', reference)
        .where('hubee_attachments', 'is not', null)
        .execute()
    },

    async releaseFolder(reference, folderId) {
      await db
        .updateTable('submissions')
        .set({ hubee_folder_id: null, hubee_case_id: null, hubee_attachments: null })
        .where('reference', '=', reference)
        .where('hubee_folder_id', '=', folderId)
        .execute()
    },

    async markDelivered(reference, at) {
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('submissions')
          .set({
            status: sql<SubmissionStatus>`case when status in ('queued', 'failed') then 'delivered' else status end`,
            delivered_at: at,
            failed_at: null,
            failure_reason: null,
            updated_at: at,
            sealed_dossier: null,
          })
          .where('reference', '=', reference)
          .where('delivered_at', 'is', null)
          .returning(['reference', 'siret', 'hubee_folder_id', 'hubee_case_id'])
          .executeTakeFirst()
        if (!row) {
          // Delivered already (a stray retry): the dossier must be gone all the same.
          await trx
            .updateTable('submissions')
            .set({ sealed_dossier: null })
            .where('reference', '=', reference)
            .where('sealed_dossier', 'is not', null)
            .execute()
          return
        }
        for (const hook of hooks)
          await hook(
            {
              reference: row.reference,
              siret: row.siret,
              deliveredAt: at,
              hubeeFolderId: row.hubee_folder_id,
              hubeeCaseId: row.hubee_case_id,
              externalId: options.externalId ?? null,
            },
            trx,
          )
      })
    },
  }
  return state
}

/** syncStatus()'s StatusTracker over the trace rows. */
export function postgresStatusTracker(db: DbOrTrx): StatusTracker {
  return {
    async findByCase(caseId) {
      const row = await db
        .selectFrom('submissions')
        .select(['reference', 'hubee_folder_id'])
        .where('hubee_case_id', '=', caseId)
        .executeTakeFirst()
      return row ? { reference: row.reference, folderId: row.hubee_folder_id } : null
    },

    async report(reference, status, at) {
      await db
        .updateTable('submissions')
        .set({ status, updated_at: at })
        .where('reference', '=', reference)
        .where('status', 'in', replaceable[status])
        .execute()
    },

    async forgetHubIds(reference) {
      await db
        .updateTable('submissions')
        .set({ hubee_folder_id: null, hubee_case_id: null, hubee_attachments: null })
        .where('reference', '=', reference)
        .execute()
    },
  }
}
