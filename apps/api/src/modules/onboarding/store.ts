import type { OnboardingErrorCode, OnboardingState, OnboardingStep } from '@qf/contracts'
import type { OnboardingContact, OnboardingEditor, OnboardingRequest } from './request.js'

export interface OnboardingError {
  step: OnboardingStep
  code: OnboardingErrorCode
  /** For ops (no personal data): what failed, as the outside system said it. */
  message: string
  at: Date
  /** Transient failures: when trying again makes sense (the outside system's `Retry-After`). */
  retryAfterSeconds: number | null
}

export interface OnboardingStepState {
  status: 'done' | 'failed'
  at: Date
  error: OnboardingErrorCode | null
}

/** One onboarding, keyed by DataPass's authorization request id. */
export interface OnboardingRecord {
  datapassId: number
  siret: string
  /** The latest request received for that id (the one a retry runs). */
  request: OnboardingRequest
  state: OnboardingState
  /** Runs started (first delivery, replays of a newer event, retries). */
  attempts: number
  steps: Partial<Record<OnboardingStep, OnboardingStepState>>
  lastError: OnboardingError | null
  startedAt: Date
  updatedAt: Date
  completedAt: Date | null
}

/** What the registry stores when onboarding succeeds. */
export interface OnboardedCollectivity {
  siret: string
  name: string
  cog: string
  postalCodes: string[]
  editor: Pick<OnboardingEditor, 'siret' | 'name'> | null
  contacts: {
    requester: OnboardingContact
    business: OnboardingContact | null
    dpo: OnboardingContact | null
  }
  datapassId: number
  hubee: {
    organizationId: string
    subscriptionId: string
    accessMode: 'API' | 'PORTAIL'
    /** As read back from HubEE: `Inactif` until HubEE activates it by hand (since July 2026). */
    status: 'Actif' | 'Inactif'
  }
}

/**
 * Where onboarding keeps its progress and writes the collectivity (backed by Postgres in the app:
 * an `onboardings` table and the `collectivities` table).
 */
export interface OnboardingStore {
  find(datapassId: number): Promise<OnboardingRecord | null>
  /**
   * Creates or restarts the onboarding of `request.datapassId`: state `in_progress`, attempts + 1,
   * steps and `lastError` kept (ops still see why the previous run stopped); the stored request is replaced only by a
   * newer one (`firedAt`), so a late delivery of an older event does not undo a newer one.
   * Returns the record as stored.
   */
  begin(request: OnboardingRequest, at: Date): Promise<OnboardingRecord>
  /** A step succeeded (clears `lastError` when it was that step's). */
  recordStep(datapassId: number, step: OnboardingStep, at: Date): Promise<void>
  /**
   * A step failed: state `waiting_retry` (transient) or `failed` (final), `lastError` set. The
   * Postgres store given a job queue enqueues the next run of a `waiting_retry` one (with the delay
   * `onboardingRetryDelay`, none after `maxOnboardingAttempts` runs) in the same transaction.
   */
  recordFailure(datapassId: number, error: OnboardingError, state: 'waiting_retry' | 'failed'): Promise<void>
  /**
   * In one transaction: upsert the collectivity (by SIRET) with its editor, contacts and HubEE
   * subscription, authorized by DataPass through the lifecycle (`awaiting_hubee`, then `active` when
   * the subscription read back is `Actif`; a suspension by ops or HubEE is kept), mark the
   * `collectivity_activation` step done, the onboarding `completed` and `lastError` cleared.
   */
  complete(datapassId: number, collectivity: OnboardedCollectivity, at: Date): Promise<void>
}
