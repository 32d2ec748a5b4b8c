import { sql, type Kysely, type Migration } from 'kysely'

/**
 * Where the "dossier completed" webhook is posted: one endpoint per owner, a collectivity or an
 * editor (by SIRET). The secret is sealed at rest (SealedBox, bound to the endpoint id). Frozen once
 * merged: change it with a new migration.
 */
export const webhookEndpoints: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('webhook_endpoints')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('owner_kind', 'text', (c) =>
        c.notNull().check(sql`owner_kind in ('collectivity', 'editor')`),
      )
      .addColumn('owner_siret', 'text', (c) => c.notNull().check(sql`owner_siret ~ '^[0-9]{14}$'`))
      .addColumn('url', 'text', (c) => c.notNull().check(sql`length(url) between 9 and 2048`))
      .addColumn('sealed_secret', 'text', (c) => c.notNull())
      .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('webhook_endpoints_owner_key', ['owner_kind', 'owner_siret'])
      .execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('webhook_endpoints').execute()
  },
}
