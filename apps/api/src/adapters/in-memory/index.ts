export {
  InMemoryIdentityProvider,
  type InMemoryIdentityProviderOptions,
  type InMemoryLoginOutcome,
} from './in-memory-identity-provider.js'
export {
  InMemoryQuotientFamilialProvider,
  type InMemoryQuotientFamilialOutcome,
  type QuotientFamilialCall,
} from './in-memory-quotient-familial.js'
export {
  InMemoryDossierHub,
  type InMemoryDossierHubOptions,
  type InMemoryHubRecipient,
} from './in-memory-dossier-hub.js'
