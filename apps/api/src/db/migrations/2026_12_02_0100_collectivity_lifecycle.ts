import { sql, type Kysely, type Migration } from 'kysely'

/**
 * A collectivity's lifecycle (issue 16, ADR 0024). Frozen once merged: change it with a new migration.
 * - `collectivities.lifecycle` (`draft`, `awaiting_hubee`, `active`, `suspended`, `closed`) replaces
 *   `status`; offered to citizens ⇔ `active`. `authorized_by` says what authorized it (`datapass`,
 *   `admin`, none) and `suspended_by` who suspended it (`ops`, `datapass`, `hubee`), so a HubEE
 *   re-check never undoes an ops or DataPass decision. Existing rows: `active` only when their stored
 *   HubEE subscription is `Actif`, `awaiting_hubee` when active without one (the re-check job reads
 *   HubEE back), `suspended` by ops when they were `inactive`.
 * - `collectivity_transitions`: every transition (who, when, why), for ops.
 */
export const collectivityLifecycle: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('collectivities')
      .addColumn('lifecycle', 'text', (c) =>
        c
          .notNull()
          .defaultTo('draft')
          .check(sql`lifecycle in ('draft', 'awaiting_hubee', 'active', 'suspended', 'closed')`),
      )
      .addColumn('authorized_by', 'text', (c) => c.check(sql`authorized_by in ('datapass', 'admin')`))
      .addColumn('suspended_by', 'text', (c) => c.check(sql`suspended_by in ('ops', 'datapass', 'hubee')`))
      .execute()
    await sql`update collectivities set
      lifecycle = case
        when status = 'active' and hubee_subscription->>'status' = 'Actif' then 'active'
        when status = 'active' then 'awaiting_hubee'
        else 'suspended' end,
      authorized_by = case
        when datapass_id is not null then 'datapass'
        when status = 'active' then 'admin' end,
      suspended_by = case when status = 'active' then null else 'ops' end`.execute(db)
    await sql`alter table collectivities add constraint collectivities_suspended_by
      check ((lifecycle = 'suspended') = (suspended_by is not null))`.execute(db)
    await db.schema.dropIndex('collectivities_active_search_name_idx').execute()
    await db.schema.alterTable('collectivities').dropColumn('status').execute()
    await db.schema
      .createIndex('collectivities_offered_search_name_idx')
      .on('collectivities')
      .column('search_name')
      .where(sql.ref('lifecycle'), '=', 'active')
      .execute()
    await db.schema
      .createIndex('collectivities_lifecycle_idx')
      .on('collectivities')
      .column('lifecycle')
      .execute()

    await db.schema
      .createTable('collectivity_transitions')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('siret', 'text', (c) => c.notNull().check(sql`siret ~ '^[0-9]{14}$'`))
      .addColumn('from_state', 'text')
      .addColumn('to_state', 'text')
      .addColumn('event', 'text', (c) => c.notNull().check(sql`length(event) between 1 and 80`))
      .addColumn('actor_kind', 'text', (c) =>
        c.notNull().check(sql`actor_kind in ('datapass', 'hubee_check', 'admin', 'editor', 'job', 'seed')`),
      )
      .addColumn('actor_id', 'text', (c) => c.check(sql`length(actor_id) <= 100`))
      .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(reason) <= 500`))
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('collectivity_transitions_siret_idx')
      .on('collectivity_transitions')
      .columns(['siret', 'id'])
      .execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('collectivity_transitions').execute()
    await db.schema
      .alterTable('collectivities')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('inactive'))
      .execute()
    await sql`update collectivities set status = case when lifecycle = 'active' then 'active' else 'inactive' end`.execute(
      db,
    )
    await db.schema.dropIndex('collectivities_offered_search_name_idx').execute()
    await db.schema.dropIndex('collectivities_lifecycle_idx').execute()
    await db.schema.alterTable('collectivities').dropConstraint('collectivities_suspended_by').execute()
    await db.schema
      .alterTable('collectivities')
      .dropColumn('lifecycle')
      .dropColumn('authorized_by')
      .dropColumn('suspended_by')
      .execute()
    await db.schema
      .createIndex('collectivities_active_search_name_idx')
      .on('collectivities')
      .column('search_name')
      .where(sql.ref('status'), '=', 'active')
      .execute()
  },
}
