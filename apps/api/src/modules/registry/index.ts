export { registryModule, type RegistryModuleDeps } from './plugin.js'
export { apiKeySecurity, authenticateApiKey, scopeOf } from './authenticate.js'
export { authorize, editorOf } from './scope.js'
export {
  createApiKey,
  listApiKeys,
  parseScope,
  revokeApiKey,
  scopeText,
  verifyApiKey,
  type ApiKeyRecord,
  type Scope,
} from './api-keys.js'
export {
  checkCollectivityHubee,
  collectivityTransitions,
  createCollectivity,
  deactivateCollectivity,
  getCollectivity,
  listCollectivities,
  openApiParticulierToken,
  renewalHorizonDays,
  schemaErrors,
  setApiParticulierToken,
  updateCollectivity,
  type RegistryDeps,
} from './collectivity-admin.js'
export { importCollectivities, importColumns, type ImportResult } from './import.js'
export { lookupQuotientFamilial, renewalProcedure, type LookupDeps } from './lookup.js'
export { getOnboardingStatus, listOnboardingStatus, retryOnboardingNow } from './onboarding-admin.js'
export { markExpiringApiParticulierTokens, MARK_EXPIRING_TOKENS_JOB, registryJobs } from './token-renewal.js'
export { resealTokens } from './reseal.js'
export { toAdminCollectivity, toExpiringTokens, toOnboardingView, toTransitionView } from './view.js'
