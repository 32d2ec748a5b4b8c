import type { Selectable, Updateable } from 'kysely'
import type { DbOrTrx } from '../../db/connection.js'
import type { JourneySessionsTable } from '../../db/tables/journey-sessions.js'
import type { SealedBox, SealedCell } from '../../lib/sealed-box.js'
import { loginStartableSteps, type JourneySession, type PersonalData } from './session.js'

type Row = Selectable<JourneySessionsTable>

/** The sealed columns of a session. */
const sealedColumnNames = ['login_transaction', 'personal_data', 'logout_id_token'] as const
/** What a sealed column of session `id` is bound to (additional authenticated data). */
const contextOf = (column: (typeof sealedColumnNames)[number], id: string) =>
  column === 'logout_id_token' ? `${id}:logout` : id

export interface NewSession {
  id: string
  secretHash: string
  siret: string
  externalId: string | null
  redirectUri: string | null
  frontendUrl: string | null
  /** The first login ticket (its hash), issued with the session. */
  loginTicket: { hash: string; expiresAt: Date }
  expiresAt: Date
}

/** What may change on a session; personal data and the login transaction are sealed here. */
export interface SessionPatch {
  secretHash?: string
  loginTicket?: { hash: string; expiresAt: Date } | null
  step?: JourneySession['step']
  loginState?: string | null
  loginBindingHash?: string | null
  loginTransaction?: JourneySession['loginTransaction']
  loginCodeHash?: string | null
  loginCodeExpiresAt?: Date | null
  personalData?: PersonalData | null
  submissionReference?: string | null
  logoutIdToken?: string | null
  expiresAt?: Date
}

/** The columns a session can be found by (each unique). */
export type SessionKey = 'id' | 'secret_hash' | 'login_state' | 'login_code_hash' | 'login_ticket_hash'

/**
 * The journey sessions, over the database or a transaction on it (`sessionRepository(trx, box)`):
 * the one row → domain mapping, and sealing of personal data and of the login transaction with the
 * box (AES-GCM bound to the session id).
 */
