import { collectivitySchemas } from './collectivity.js'
import { healthSchemas } from './health.js'
import { journeySchemas } from './journey.js'
import { problemSchemas } from './problem.js'
import { submissionSchemas } from './submission.js'
import { formulaireQfSchemas } from './formulaire-qf.js'
import { datapassSchemas } from './datapass.js'
import { onboardingSchemas } from './onboarding.js'
import { webhookSchemas } from './webhooks.js'
import { registrySchemas } from './registry.js'
import { diagnosticsSchemas } from './diagnostics.js'
import { auditSchemas } from './audit.js'

export * from './problem.js'
export * from './strings.js'
export * from './health.js'
export * from './collectivity.js'
export * from './identifiers.js'
export * from './journey.js'
export * from './submission.js'
export * from './formulaire-qf.js'
export * from './formulaire-qf-xml-names.js'
export * from './datapass.js'
export * from './onboarding.js'
export * from './webhooks.js'
export * from './registry.js'
export * from './diagnostics.js'
export * from './audit.js'

/**
 * Every schema shared by reference in the OpenAPI document (`$ref: 'Problem'`): each contract
 * module exports its own list, a new module adds its list here (a test checks no `$id` is missing).
 */
export const openapiSchemas = [
  ...problemSchemas,
  ...healthSchemas,
  ...collectivitySchemas,
  ...journeySchemas,
  ...submissionSchemas,
  ...formulaireQfSchemas,
  ...datapassSchemas,
  ...onboardingSchemas,
  ...webhookSchemas,
  ...registrySchemas,
  ...diagnosticsSchemas,
  ...auditSchemas,
]
