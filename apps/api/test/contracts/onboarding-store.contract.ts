import { beforeEach, describe, expect, it } from 'vitest'
import type {
  OnboardedCollectivity,
  OnboardingRequest,
  OnboardingStore,
} from '../../src/modules/onboarding/index.js'

export interface OnboardingStoreSetup {
  /** A fresh, empty store for each test. */
  store(): Promise<OnboardingStore>
  /** The collectivity as stored (lifecycle and editor), `null` when absent. */
  collectivity(siret: string): Promise<{ lifecycle: string; editorSiret: string | null } | null>
}

export const requestFixture = (over: Partial<OnboardingRequest> = {}): OnboardingRequest => ({
  datapassId: 4242,
  datapassPublicId: null,
  formUid: 'formulaire-qf',
  firedAt: new Date('2026-11-01T10:00:00Z'),
  siret: '21200033900011',
  organizationName: 'COMMUNE DE BASTIA',
  editor: { siret: '99900000100019', name: 'Logiciels Communes', email: null },
  contacts: {
    requester: {
      email: 'agent@mairie.example',
      givenName: 'A',
      familyName: 'B',
      phoneNumber: null,
      jobTitle: null,
    },
    business: null,
    dpo: null,
  },
  ...over,
})

const collectivityFixture = (
  editorSiret = '99900000100019',
  status: 'Actif' | 'Inactif' = 'Actif',
): OnboardedCollectivity => ({
  siret: '21200033900011',
  name: 'COMMUNE DE BASTIA',
  cog: '2B033',
  postalCodes: ['20200'],
  editor: { siret: editorSiret, name: 'Logiciels Communes' },
  contacts: requestFixture().contacts,
  datapassId: 4242,
  hubee: {
    organizationId: 'SI-21200033900011-2B033',
    subscriptionId: 'b3f1c1de-0000-4000-8000-000000000001',
    accessMode: 'API',
    status,
  },
})

const at = (iso: string) => new Date(iso)

/** What every OnboardingStore must do (the Postgres one the app wires, and the in-memory one). */
export function describeOnboardingStoreContract(name: string, setup: OnboardingStoreSetup): void {
  describe(`OnboardingStore contract: ${name}`, () => {
    let store: OnboardingStore
    beforeEach(async () => {
      store = await setup.store()
    })

    it('knows nothing at first', async () => {
      expect(await store.find(4242)).toBeNull()
    })

    it('begins an onboarding: in_progress, attempt 1, the request stored as given', async () => {
      const record = await store.begin(requestFixture(), at('2026-11-01T10:00:01Z'))
      expect(record).toMatchObject({
        datapassId: 4242,
        siret: '21200033900011',
        state: 'in_progress',
        attempts: 1,
        steps: {},
        lastError: null,
        completedAt: null,
      })
      expect(record.startedAt).toEqual(at('2026-11-01T10:00:01Z'))
      expect((await store.find(4242))?.request).toEqual(requestFixture())
    })

    it('records steps and failures; a retry counts as an attempt and keeps what was done', async () => {
      await store.begin(requestFixture(), at('2026-11-01T10:00:01Z'))
      await store.recordStep(4242, 'company_lookup', at('2026-11-01T10:00:02Z'))
      const error = {
        step: 'hubee_organization' as const,
        code: 'hubee_unavailable' as const,
        message: 'HubEE unavailable (503)',
        at: at('2026-11-01T10:00:03Z'),
        retryAfterSeconds: null,
      }
      await store.recordFailure(4242, error, 'waiting_retry')
      expect(await store.find(4242)).toMatchObject({
        state: 'waiting_retry',
        steps: {
          company_lookup: { status: 'done', error: null },
          hubee_organization: { status: 'failed', error: 'hubee_unavailable' },
        },
        lastError: error,
      })
      const retried = await store.begin(requestFixture(), at('2026-11-01T10:05:00Z'))
      expect(retried).toMatchObject({
        state: 'in_progress',
        attempts: 2,
        steps: { company_lookup: { status: 'done' } },
      })
      await store.recordStep(4242, 'hubee_organization', at('2026-11-01T10:05:01Z'))
      expect(await store.find(4242)).toMatchObject({
        steps: { hubee_organization: { status: 'done' } },
        lastError: null,
      })
    })

    it('a final failure is `failed`', async () => {
      await store.begin(requestFixture(), at('2026-11-01T10:00:01Z'))
      await store.recordFailure(
        4242,
        {
          step: 'company_lookup',
          code: 'insee_not_found',
          message: 'INSEE not_found (404)',
          at: at('2026-11-01T10:00:02Z'),
          retryAfterSeconds: null,
        },
        'failed',
      )
      expect(await store.find(4242)).toMatchObject({
        state: 'failed',
        lastError: { code: 'insee_not_found' },
      })
      expect(await setup.collectivity('21200033900011')).toBeNull()
    })

    it('complete writes the collectivity active with its editor and marks the onboarding completed', async () => {
      await store.begin(requestFixture(), at('2026-11-01T10:00:01Z'))
      expect(await setup.collectivity('21200033900011')).toBeNull()
      await store.complete(4242, collectivityFixture(), at('2026-11-01T10:00:05Z'))
      expect(await setup.collectivity('21200033900011')).toEqual({
        lifecycle: 'active',
        editorSiret: '99900000100019',
      })
      expect(await store.find(4242)).toMatchObject({
        state: 'completed',
        lastError: null,
        completedAt: at('2026-11-01T10:00:05Z'),
        steps: { collectivity_activation: { status: 'done' } },
      })
    })

    it('completing again (a newer approval) updates the collectivity in place', async () => {
      await store.begin(requestFixture(), at('2026-11-01T10:00:01Z'))
      await store.complete(4242, collectivityFixture(), at('2026-11-01T10:00:05Z'))
      await store.begin(requestFixture({ firedAt: at('2026-11-20T10:00:00Z') }), at('2026-11-20T10:00:01Z'))
      await store.complete(4242, collectivityFixture('99900000200017'), at('2026-11-20T10:00:05Z'))
      expect(await setup.collectivity('21200033900011')).toEqual({
        lifecycle: 'active',
        editorSiret: '99900000200017',
      })
    })

    it('complete with a subscription HubEE has not activated yet: awaiting_hubee, not offered', async () => {
      await store.begin(requestFixture(), at('2026-11-01T10:00:01Z'))
      await store.complete(4242, collectivityFixture('99900000100019', 'Inactif'), at('2026-11-01T10:00:05Z'))
      expect(await setup.collectivity('21200033900011')).toEqual({
        lifecycle: 'awaiting_hubee',
        editorSiret: '99900000100019',
      })
      expect(await store.find(4242)).toMatchObject({ state: 'completed' })
    })

    it('keeps the newer request when an older one begins late', async () => {
      const newer = requestFixture({ firedAt: at('2026-11-20T10:00:00Z'), editor: null })
      await store.begin(newer, at('2026-11-20T10:00:01Z'))
      const record = await store.begin(requestFixture(), at('2026-11-20T10:00:02Z'))
      expect(record.request).toEqual(newer)
      expect(record.attempts).toBe(2)
    })
  })
}
