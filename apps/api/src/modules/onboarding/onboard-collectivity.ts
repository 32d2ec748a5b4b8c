import { isValidCog, isValidSiret, type OnboardingErrorCode, type OnboardingStep } from '@qf/contracts'
import type { Clock } from '../../ports/clock.js'
import { type CompanyRegistry, isTransientCompanyRegistryFailure } from '../../ports/company-registry.js'
import {
  type HubeeContact,
  type HubeeReferential,
  type HubeeReferentialResult,
  isTransientHubeeFailure,
} from '../../ports/hubee-referential.js'
import { type OnboardingContact, type OnboardingRequest, toOnboardingRequest } from './request.js'
import type { OnboardingStore } from './store.js'
import type { DatapassApproveEvent } from '@qf/contracts'

export interface OnboardingDeps {
  companyRegistry: CompanyRegistry
  hubeeReferential: HubeeReferential
  store: OnboardingStore
  clock: Clock
}

export type OnboardingOutcome =
  | { state: 'completed'; siret: string; datapassId: number; replay: boolean }
  | {
      state: 'waiting_retry' | 'failed'
      siret: string
      datapassId: number
      step: OnboardingStep
      code: OnboardingErrorCode
      retryAfterSeconds: number | null
    }

/** A step that did not go through: the code, and whether a later retry may succeed. */
class StepFailed extends Error {
  constructor(
    readonly step: OnboardingStep,
    readonly code: OnboardingErrorCode,
    readonly transient: boolean,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message)
  }
}

/** HubEE wants `^\+?[0-9]{10,20}$`: DataPass numbers are written with spaces, dots or dashes. */
function hubeePhone(phone: string | null): string | null {
  const compact = phone?.replace(/[\s.\-()]/g, '') ?? ''
  return /^\+?[0-9]{10,20}$/.test(compact) ? compact : null
}

const hubeeContact = (c: OnboardingContact): HubeeContact => ({
  email: c.email,
  firstName: c.givenName,
  lastName: c.familyName,
  function: c.jobTitle,
  phoneNumber: hubeePhone(c.phoneNumber),
})

function hubeeValue<T>(step: OnboardingStep, result: HubeeReferentialResult<T>): T {
  if (result.ok) return result.value
  const code =
    result.failure === 'unavailable'
      ? 'hubee_unavailable'
      : result.failure === 'rejected'
        ? 'hubee_rejected'
        : 'hubee_invalid'
  throw new StepFailed(
    step,
    code,
    isTransientHubeeFailure(result.failure),
    `HubEE ${result.failure}${result.status ? ` (${result.status})` : ''}${result.message ? `: ${result.message}` : ''}`,
  )
}

/**
 * Onboards the collectivity of a DataPass `approve` event: INSEE Sirene lookup of its SIRET →
 * HubEE organization `SI-<SIRET>-<COG>` (created if missing) → active `FormulaireQF` subscription
 * (API with the editor as `EDT` delegation actor, else PORTAIL) → the collectivity upserted as active
 * with its editor. Every step is recorded; every step is idempotent, so the same event twice gives the
 * same state, and a run that stopped part-way (a failure, a crash) is finished by running it again.
 * The collectivity becomes active only in the last step, after the subscription is active.
 * A replay of an event no newer than the one that completed the onboarding changes nothing.
 */
export async function onboardCollectivity(
  deps: OnboardingDeps,
  event: DatapassApproveEvent,
): Promise<OnboardingOutcome> {
  const request = toOnboardingRequest(event)
  const existing = await deps.store.find(request.datapassId)
  if (existing?.state === 'completed' && existing.request.firedAt.getTime() >= request.firedAt.getTime())
    return { state: 'completed', siret: existing.siret, datapassId: existing.datapassId, replay: true }
  const record = await deps.store.begin(request, deps.clock.now())
  return runSteps(deps, record.request)
}

/**
 * Runs again the onboarding `datapassId` with its stored request (the retry job, or ops after fixing
 * a final failure). `null` when there is no such onboarding.
 */
export async function retryOnboarding(
  deps: OnboardingDeps,
  datapassId: number,
): Promise<OnboardingOutcome | null> {
  const existing = await deps.store.find(datapassId)
  if (!existing) return null
  if (existing.state === 'completed')
    return { state: 'completed', siret: existing.siret, datapassId, replay: true }
  if (existing.lastError?.code === 'datapass_revoked')
    return {
      state: 'failed',
      siret: existing.siret,
      datapassId,
      step: existing.lastError.step,
      code: existing.lastError.code,
      retryAfterSeconds: null,
    }
  const record = await deps.store.begin(existing.request, deps.clock.now())
  return runSteps(deps, record.request)
}

