import type { SubmissionFailureReason, SubmissionStatus } from '@qf/contracts'
import type { ColumnType } from 'kysely'

/** One recorded HubEE attachment slot (ids and file name only). */
export interface HubeeAttachmentSlot {
  attachmentId: string
  fileName: string
  uploaded: boolean
}

/** The `submissions` trace table (migration `2026_12_01_1000_submissions`): no personal data but the sealed dossier. */
export interface SubmissionsTable {
  reference: string
  siret: string
  /** Checked by the database against the contract's `SubmissionStatus`. */
  status: SubmissionStatus
  submitted_at: Date
  delivered_at: Date | null
  failed_at: Date | null
  /** Why it is `failed` (migration `2026_12_02_0200_submission_failure_reason`); null otherwise. */
  failure_reason: ColumnType<SubmissionFailureReason | null, SubmissionFailureReason | null | undefined>
  updated_at: Date
  /** The DossierContent sealed with AES-256-GCM, bound to the reference; null once delivered. */
  sealed_dossier: string | null
  hubee_folder_id: string | null
  hubee_case_id: string | null
  hubee_attachments: ColumnType<HubeeAttachmentSlot[] | null, string | null, string | null>
  deposit_pending_since: Date | null
}
