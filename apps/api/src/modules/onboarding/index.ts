export { verifyDatapassSignature } from './signature.js'
export {
  formulaireQfModelType,
  toOnboardingRequest,
  type OnboardingContact,
  type OnboardingEditor,
  type OnboardingRequest,
} from './request.js'
export type {
  OnboardedCollectivity,
  OnboardingError,
  OnboardingRecord,
  OnboardingStepState,
  OnboardingStore,
} from './store.js'
export {
  onboardCollectivity,
  retryOnboarding,
  type OnboardingDeps,
  type OnboardingOutcome,
} from './onboard-collectivity.js'
export {
  findOnboarding,
  listOnboardings,
  postgresOnboardingStore,
  toOnboardingRecord,
  type OnboardingFilter,
} from './pg-store.js'
export { maxOnboardingAttempts, onboardingJobs, onboardingRetryDelay, RETRY_ONBOARDING_JOB } from './jobs.js'
export { onboardingPublicOperations, onboardingRoutes, type OnboardingModuleDeps } from './routes.js'
export { authorizationInForce, handleDatapassEvent, type DatapassEventDeps } from './datapass-events.js'
