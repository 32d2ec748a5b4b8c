import { sql, type Kysely, type Migration } from 'kysely'

/**
 * A journey may end `submitted`: the session then points at its sending (`submission_reference`) and
 * keeps, of its personal data, only the FranceConnect id_token the logout needs (`logout_id_token`,
 * sealed, bound to the session id). Replaces `journey_sessions_step_check`. Frozen once merged.
 */
export const journeySubmitted: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`alter table journey_sessions drop constraint journey_sessions_step_check`.execute(db)
    await sql`alter table journey_sessions add constraint journey_sessions_step_check
      check (step in ('created', 'login_pending', 'authenticated', 'submitted'))`.execute(db)
    await db.schema
      .alterTable('journey_sessions')
      .addColumn('submission_reference', 'char(13)')
      .addColumn('logout_id_token', 'text')
      .execute()
    await sql`alter table journey_sessions add constraint journey_sessions_submitted_check
      check ((step = 'submitted') = (submission_reference is not null))`.execute(db)
  },
  async down(db: Kysely<unknown>) {
    await sql`alter table journey_sessions drop constraint journey_sessions_submitted_check`.execute(db)
    await db.schema
      .alterTable('journey_sessions')
      .dropColumn('submission_reference')
      .dropColumn('logout_id_token')
      .execute()
    await sql`alter table journey_sessions drop constraint journey_sessions_step_check`.execute(db)
    await sql`alter table journey_sessions add constraint journey_sessions_step_check
      check (step in ('created', 'login_pending', 'authenticated'))`.execute(db)
  },
}
