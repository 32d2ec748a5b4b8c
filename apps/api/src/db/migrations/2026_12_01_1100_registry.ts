import { sql, type Kysely, type Migration } from 'kysely'

/**
 * The registry's write side (issue 11). Frozen once merged: change it with a new migration.
 * - `collectivities` gains the editor's SIRET (the `editor` column keeps its name), contacts, the
 *   sealed API Particulier token with its expiry, its source and the renewal mark, the HubEE
 *   subscription state and the DataPass request id; the token reference column is dropped (the token
 *   itself is now stored, sealed).
 * - `api_keys`: admin API keys, stored as the SHA-256 of their secret.
 * - `onboardings`: the DataPass onboardings (the Postgres `OnboardingStore`).
 */
export const registry: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('collectivities')
      .addColumn('editor_siret', 'text', (c) => c.check(sql`editor_siret ~ '^[0-9]{14}$'`))
      .addColumn('contacts', 'jsonb', (c) =>
        c.notNull().defaultTo(sql`'{"requester":null,"dpo":null}'::jsonb`),
      )
      .addColumn('api_particulier_token_sealed', 'text')
      .addColumn('api_particulier_token_source', 'text', (c) =>
        c.check(sql`api_particulier_token_source in ('jwt', 'admin')`),
      )
      .addColumn('api_particulier_token_expiring_since', 'timestamptz')
      .addColumn('hubee_subscription', 'jsonb')
      .addColumn('datapass_id', 'integer')
      .dropColumn('api_particulier_token_ref')
      .execute()
    await sql`alter table collectivities add constraint collectivities_editor_pair
      check ((editor is null) = (editor_siret is null))`.execute(db)
    await sql`alter table collectivities add constraint collectivities_token_pair
      check ((api_particulier_token_sealed is null) = (api_particulier_token_expires_at is null))`.execute(db)
    await db.schema
      .createIndex('collectivities_editor_siret_idx')
      .on('collectivities')
      .column('editor_siret')
      .execute()
    await db.schema
      .createIndex('collectivities_token_expires_idx')
      .on('collectivities')
      .column('api_particulier_token_expires_at')
      .execute()

    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[a-z0-9]{8,16}$'`))
      .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
      .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope ~ '^(admin|editor:[0-9]{14})$'`))
      .addColumn('label', 'text', (c) => c.notNull().check(sql`length(label) between 1 and 200`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('revoked_at', 'timestamptz')
      .addColumn('last_used_at', 'timestamptz')
      .execute()

    await db.schema
      .createTable('onboardings')
      .addColumn('datapass_id', 'integer', (c) => c.primaryKey())
      .addColumn('siret', 'text', (c) => c.notNull().check(sql`siret ~ '^[0-9]{14}$'`))
      .addColumn('editor_siret', 'text')
      .addColumn('request', 'jsonb', (c) => c.notNull())
      .addColumn('fired_at', 'timestamptz', (c) => c.notNull())
      .addColumn('state', 'text', (c) =>
        c.notNull().check(sql`state in ('in_progress', 'waiting_retry', 'failed', 'completed')`),
      )
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('steps', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('last_error', 'jsonb')
      .addColumn('started_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('completed_at', 'timestamptz')
      .execute()
    await db.schema.createIndex('onboardings_siret_idx').on('onboardings').column('siret').execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('onboardings').execute()
    await db.schema.dropTable('api_keys').execute()
    await db.schema
      .alterTable('collectivities')
      .dropColumn('editor_siret')
      .dropColumn('contacts')
      .dropColumn('api_particulier_token_sealed')
      .dropColumn('api_particulier_token_source')
      .dropColumn('api_particulier_token_expiring_since')
      .dropColumn('hubee_subscription')
      .dropColumn('datapass_id')
      .addColumn('api_particulier_token_ref', 'text')
      .execute()
  },
}