export function sessionRepository(db: DbOrTrx, box: SealedBox) {
  const toSession = (row: Row): JourneySession => ({
    id: row.id,
    siret: row.siret,
    externalId: row.external_id,
    redirectUri: row.redirect_uri,
    frontendUrl: row.frontend_url,
    step: row.step,
    loginState: row.login_state,
    loginBindingHash: row.login_binding_hash,
    loginTransaction: row.login_transaction
      ? box.open(row.login_transaction, contextOf('login_transaction', row.id))
      : null,
    loginCodeHash: row.login_code_hash,
    loginCodeExpiresAt: row.login_code_expires_at,
    personalData: row.personal_data
      ? box.open<PersonalData>(row.personal_data, contextOf('personal_data', row.id))
      : null,
    submissionReference: row.submission_reference,
    logoutIdToken: row.logout_id_token
      ? box.open<string>(row.logout_id_token, contextOf('logout_id_token', row.id))
      : null,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  })

  const toValues = (id: string, patch: SessionPatch, now: Date): Updateable<JourneySessionsTable> => {
    const values: Updateable<JourneySessionsTable> = { updated_at: now }
    if (patch.secretHash !== undefined) values.secret_hash = patch.secretHash
    if (patch.loginTicket !== undefined) {
      values.login_ticket_hash = patch.loginTicket?.hash ?? null
      values.login_ticket_expires_at = patch.loginTicket?.expiresAt ?? null
    }
    if (patch.step !== undefined) values.step = patch.step
    if (patch.loginState !== undefined) values.login_state = patch.loginState
    if (patch.loginBindingHash !== undefined) values.login_binding_hash = patch.loginBindingHash
    if (patch.loginTransaction !== undefined)
      values.login_transaction = patch.loginTransaction
        ? box.seal(patch.loginTransaction, contextOf('login_transaction', id))
        : null
    if (patch.loginCodeHash !== undefined) values.login_code_hash = patch.loginCodeHash
    if (patch.loginCodeExpiresAt !== undefined) values.login_code_expires_at = patch.loginCodeExpiresAt
    if (patch.personalData !== undefined)
      values.personal_data = patch.personalData
        ? box.seal(patch.personalData, contextOf('personal_data', id))
        : null
    if (patch.submissionReference !== undefined) values.submission_reference = patch.submissionReference
    if (patch.logoutIdToken !== undefined)
      values.logout_id_token = patch.logoutIdToken
        ? box.seal(patch.logoutIdToken, contextOf('logout_id_token', id))
        : null
    if (patch.expiresAt !== undefined) values.expires_at = patch.expiresAt
    return values
  }

  return {
    /** Every sealed value of every session (login transaction, personal data, logout token), for a re-seal. */
    async sealedValues(): Promise<SealedCell[]> {
      const rows = await db
        .selectFrom('journey_sessions')
        .select(['id', ...sealedColumnNames])
        .where((eb) => eb.or(sealedColumnNames.map((c) => eb(c, 'is not', null))))
        .execute()
      return rows.flatMap((row) =>
        sealedColumnNames.flatMap((column) => {
          const sealed = row[column]
          if (sealed === null) return []
          return [
            {
              sealed,
              context: contextOf(column, row.id),
              async replace(next: string) {
                const result = await db
                  .updateTable('journey_sessions')
                  .set({ [column]: next })
                  .where('id', '=', row.id)
                  .where(column, '=', sealed)
                  .executeTakeFirst()
                return Number(result.numUpdatedRows) === 1
              },
            },
          ]
        }),
      )
    },

    async insert(s: NewSession, now: Date): Promise<void> {
      await db
        .insertInto('journey_sessions')
        .values({
          id: s.id,
          secret_hash: s.secretHash,
          siret: s.siret,
          external_id: s.externalId,
          redirect_uri: s.redirectUri,
          frontend_url: s.frontendUrl,
          login_ticket_hash: s.loginTicket.hash,
          login_ticket_expires_at: s.loginTicket.expiresAt,
          step: 'created',
          created_at: now,
          updated_at: now,
          expires_at: s.expiresAt,
        })
        .execute()
    },

    /** The session whose column equals the value; `forUpdate` locks it for the rest of the transaction. */
    async findBy(
      key: SessionKey,
      value: string,
      options: { forUpdate?: boolean } = {},
    ): Promise<JourneySession | undefined> {
      let query = db.selectFrom('journey_sessions').selectAll().where(key, '=', value)
      if (options.forUpdate) query = query.forUpdate()
      const row = await query.executeTakeFirst()
      return row ? toSession(row) : undefined
    },

    /**
     * Consumes a login ticket, atomically (one `UPDATE … RETURNING`: two navigations with the same
     * ticket cannot both start a login): only while unexpired, and only for a session whose login may
     * still start (never an authenticated one). The session it belonged to, or undefined.
     */
    async consumeLoginTicket(ticketHash: string, now: Date): Promise<JourneySession | undefined> {
      const row = await db
        .updateTable('journey_sessions')
        .set({ login_ticket_hash: null, login_ticket_expires_at: null, updated_at: now })
        .where('login_ticket_hash', '=', ticketHash)
        .where('login_ticket_expires_at', '>', now)
        .where('step', 'in', loginStartableSteps)
        .returningAll()
        .executeTakeFirst()
      return row ? toSession(row) : undefined
    },

    /**
     * Consumes a login's OIDC `state`, atomically and only from the browser bound to it (its
     * binding's hash must match in the same `UPDATE … RETURNING`): a callback presented by another
     * browser consumes nothing, and of two concurrent callbacks only one gets the session back.
     */
    async consumeLoginState(
      state: string,
      bindingHash: string,
      now: Date,
    ): Promise<JourneySession | undefined> {
      const row = await db
        .updateTable('journey_sessions')
        // The transaction (nonce, PKCE verifier) comes back for the code exchange; the caller clears it.
        .set({ login_state: null, login_binding_hash: null, updated_at: now })
        .where('login_state', '=', state)
        .where('login_binding_hash', '=', bindingHash)
        .where('login_transaction', 'is not', null)
        .returningAll()
        .executeTakeFirst()
      return row ? toSession(row) : undefined
    },

    async update(id: string, patch: SessionPatch, now: Date): Promise<void> {
      await db
        .updateTable('journey_sessions')
        .set(toValues(id, patch, now))
        .where('id', '=', id)
        .execute()
    },

    async delete(id: string): Promise<void> {
      await db.deleteFrom('journey_sessions').where('id', '=', id).execute()
    },

    /** Deletes the session a credential (its hash) opens, if any. */
    async deleteBySecretHash(secretHash: string): Promise<void> {
      await db.deleteFrom('journey_sessions').where('secret_hash', '=', secretHash).execute()
    },

    /** Deletes every session idle past its expiry (and the personal data it held); returns how many. */
    async deleteExpired(now: Date): Promise<number> {
      const result = await db.deleteFrom('journey_sessions').where('expires_at', '<=', now).executeTakeFirst()
      return Number(result.numDeletedRows)
    },
  }
}

export type SessionRepository = ReturnType<typeof sessionRepository>
