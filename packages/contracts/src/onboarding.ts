import { Type, type Static } from '@sinclair/typebox'

/** The steps of a collectivity's onboarding from DataPass, in order. */
export const OnboardingStep = Type.Union(
  [
    Type.Literal('company_lookup'),
    Type.Literal('hubee_organization'),
    Type.Literal('hubee_subscription'),
    Type.Literal('collectivity_activation'),
  ],
  {
    $id: 'OnboardingStep',
    description:
      'Étape de l’embarquement : recherche INSEE, organisation HubEE, abonnement HubEE, activation de la collectivité.',
  },
)
export type OnboardingStep = Static<typeof OnboardingStep>
export const onboardingSteps: readonly OnboardingStep[] = [
  'company_lookup',
  'hubee_organization',
  'hubee_subscription',
  'collectivity_activation',
]

/**
 * `in_progress` (running), `waiting_retry` (a transient failure: a job tries again),
 * `failed` (a final failure: ops must act, then retry), `completed` (the collectivity is active).
 */
export const OnboardingState = Type.Union(
  [
    Type.Literal('in_progress'),
    Type.Literal('waiting_retry'),
    Type.Literal('failed'),
    Type.Literal('completed'),
  ],
  { $id: 'OnboardingState', description: 'État de l’embarquement.' },
)
export type OnboardingState = Static<typeof OnboardingState>

export const OnboardingErrorCode = Type.Union(
  [
    Type.Literal('invalid_siret'),
    Type.Literal('insee_not_found'),
    Type.Literal('insee_closed'),
    Type.Literal('insee_incomplete'),
    Type.Literal('insee_rate_limited'),
    Type.Literal('insee_unavailable'),
    Type.Literal('insee_rejected'),
    Type.Literal('hubee_unavailable'),
    Type.Literal('hubee_rejected'),
    Type.Literal('hubee_invalid'),
    Type.Literal('hubee_subscription_inactive'),
    Type.Literal('datapass_revoked'),
  ],
  { $id: 'OnboardingErrorCode', description: 'Code stable de la dernière erreur de l’embarquement.' },
)
export type OnboardingErrorCode = Static<typeof OnboardingErrorCode>

/** The schemas of this module that OpenAPI shares by reference (`$id`). */
export const onboardingSchemas = [OnboardingStep, OnboardingState, OnboardingErrorCode]
