export { collectivitiesModule, collectivitiesPublicOperations, type CollectivitiesDeps } from './plugin.js'
export { collectivitiesRoutes } from './routes.js'
export { seedDemoCollectivities, demoCollectivityInputs, demoApiParticulierTokens } from './demo-seed.js'
export {
  countExpiringTokens,
  findActiveBySiret,
  findBySiret,
  insertCollectivity,
  listRegistry,
  markExpiringTokens,
  replaceCollectivity,
  replaceSealedToken,
  sealedTokens,
  searchActive,
  storeApiParticulierToken,
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
export type {
  CollectivityRecord,
  CollectivityStatus,
  ContactRecord,
  HubeeRecipient,
  SealedTokenRecord,
} from './record.js'
export { landingUrl, redirectUriRefusal } from './links.js'
