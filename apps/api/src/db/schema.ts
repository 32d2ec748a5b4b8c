import type { CollectivitiesTable } from '../modules/collectivities/table.js'
import type { JourneySessionsTable } from '../modules/journey/table.js'

/**
 * The Kysely database type: one interface per table, added by the modules' migrations.
 * Rows are mapped to domain objects in each module's repository (one mapping per concept).
 */
export interface Database {
  collectivities: CollectivitiesTable
  journey_sessions: JourneySessionsTable
}