async function runSteps(deps: OnboardingDeps, request: OnboardingRequest): Promise<OnboardingOutcome> {
  const { store, clock } = deps
  const { datapassId, siret } = request
  try {
    // 1. INSEE Sirene: the establishment, its COG and postal code.
    if (!isValidSiret(siret))
      throw new StepFailed('company_lookup', 'invalid_siret', false, `invalid SIRET ${siret}`)
    const lookup = await deps.companyRegistry.findEstablishment(siret)
    if (!lookup.ok) {
      const code: OnboardingErrorCode =
        lookup.failure === 'not_found'
          ? 'insee_not_found'
          : lookup.failure === 'invalid_siret'
            ? 'invalid_siret'
            : lookup.failure === 'rate_limited'
              ? 'insee_rate_limited'
              : lookup.failure === 'rejected'
                ? 'insee_rejected'
                : 'insee_unavailable'
      throw new StepFailed(
        'company_lookup',
        code,
        isTransientCompanyRegistryFailure(lookup.failure),
        `INSEE ${lookup.failure}${lookup.status ? ` (${lookup.status})` : ''}`,
        lookup.retryAfterSeconds,
      )
    }
    const establishment = lookup.establishment
    if (!establishment.active)
      throw new StepFailed(
        'company_lookup',
        'insee_closed',
        false,
        `establishment ${siret} is closed at INSEE`,
      )
    const { cog, postalCode } = establishment
    if (!cog || !isValidCog(cog) || !postalCode)
      throw new StepFailed(
        'company_lookup',
        'insee_incomplete',
        false,
        `INSEE gives no valid COG or postal code for ${siret}`,
      )
    await store.recordStep(datapassId, 'company_lookup', clock.now())

    // 2. HubEE organization SI-<SIRET>-<COG>.
    const administrator = request.contacts.business ?? request.contacts.requester
    const organization = hubeeValue(
      'hubee_organization',
      await deps.hubeeReferential.ensureOrganization({
        siret,
        cog,
        name: establishment.name,
        postalCode,
        territory: establishment.communeName ?? establishment.name,
        email: administrator.email,
        phoneNumber: hubeePhone(administrator.phoneNumber),
      }),
    )
    await store.recordStep(datapassId, 'hubee_organization', clock.now())

    // 3. The FormulaireQF subscription (created Inactif: HubEE activates it by hand since July 2026).
    const subscription = hubeeValue(
      'hubee_subscription',
      await deps.hubeeReferential.ensureFormulaireQfSubscription({
        siret,
        cog,
        datapassId,
        localAdministrator: hubeeContact(administrator),
        editor: request.editor,
      }),
    )
    if (!subscription.accessMode || (subscription.status !== 'Actif' && subscription.status !== 'Inactif'))
      throw new StepFailed(
        'hubee_subscription',
        'hubee_subscription_inactive',
        true,
        `HubEE subscription ${subscription.id} is ${subscription.status}`,
      )
    await store.recordStep(datapassId, 'hubee_subscription', clock.now())

    // 4. Only now: the collectivity with its editor, through the lifecycle (active only if Actif).
    await store.complete(
      datapassId,
      {
        siret,
        name: establishment.name,
        cog,
        postalCodes: [postalCode],
        editor: request.editor ? { siret: request.editor.siret, name: request.editor.name } : null,
        contacts: request.contacts,
        datapassId,
        hubee: {
          organizationId: organization.id,
          subscriptionId: subscription.id,
          accessMode: subscription.accessMode,
          status: subscription.status,
        },
      },
      clock.now(),
    )
    return { state: 'completed', siret, datapassId, replay: false }
  } catch (err) {
    if (!(err instanceof StepFailed)) throw err
    const state = err.transient ? 'waiting_retry' : 'failed'
    await store.recordFailure(
      datapassId,
      {
        step: err.step,
        code: err.code,
        message: err.message,
        at: clock.now(),
        retryAfterSeconds: err.retryAfterSeconds,
      },
      state,
    )
    return {
      state,
      siret,
      datapassId,
      step: err.step,
      code: err.code,
      retryAfterSeconds: err.retryAfterSeconds,
    }
  }
}
