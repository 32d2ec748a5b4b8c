import { sql, type Kysely, type Migration } from 'kysely'

/**
 * Collectivities that receive the quotient familial. Frozen once merged: change it with a new migration.
 * `departement` and `search_name` are derived in TypeScript on write (PGlite has no `unaccent`).
 */
export const collectivities: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('collectivities')
      .addColumn('siret', 'text', (c) => c.primaryKey().check(sql`siret ~ '^[0-9]{14}$'`))
      .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 200`))
      .addColumn('cog_code', 'text', (c) => c.notNull().check(sql`cog_code ~ '^([0-9]{2}|2A|2B)[0-9]{3}$'`))
      .addColumn('departement', 'text', (c) =>
        c.notNull().check(sql`departement ~ '^([0-9]{2}|2A|2B|97[0-9])$'`),
      )
      .addColumn('postal_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'inactive')`))
      .addColumn('editor', 'text')
      .addColumn('allowed_redirect_origins', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
      .addColumn('api_particulier_token_ref', 'text')
      .addColumn('api_particulier_token_expires_at', 'timestamptz')
      .addColumn('hubee_branch_code', 'text', (c) => c.notNull())
      .addColumn('search_name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
    await db.schema
      .createIndex('collectivities_active_search_name_idx')
      .on('collectivities')
      .column('search_name')
      .where(sql.ref('status'), '=', 'active')
      .execute()
    await db.schema
      .createIndex('collectivities_departement_idx')
      .on('collectivities')
      .column('departement')
      .execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('collectivities').execute()
  },
}
