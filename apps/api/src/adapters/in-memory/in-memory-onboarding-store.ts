import type { OnboardingRequest } from '../../modules/onboarding/request.js'
import type {
  OnboardedCollectivity,
  OnboardingError,
  OnboardingRecord,
  OnboardingStore,
} from '../../modules/onboarding/store.js'
import type { OnboardingStep } from '@qf/contracts'

/** A stored collectivity as the onboarding writes it (the registry's row, in memory). */
export interface InMemoryCollectivity extends OnboardedCollectivity {
  /** Offered once the subscription is `Actif` (the lifecycle's rule, without its suspensions). */
  lifecycle: 'active' | 'awaiting_hubee'
  updatedAt: Date
}

/**
 * The onboarding store in memory (tests, and the reference semantics the Postgres store follows).
 * Keeps copies, so a caller cannot change stored state behind the store's back.
 */
export class InMemoryOnboardingStore implements OnboardingStore {
  readonly onboardings = new Map<number, OnboardingRecord>()
  readonly collectivities = new Map<string, InMemoryCollectivity>()

  async find(datapassId: number): Promise<OnboardingRecord | null> {
    const found = this.onboardings.get(datapassId)
    return found ? structuredClone(found) : null
  }

  async begin(request: OnboardingRequest, at: Date): Promise<OnboardingRecord> {
    const existing = this.onboardings.get(request.datapassId)
    const newer = !existing || request.firedAt.getTime() > existing.request.firedAt.getTime()
    const record: OnboardingRecord = existing
      ? {
          ...existing,
          request: newer ? structuredClone(request) : existing.request,
          siret: newer ? request.siret : existing.siret,
          state: 'in_progress',
          attempts: existing.attempts + 1,
          updatedAt: at,
        }
      : {
          datapassId: request.datapassId,
          siret: request.siret,
          request: structuredClone(request),
          state: 'in_progress',
          attempts: 1,
          steps: {},
          lastError: null,
          startedAt: at,
          updatedAt: at,
          completedAt: null,
        }
    this.onboardings.set(request.datapassId, record)
    return structuredClone(record)
  }

  private update(datapassId: number, change: (r: OnboardingRecord) => void) {
    const record = this.onboardings.get(datapassId)
    if (!record) throw new Error(`no onboarding ${datapassId}`)
    change(record)
  }

  async recordStep(datapassId: number, step: OnboardingStep, at: Date): Promise<void> {
    this.update(datapassId, (r) => {
      r.steps[step] = { status: 'done', at, error: null }
      if (r.lastError?.step === step) r.lastError = null
      r.updatedAt = at
    })
  }

  async recordFailure(
    datapassId: number,
    error: OnboardingError,
    state: 'waiting_retry' | 'failed',
  ): Promise<void> {
    this.update(datapassId, (r) => {
      r.steps[error.step] = { status: 'failed', at: error.at, error: error.code }
      r.lastError = { ...error }
      r.state = state
      r.updatedAt = error.at
    })
  }

  async complete(datapassId: number, collectivity: OnboardedCollectivity, at: Date): Promise<void> {
    this.update(datapassId, (r) => {
      r.steps.collectivity_activation = { status: 'done', at, error: null }
      r.state = 'completed'
      r.lastError = null
      r.completedAt = at
      r.updatedAt = at
    })
    this.collectivities.set(collectivity.siret, {
      ...structuredClone(collectivity),
      lifecycle: collectivity.hubee.status === 'Actif' ? 'active' : 'awaiting_hubee',
      updatedAt: at,
    })
  }
}
