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
