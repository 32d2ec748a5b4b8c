import type { FormulaireQfWebhookEvent } from '@qf/contracts'
import type { ColumnType, Generated } from 'kysely'

export type WebhookOwnerKind = 'collectivity' | 'editor'

/** The `webhook_endpoints` table (migration `2026_12_01_1200_webhook_endpoints`). */
export interface WebhookEndpointsTable {
  id: string
  owner_kind: WebhookOwnerKind
  owner_siret: string
  url: string
  /** The signing secret, sealed with the SealedBox (context: `webhook-endpoint:<id>`). */
  sealed_secret: string
  /**
   * The editor the endpoint belongs to (migration `2026_12_02_0110_webhook_endpoint_editor`): a
   * collectivity's endpoint receives events only while this is still the collectivity's editor.
   */
  editor_siret: ColumnType<string | null, string | null | undefined, string | null>
  active: Generated<boolean>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

/** The body posted: the contract's `FormulaireQfWebhookEvent`, stored as jsonb (sent byte for byte the same). */
export type StoredWebhookEvent = FormulaireQfWebhookEvent

/** The `webhook_deliveries` table (migration `2026_12_01_1210_webhook_deliveries`): no personal data. */
export interface WebhookDeliveriesTable {
  id: string
  event_id: string
  endpoint_id: string
  reference: string
  collectivity_siret: string
  event: ColumnType<StoredWebhookEvent, string, string>
  attempts: Generated<number>
  last_status: number | null
  /** A stable short code: `http_error`, `timeout`, `network`, `address_refused`, `url_refused`, `endpoint_inactive`… */
  last_error: string | null
  last_attempt_at: Date | null
  next_attempt_at: Date | null
  delivered_at: Date | null
  failed_at: Date | null
  created_at: Generated<Date>
}
