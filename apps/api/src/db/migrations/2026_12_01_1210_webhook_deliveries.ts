import { sql, type Kysely, type Migration } from 'kysely'

/**
 * One row per (event, endpoint): the event posted (its JSON body: ids, reference, SIRET,
 * `external_id`, time — no personal data) and the outcome of its attempts. Removing an endpoint
 * removes its deliveries. Frozen once merged.
 */
export const webhookDeliveries: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('event_id', 'uuid', (c) => c.notNull())
      .addColumn('endpoint_id', 'uuid', (c) =>
        c.notNull().references('webhook_endpoints.id').onDelete('cascade'),
      )
      .addColumn('reference', 'text', (c) => c.notNull().check(sql`length(reference) between 1 and 16`))
      .addColumn('collectivity_siret', 'text', (c) =>
        c.notNull().check(sql`collectivity_siret ~ '^[0-9]{14}$'`),
      )
      .addColumn('event', 'jsonb', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`attempts >= 0`),
      )
      .addColumn('last_status', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('last_attempt_at', 'timestamptz')
      .addColumn('next_attempt_at', 'timestamptz')
      .addColumn('delivered_at', 'timestamptz')
      .addColumn('failed_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('webhook_deliveries_event_endpoint_key', ['event_id', 'endpoint_id'])
      .addCheckConstraint('webhook_deliveries_outcome_check', sql`delivered_at is null or failed_at is null`)
      .execute()
    await db.schema
      .createIndex('webhook_deliveries_reference_idx')
      .on('webhook_deliveries')
      .column('reference')
      .execute()
    await db.schema
      .createIndex('webhook_deliveries_siret_created_idx')
      .on('webhook_deliveries')
      .columns(['collectivity_siret', 'created_at'])
      .execute()
    await db.schema
      .createIndex('webhook_deliveries_endpoint_created_idx')
      .on('webhook_deliveries')
      .columns(['endpoint_id', 'created_at'])
      .execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('webhook_deliveries').execute()
  },
}
