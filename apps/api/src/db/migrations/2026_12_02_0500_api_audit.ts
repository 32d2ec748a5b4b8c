import { sql, type Kysely, type Migration } from 'kysely'

/**
 * The audit trail of the API keys (issue 21, M2): one row per call made with a key (QF lookup,
 * admin read or write). No personal data: who, what operation, which collectivity, outcome, when.
 * Frozen once merged.
 */
export const apiAudit: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('api_audit')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull().check(sql`key_id ~ '^[a-z0-9]{8,16}$'`))
      .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope ~ '^(admin|editor:[0-9]{14})$'`))
      .addColumn('operation', 'text', (c) => c.notNull().check(sql`length(operation) between 1 and 64`))
      .addColumn('collectivity_siret', 'text', (c) => c.check(sql`collectivity_siret ~ '^[0-9]{14}$'`))
      .addColumn('outcome', 'text', (c) =>
        c.notNull().check(sql`outcome in ('pending', 'success', 'refused', 'error')`),
      )
      .addColumn('status_code', 'integer', (c) => c.check(sql`status_code between 100 and 599`))
      .addCheckConstraint('api_audit_pending_check', sql`(outcome = 'pending') = (status_code is null)`)
      .execute()
    await db.schema.createIndex('api_audit_at_idx').on('api_audit').column('at').execute()
    await db.schema.createIndex('api_audit_key_at_idx').on('api_audit').columns(['key_id', 'at']).execute()
    await db.schema
      .createIndex('api_audit_siret_at_idx')
      .on('api_audit')
      .columns(['collectivity_siret', 'at'])
      .execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('api_audit').execute()
  },
}
