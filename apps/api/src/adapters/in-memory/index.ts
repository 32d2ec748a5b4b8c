export {
  InMemoryIdentityProvider,
  type InMemoryIdentityProviderOptions,
  type InMemoryLoginOutcome,
} from './in-memory-identity-provider.js'
export {
  InMemoryQuotientFamilialProvider,
  identityKey,
  type InMemoryQuotientFamilialOutcome,
  type QuotientFamilialCall,
} from './in-memory-quotient-familial.js'
export {
  InMemoryDossierHub,
  type InMemoryDossierHubOptions,
  type InMemoryHubRecipient,
} from './in-memory-dossier-hub.js'
export { InMemoryCompanyRegistry } from './in-memory-company-registry.js'
export { InMemoryHubeeReferential } from './in-memory-hubee-referential.js'
export { InMemoryOnboardingStore } from './in-memory-onboarding-store.js'
