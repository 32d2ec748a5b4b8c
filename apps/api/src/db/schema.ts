import type { ApiKeysTable } from './tables/api-keys.js'
import type { CollectivitiesTable, CollectivityTransitionsTable } from './tables/collectivities.js'
import type { JourneySessionsTable } from './tables/journey-sessions.js'
import type { SubmissionsTable } from './tables/submissions.js'
import type { WebhookDeliveriesTable, WebhookEndpointsTable } from './tables/webhooks.js'
import type { OnboardingsTable } from './tables/onboardings.js'
import type { ApiAuditTable } from './tables/api-audit.js'

/**
 * The Kysely database type: one interface per table (under `db/tables/`, next to the migrations
 * that create them). Rows are mapped to domain objects in each module's repository (one mapping
 * per concept). `db/` imports nothing above it.
 */
export interface Database {
  collectivities: CollectivitiesTable
  collectivity_transitions: CollectivityTransitionsTable
  journey_sessions: JourneySessionsTable
  submissions: SubmissionsTable
  webhook_endpoints: WebhookEndpointsTable
  webhook_deliveries: WebhookDeliveriesTable
  api_keys: ApiKeysTable
  onboardings: OnboardingsTable
  api_audit: ApiAuditTable
}
