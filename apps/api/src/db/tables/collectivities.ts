import type { Generated } from 'kysely'

/** The `collectivities` table, as Kysely sees it (see migration `2026_11_26_1500_collectivities`). */
export interface CollectivitiesTable {
  siret: string
  name: string
  cog_code: string
  departement: string
  postal_codes: string[]
  status: 'active' | 'inactive'
  editor: string | null
  allowed_redirect_origins: string[]
  api_particulier_token_ref: string | null
  api_particulier_token_expires_at: Date | null
  hubee_branch_code: string
  /** `toSearchText(name)`, written with the row. */
  search_name: string
  created_at: Generated<Date>
  updated_at: Generated<Date>
}
