import { sql, type Kysely, type Migration } from 'kysely'

/**
 * The trace of each sending (issue 9): what the service keeps, at most 90 days, of a dossier once it
 * has left the session — the reference, the collectivity, where the delivery stands and HubEE's ids
 * while the case is open. The dossier itself (personal data) is sealed in `sealed_dossier` until it is
 * delivered (or a while after it finally failed). Frozen once merged.
 */
export const submissions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('submissions')
      .addColumn('reference', 'char(13)', (c) => c.primaryKey())
      .addColumn('siret', 'char(14)', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
      .addColumn('delivered_at', 'timestamptz')
      .addColumn('failed_at', 'timestamptz')
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('sealed_dossier', 'text')
      .addColumn('hubee_folder_id', 'text')
      .addColumn('hubee_case_id', 'text')
      /** `[{attachmentId, fileName, uploaded}]` of the recorded folder (no content). */
      .addColumn('hubee_attachments', 'jsonb')
      .addColumn('deposit_pending_since', 'timestamptz')
      .execute()
    await sql`alter table submissions add constraint submissions_status_check
      check (status in ('queued', 'delivered', 'si_received', 'in_progress', 'done', 'refused', 'failed'))`.execute(
      db,
    )
    await sql`alter table submissions add constraint submissions_folder_check
      check ((hubee_folder_id is null) = (hubee_case_id is null)
        and (hubee_folder_id is null) = (hubee_attachments is null))`.execute(db)
    await db.schema
      .createIndex('submissions_hubee_case_id_idx')
      .on('submissions')
      .column('hubee_case_id')
      .unique()
      .execute()
    await db.schema
      .createIndex('submissions_submitted_at_idx')
      .on('submissions')
      .column('submitted_at')
      .execute()
    await sql`create index submissions_undelivered_idx on submissions (submitted_at) where status = 'queued'`.execute(
      db,
    )
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('submissions').execute()
  },
}
