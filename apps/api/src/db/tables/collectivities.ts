import type { CollectivityAuthorization, CollectivityLifecycle, LifecycleActorKind } from '@qf/contracts'
import type { ColumnType, Generated } from 'kysely'

type LifecycleColumn = CollectivityLifecycle
/** Who suspended a `suspended` collectivity (`null` in every other state). */
export type SuspendedBy = 'ops' | 'datapass' | 'hubee'

/** JSON columns: written as text (`JSON.stringify`), read back parsed. */
export type Json<T> = ColumnType<T, string, string>
/** A nullable JSON column. */
export type NullableJson<T> = ColumnType<T | null, string | null, string | null>

export interface ContactRow {
  email: string
  givenName: string | null
  familyName: string | null
  phoneNumber: string | null
  jobTitle: string | null
}

export interface HubeeSubscriptionRow {
  organizationId: string
  subscriptionId: string
  accessMode: 'API' | 'PORTAIL'
  status: 'Actif' | 'Inactif'
}

/**
 * The `collectivities` table, as Kysely sees it (migrations `2026_11_26_1500_collectivities`,
 * `2026_12_01_1100_registry`, `2026_12_02_0100_collectivity_lifecycle`).
 */
export interface CollectivitiesTable {
  siret: string
  name: string
  cog_code: string
  departement: string
  postal_codes: string[]
  /** Written only by the lifecycle (`modules/collectivities/lifecycle.ts`); offered ⇔ `active`. */
  lifecycle: ColumnType<LifecycleColumn, LifecycleColumn | undefined, LifecycleColumn>
  authorized_by: ColumnType<CollectivityAuthorization, CollectivityAuthorization | undefined>
  suspended_by: ColumnType<SuspendedBy | null, SuspendedBy | null | undefined>
  /** The editor's name (with `editor_siret`, both or neither). */
  editor: string | null
  editor_siret: string | null
  allowed_redirect_origins: string[]
  /** Has a default: optional on insert. */
  contacts: ColumnType<{ requester: ContactRow | null; dpo: ContactRow | null }, string | undefined, string>
  /** `SealedBox` value (context `collectivity:<SIRET>:api_particulier_token`); never returned. */
  api_particulier_token_sealed: string | null
  api_particulier_token_expires_at: Date | null
  api_particulier_token_source: 'jwt' | 'admin' | null
  /** Set by the daily renewal job while the token expires within 90 days. */
  api_particulier_token_expiring_since: Date | null
  hubee_branch_code: string
  hubee_subscription: NullableJson<HubeeSubscriptionRow>
  datapass_id: number | null
  /** `toSearchText(name)`, written with the row. */
  search_name: string
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

/** `collectivity_transitions` (migration `2026_12_02_0100_collectivity_lifecycle`): written by the lifecycle only. */
export interface CollectivityTransitionsTable {
  id: Generated<number>
  siret: string
  from_state: LifecycleColumn | null
  to_state: LifecycleColumn | null
  event: string
  actor_kind: LifecycleActorKind
  actor_id: string | null
  reason: string
  at: Date
}
