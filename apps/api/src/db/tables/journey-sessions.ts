import type { JourneyStep } from '@qf/contracts'
import type { ColumnType } from 'kysely'

/** The `journey_sessions` table, as Kysely sees it (see migration `2026_11_26_1510_journey_sessions`). */
export interface JourneySessionsTable {
  id: string
  /** SHA-256 of the current session secret (cookie or bearer token); rotated at login. */
  secret_hash: string
  siret: string
  external_id: string | null
  redirect_uri: string | null
  /** Set for a third-party front end (bearer mode): where the browser goes back after login. */
  frontend_url: string | null
  /** Checked by the database against the contract's steps (migration `2026_12_01_0900_journey_step_check`). */
  step: JourneyStep
  /** SHA-256 of the single-use ticket in `loginUrl` (starting a login consumes it). */
  login_ticket_hash: string | null
  login_ticket_expires_at: Date | null
  /** OIDC `state` of the login under way (unique: it finds the session on the callback). */
  login_state: string | null
  /** SHA-256 of the `qf_login` cookie set on the browser that started the login. */
  login_binding_hash: string | null
  /** Sealed {nonce, codeVerifier}. */
  login_transaction: string | null
  /** Bearer mode: SHA-256 of the one-time code handed to the front end after login. */
  login_code_hash: string | null
  login_code_expires_at: Date | null
  /** Sealed personal data (identity, QF, id_token): AES-256-GCM bound to the session id. */
  personal_data: string | null
  /** Once `submitted`: the sending's reference (migration `2026_12_01_1010_journey_submitted`). */
  submission_reference: string | null
  /** Once `submitted`: the sealed FranceConnect id_token, kept for the logout only. */
  logout_id_token: string | null
  created_at: ColumnType<Date, Date | undefined, Date>
  updated_at: ColumnType<Date, Date | undefined, Date>
  expires_at: Date
}
