import { sql, type Kysely, type Migration } from 'kysely'

/**
 * Why a sending ended `failed` (`failure_reason`, the contract's `SubmissionFailureReason`): a code,
 * never the hub's message. Null for the traces failed before it existed and for those not failed.
 * Frozen once merged.
 */
export const submissionFailureReason: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('submissions').addColumn('failure_reason', 'text').execute()
    await sql`alter table submissions add constraint submissions_failure_reason_check
      check (failure_reason in ('collectivity_cannot_receive', 'dossier_unreadable', 'hub_unavailable', 'hub_rejected'))`.execute(
      db,
    )
  },
  async down(db: Kysely<unknown>) {
    await sql`alter table submissions drop constraint submissions_failure_reason_check`.execute(db)
    await db.schema.alterTable('submissions').dropColumn('failure_reason').execute()
  },
}
