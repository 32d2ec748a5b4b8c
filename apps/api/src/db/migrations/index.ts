import type { Migration } from 'kysely'
import { collectivities } from './2026_11_26_1500_collectivities.js'
import { journeySessions } from './2026_11_26_1510_journey_sessions.js'
import { journeyStepCheck } from './2026_12_01_0900_journey_step_check.js'
import { journeyLoginTicket } from './2026_12_01_0910_journey_login_ticket.js'
import { submissions } from './2026_12_01_1000_submissions.js'
import { journeySubmitted } from './2026_12_01_1010_journey_submitted.js'
import { registry } from './2026_12_01_1100_registry.js'
import { webhookEndpoints } from './2026_12_01_1200_webhook_endpoints.js'
import { webhookDeliveries } from './2026_12_01_1210_webhook_deliveries.js'
import { collectivityLifecycle } from './2026_12_02_0100_collectivity_lifecycle.js'
import { webhookEndpointEditor } from './2026_12_02_0110_webhook_endpoint_editor.js'
import { submissionFailureReason } from './2026_12_02_0200_submission_failure_reason.js'
import { apiAudit } from './2026_12_02_0500_api_audit.js'

/**
 * Every migration, in order, by timestamped name. A migration is frozen once merged: change the
 * schema with a new one. Listed statically (not read from the file system) so the bundled
 * server carries them.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_26_1500_collectivities': collectivities,
  '2026_11_26_1510_journey_sessions': journeySessions,
  '2026_12_01_0900_journey_step_check': journeyStepCheck,
  '2026_12_01_0910_journey_login_ticket': journeyLoginTicket,
  '2026_12_01_1000_submissions': submissions,
  '2026_12_01_1010_journey_submitted': journeySubmitted,
  '2026_12_01_1100_registry': registry,
  '2026_12_01_1200_webhook_endpoints': webhookEndpoints,
  '2026_12_01_1210_webhook_deliveries': webhookDeliveries,
  '2026_12_02_0100_collectivity_lifecycle': collectivityLifecycle,
  '2026_12_02_0110_webhook_endpoint_editor': webhookEndpointEditor,
  '2026_12_02_0200_submission_failure_reason': submissionFailureReason,
  '2026_12_02_0500_api_audit': apiAudit,
}
