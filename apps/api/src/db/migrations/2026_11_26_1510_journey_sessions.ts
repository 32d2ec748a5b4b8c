import { sql, type Kysely, type Migration } from 'kysely'

/** Server-side journey sessions. Frozen once merged. */
export const journeySessions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('journey_sessions')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
      .addColumn('siret', 'char(14)', (c) => c.notNull())
      .addColumn('external_id', 'text')
      .addColumn('redirect_uri', 'text')
      .addColumn('frontend_url', 'text')
      .addColumn('step', 'text', (c) => c.notNull())
      .addColumn('login_state', 'text', (c) => c.unique())
      .addColumn('login_binding_hash', 'text')
      .addColumn('login_transaction', 'text')
      .addColumn('login_code_hash', 'text', (c) => c.unique())
      .addColumn('login_code_expires_at', 'timestamptz')
      .addColumn('personal_data', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('journey_sessions_expires_at_idx')
      .on('journey_sessions')
      .column('expires_at')
      .execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('journey_sessions').execute()
  },
}
