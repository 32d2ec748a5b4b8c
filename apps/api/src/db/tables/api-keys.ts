import type { Generated } from 'kysely'

/** Admin API keys (migration `2026_12_01_1100_registry`): only the SHA-256 of the secret is kept. */
export interface ApiKeysTable {
  /** Public id, shown in listings and in the key itself (`qf_<id>_<secret>`). */
  id: string
  secret_hash: string
  /** `admin` or `editor:<SIRET>`. */
  scope: string
  label: string
  created_at: Generated<Date>
  revoked_at: Date | null
  last_used_at: Date | null
}
