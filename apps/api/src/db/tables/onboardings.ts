import type { Json, NullableJson } from './collectivities.js'

/**
 * DataPass onboardings (migration `2026_12_01_1100_registry`). `request`, `steps` and `last_error`
 * are JSON documents whose shape the onboarding module owns (dates as ISO strings).
 */
export interface OnboardingsTable {
  datapass_id: number
  siret: string
  editor_siret: string | null
  request: Json<Record<string, unknown>>
  fired_at: Date
  state: 'in_progress' | 'waiting_retry' | 'failed' | 'completed'
  attempts: number
  steps: Json<Record<string, unknown>>
  last_error: NullableJson<Record<string, unknown>>
  started_at: Date
  updated_at: Date
  completed_at: Date | null
}
