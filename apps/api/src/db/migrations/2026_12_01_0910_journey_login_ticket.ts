import { sql, type Kysely, type Migration } from 'kysely'

/**
 * The single-use login ticket carried by `loginUrl` (only its SHA-256 is stored): starting a login
 * needs it, not the session's public id. Frozen once merged.
 */
export const journeyLoginTicket: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('journey_sessions')
      .addColumn('login_ticket_hash', 'text', (c) => c.unique())
      .addColumn('login_ticket_expires_at', 'timestamptz')
      .execute()
    await sql`alter table journey_sessions add constraint journey_sessions_login_ticket_check
      check ((login_ticket_hash is null) = (login_ticket_expires_at is null))`.execute(db)
  },
  async down(db: Kysely<unknown>) {
    await db.schema
      .alterTable('journey_sessions')
      .dropColumn('login_ticket_hash')
      .dropColumn('login_ticket_expires_at')
      .execute()
  },
}
