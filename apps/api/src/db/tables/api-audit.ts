import type { Generated } from 'kysely'

/**
 * One call made with an API key (migration `2026_12_02_0500_api_audit`): key id, scope, operation,
 * collectivity, outcome, time. No personal data. Purged after `AUDIT_RETENTION_DAYS`.
 */
export interface ApiAuditTable {
  id: Generated<number>
  at: Date
  key_id: string
  scope: string
  operation: string
  collectivity_siret: string | null
  /** `pending`: a write's intent, recorded before its handler ran; completed when the answer leaves. */
  outcome: 'pending' | 'success' | 'refused' | 'error'
  status_code: number | null
}
