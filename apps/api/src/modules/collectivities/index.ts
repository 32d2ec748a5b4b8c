export { collectivitiesModule, collectivitiesPublicOperations, type CollectivitiesDeps } from './plugin.js'
export { collectivitiesRoutes } from './routes.js'
export { seedDemoCollectivities, demoCollectivityInputs, demoApiParticulierTokens } from './demo-seed.js'
export {
  countExpiringTokens,
  findBySiret,
  findOfferedBySiret,
  insertCollectivity,
  listRegistry,
  markExpiringTokens,
  replaceCollectivity,
  replaceSealedToken,
  sealedTokens,
  searchOffered,
  storeApiParticulierToken,
  setEditor,
  storeHubeeSubscription,
  toCollectivityRecord,
  upsertCollectivity,
  upsertOnboarded,
} from './repository.js'
export type { CollectivitySearch, RegistryFilter, RegistryWrite } from './repository.js'
export { collectivityNotFound } from './errors.js'
export { departementFromCog } from './departement.js'
export { toSearchText } from './search-text.js'
export { toPublicCollectivity } from './public-view.js'
export { CollectivityInput } from './record.js'
export { apiParticulierTokenContext } from './record.js'
export type { CollectivityRecord, ContactRecord, HubeeRecipient, SealedTokenRecord } from './record.js'
export { landingUrl, redirectUriRefusal } from './links.js'
export {
  allowedTransition,
  changeLifecycle,
  lifecycleTransitions,
  listTransitions,
  notOfferedCode,
  recordCreation,
  recordTransition,
  requireOffered,
  type LifecycleActor,
  type LifecycleChange,
  type LifecycleEvent,
  type TransitionRecord,
  type TransitionRule,
} from './lifecycle.js'
export {
  CHECK_HUBEE_SUBSCRIPTIONS_JOB,
  checkHubeeSubscription,
  checkHubeeSubscriptionOf,
  checkHubeeSubscriptions,
  collectivitiesJobs,
  type HubeeCheckDeps,
  type HubeeCheckResult,
} from './hubee-check.js'
