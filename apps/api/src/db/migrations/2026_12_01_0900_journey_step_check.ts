import { sql, type Kysely, type Migration } from 'kysely'

/**
 * A journey's step is one of the contract's `JourneyStep` values (packages/contracts): the database
 * refuses any other. Frozen once merged: a new step comes with a new migration replacing the check.
 */
export const journeyStepCheck: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`alter table journey_sessions add constraint journey_sessions_step_check
      check (step in ('created', 'login_pending', 'authenticated'))`.execute(db)
  },
  async down(db: Kysely<unknown>) {
    await sql`alter table journey_sessions drop constraint journey_sessions_step_check`.execute(db)
  },
}
