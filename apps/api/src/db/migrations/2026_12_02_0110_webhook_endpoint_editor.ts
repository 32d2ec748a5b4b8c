import { sql, type Kysely, type Migration } from 'kysely'

/**
 * A collectivity's webhook endpoint belongs to the collectivity's editor at the time it was set
 * (`editor_siret`, `null` when it had none): when the editor changes, the former editor's endpoint
 * stops receiving events (issue 16, security probe L1). Existing rows: the current editor.
 * Frozen once merged: change it with a new migration.
 */
export const webhookEndpointEditor: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('webhook_endpoints')
      .addColumn('editor_siret', 'text', (c) => c.check(sql`editor_siret ~ '^[0-9]{14}$'`))
      .execute()
    await sql`update webhook_endpoints e set editor_siret = case
        when e.owner_kind = 'editor' then e.owner_siret
        else (select c.editor_siret from collectivities c where c.siret = e.owner_siret) end`.execute(db)
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('webhook_endpoints').dropColumn('editor_siret').execute()
  },
}
