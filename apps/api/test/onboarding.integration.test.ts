import { demoEditor, type Sandbox, startSandbox } from '@qf/sandbox'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { InMemoryCompanyRegistry } from '../src/adapters/in-memory/in-memory-company-registry.js'
import { InMemoryHubeeReferential } from '../src/adapters/in-memory/in-memory-hubee-referential.js'
import { InMemoryOnboardingStore } from '../src/adapters/in-memory/in-memory-onboarding-store.js'
import { UndiciHubeeReferential } from '../src/adapters/hubee/undici-hubee-referential.js'
import { UndiciInseeSirene } from '../src/adapters/insee/undici-insee-sirene.js'
import {
  onboardCollectivity,
  type OnboardingDeps,
  type OnboardingStore,
  retryOnboarding,
} from '../src/modules/onboarding/index.js'
import { DrivenClock } from '@qf/testing'
import { approveEvent } from './helpers/datapass.js'

const bastia = { siret: '21200033900011', cog: '2B033' }
const marseille = { siret: '21130055300016', cog: '13055' }
const lyon = { siret: '21690123100011', cog: '69123' }
const nantes = { siret: '21440109300015', cog: '44109' }
const annecyLeVieux = '21740011800014'
const unknownToInsee = '73282932000074'

describe('onboardCollectivity against the sandbox (INSEE Sirene and HubEE over HTTP)', () => {
  let sandbox: Sandbox
  let companyRegistry: UndiciInseeSirene
  let hubeeReferential: UndiciHubeeReferential
  let store: InMemoryOnboardingStore
  let deps: OnboardingDeps

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 })
    companyRegistry = new UndiciInseeSirene({
      baseUrl: `${sandbox.url}/insee/api-sirene/3.11`,
      apiKey: 'sandbox-insee-key',
      timeoutMs: 5_000,
    })
    hubeeReferential = new UndiciHubeeReferential({
      apiUrl: `${sandbox.url}/hubee`,
      tokenUrl: `${sandbox.url}/hubee-auth/oauth2/token`,
      clientId: 'formulaire-qf-admin',
      clientSecret: 'sandbox-admin-secret',
      timeoutMs: 5_000,
    })
  })
  afterAll(async () => {
    await companyRegistry.close()
    await hubeeReferential.close()
    await sandbox.close()
  })
  beforeEach(() => {
    sandbox.faults.reset()
    store = new InMemoryOnboardingStore()
    deps = { companyRegistry, hubeeReferential, store, clock: new DrivenClock() }
  })

  /** Whether HubEE now gives the collectivity SI credentials (it does once its subscription is active). */
  async function siCredentialsWork(siret: string, cog: string) {
    const response = await fetch(`${sandbox.url}/hubee-auth/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`SI-${siret}-${cog}:sandbox-secret`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=SI',
    })
    return response.status === 200
  }

  it('onboards a new commune served by an editor: INSEE → HubEE organization → API subscription (EDT) → active', async () => {
    expect(await siCredentialsWork(bastia.siret, bastia.cog)).toBe(false)
    const event = approveEvent({ siret: bastia.siret })
    const outcome = await onboardCollectivity(deps, event)
    expect(outcome).toEqual({
      state: 'completed',
      siret: bastia.siret,
      datapassId: event.data.id,
      replay: false,
    })

    // HubEE creates the subscription Inactif and activates it by hand (since July 2026).
    expect(store.collectivities.get(bastia.siret)).toMatchObject({
      lifecycle: 'awaiting_hubee',
      siret: bastia.siret,
      name: 'COMMUNE DE BASTIA',
      cog: '2B033',
      postalCodes: ['20200'],
      editor: { siret: demoEditor.siret, name: demoEditor.name },
      contacts: {
        requester: { email: 'camille.martin@mairie.example' },
        dpo: { email: 'dpo@mairie.example' },
      },
      hubee: { organizationId: 'SI-21200033900011-2B033', accessMode: 'API' },
    })
    const record = await store.find(event.data.id)
    expect(record).toMatchObject({ state: 'completed', attempts: 1, lastError: null })
    expect(Object.keys(record?.steps ?? {})).toEqual([
      'company_lookup',
      'hubee_organization',
      'hubee_subscription',
      'collectivity_activation',
    ])
    expect(Object.values(record?.steps ?? {}).every((s) => s.status === 'done')).toBe(true)

    const subscription = await hubeeReferential.findFormulaireQfSubscription(bastia.siret, bastia.cog)
    expect(subscription).toMatchObject({
      ok: true,
      value: { status: 'Inactif', accessMode: 'API', editorSiret: demoEditor.siret },
    })
    expect(await siCredentialsWork(bastia.siret, bastia.cog)).toBe(false)
    await fetch(`${sandbox.url}/__admin/hubee/subscriptions/${bastia.siret}/activate`, { method: 'POST' })
    expect(await siCredentialsWork(bastia.siret, bastia.cog)).toBe(true)
  })

  it('subscribes in PORTAIL mode when no editor is the service provider', async () => {
    const outcome = await onboardCollectivity(
      deps,
      approveEvent({ siret: marseille.siret, serviceProvider: null }),
    )
    expect(outcome.state).toBe('completed')
    expect(store.collectivities.get(marseille.siret)).toMatchObject({
      editor: null,
      hubee: { accessMode: 'PORTAIL' },
    })
    expect(await hubeeReferential.findFormulaireQfSubscription(marseille.siret, marseille.cog)).toMatchObject(
      {
        value: { status: 'Inactif', accessMode: 'PORTAIL', editorSiret: null },
      },
    )
  })

  it('gives the same state when the same event comes twice', async () => {
    const event = approveEvent({ siret: nantes.siret })
    expect((await onboardCollectivity(deps, event)).state).toBe('completed')
    const recordBefore = await store.find(event.data.id)
    const collectivityBefore = structuredClone(store.collectivities.get(nantes.siret))
    const subscriptionBefore = await hubeeReferential.findFormulaireQfSubscription(nantes.siret, nantes.cog)

    const replay = await onboardCollectivity(deps, event)
    expect(replay).toEqual({
      state: 'completed',
      siret: nantes.siret,
      datapassId: event.data.id,
      replay: true,
    })
    expect(await store.find(event.data.id)).toEqual(recordBefore)
    expect(store.collectivities.get(nantes.siret)).toEqual(collectivityBefore)
    expect(await hubeeReferential.findFormulaireQfSubscription(nantes.siret, nantes.cog)).toEqual(
      subscriptionBefore,
    )
  })

  it('stops at INSEE for a SIRET INSEE does not know (404): failed, nothing at HubEE, no collectivity', async () => {
    const event = approveEvent({ siret: unknownToInsee })
    const outcome = await onboardCollectivity(deps, event)
    expect(outcome).toMatchObject({ state: 'failed', step: 'company_lookup', code: 'insee_not_found' })
    expect(store.collectivities.size).toBe(0)
    expect(await store.find(event.data.id)).toMatchObject({
      state: 'failed',
      steps: { company_lookup: { status: 'failed', error: 'insee_not_found' } },
      lastError: { step: 'company_lookup', code: 'insee_not_found', message: 'INSEE not_found (404)' },
    })
  })

  it('refuses an establishment closed at INSEE', async () => {
    const outcome = await onboardCollectivity(deps, approveEvent({ siret: annecyLeVieux }))
    expect(outcome).toMatchObject({ state: 'failed', step: 'company_lookup', code: 'insee_closed' })
    expect(store.collectivities.size).toBe(0)
  })

  it('waits for a retry when INSEE is down', async () => {
    sandbox.faults.set('insee', { outage: true, failureStatus: 503 })
    const outcome = await onboardCollectivity(deps, approveEvent({ siret: lyon.siret, id: 777001 }))
    expect(outcome).toMatchObject({
      state: 'waiting_retry',
      step: 'company_lookup',
      code: 'insee_unavailable',
    })
    expect(store.collectivities.size).toBe(0)
  })

  it('HubEE down part-way: nothing active; the retry finishes the onboarding', async () => {
    const event = approveEvent({ siret: lyon.siret })
    sandbox.faults.set('hubee', { outage: true, failureStatus: 503 })
    const failed = await onboardCollectivity(deps, event)
    expect(failed).toMatchObject({
      state: 'waiting_retry',
      step: 'hubee_organization',
      code: 'hubee_unavailable',
    })
    expect(store.collectivities.has(lyon.siret)).toBe(false)
    expect(await store.find(event.data.id)).toMatchObject({
      state: 'waiting_retry',
      steps: { company_lookup: { status: 'done' }, hubee_organization: { status: 'failed' } },
      lastError: { step: 'hubee_organization', code: 'hubee_unavailable' },
    })

    sandbox.faults.reset()
    const retried = await retryOnboarding(deps, event.data.id)
    expect(retried).toMatchObject({ state: 'completed', siret: lyon.siret, replay: false })
    expect(store.collectivities.get(lyon.siret)).toMatchObject({ lifecycle: 'awaiting_hubee', cog: '69123' })
    expect(await store.find(event.data.id)).toMatchObject({
      state: 'completed',
      attempts: 2,
      lastError: null,
    })
    expect(await hubeeReferential.findFormulaireQfSubscription(lyon.siret, lyon.cog)).toMatchObject({
      value: { status: 'Inactif' },
    })
  })
})

describe('onboardCollectivity with fakes', () => {
  const establishment = (siret: string, cog: string, name: string, postalCode: string) => ({
    siret,
    name,
    cog,
    communeName: name.replace(/^COMMUNE DE /, ''),
    postalCode,
    active: true,
  })
  let companyRegistry: InMemoryCompanyRegistry
  let hubee: InMemoryHubeeReferential
  let store: InMemoryOnboardingStore
  let clock: DrivenClock
  let deps: OnboardingDeps

  beforeEach(() => {
    companyRegistry = new InMemoryCompanyRegistry([
      establishment(bastia.siret, bastia.cog, 'COMMUNE DE BASTIA', '20200'),
      establishment(nantes.siret, nantes.cog, 'COMMUNE DE NANTES', '44000'),
    ])
    hubee = new InMemoryHubeeReferential()
    store = new InMemoryOnboardingStore()
    clock = new DrivenClock()
    deps = { companyRegistry, hubeeReferential: hubee, store, clock }
  })

  it('a replay calls neither INSEE nor HubEE', async () => {
    const event = approveEvent({ siret: bastia.siret })
    await onboardCollectivity(deps, event)
    const calls = [companyRegistry.lookups.length, hubee.calls.length]
    expect(await onboardCollectivity(deps, event)).toMatchObject({ state: 'completed', replay: true })
    expect([companyRegistry.lookups.length, hubee.calls.length]).toEqual(calls)
  })

  it('HubEE fails at the subscription step: the organization is kept, the collectivity is not active; retry completes', async () => {
    hubee.failCall('ensureFormulaireQfSubscription', 'unavailable')
    const event = approveEvent({ siret: bastia.siret })
    const completeCalls: string[] = []
    const watched: OnboardingStore = {
      find: (id) => store.find(id),
      begin: (r, at) => store.begin(r, at),
      recordStep: (id, step, at) => store.recordStep(id, step, at),
      recordFailure: (id, e, s) => store.recordFailure(id, e, s),
      async complete(id, collectivity, at) {
        // The subscription is active at HubEE before the collectivity is written as active.
        const subscription = await hubee.findFormulaireQfSubscription(collectivity.siret, collectivity.cog)
        expect(subscription).toMatchObject({ ok: true, value: { status: 'Actif' } })
        completeCalls.push(collectivity.siret)
        return store.complete(id, collectivity, at)
      },
    }
    const failed = await onboardCollectivity({ ...deps, store: watched }, event)
    expect(failed).toMatchObject({
      state: 'waiting_retry',
      step: 'hubee_subscription',
      code: 'hubee_unavailable',
    })
    expect(hubee.organizations.has('SI-21200033900011-2B033')).toBe(true)
    expect(store.collectivities.size).toBe(0)
    expect(completeCalls).toEqual([])

    clock.advance(60_000)
    expect(await retryOnboarding({ ...deps, store: watched }, event.data.id)).toMatchObject({
      state: 'completed',
    })
    expect(completeCalls).toEqual([bastia.siret])
    expect(store.collectivities.get(bastia.siret)?.lifecycle).toBe('active')
    // the organization was not created twice
    expect(hubee.organizations.size).toBe(1)
  })

  it('INSEE rate-limited: waits for a retry with INSEE’s Retry-After', async () => {
    companyRegistry.failWith('rate_limited', 60)
    expect(await onboardCollectivity(deps, approveEvent({ siret: bastia.siret }))).toMatchObject({
      state: 'waiting_retry',
      code: 'insee_rate_limited',
      retryAfterSeconds: 60,
    })
    expect(hubee.calls).toEqual([])
  })

  it('a HubEE refusal (400) is final: failed, ops must act', async () => {
    hubee.failCall('ensureOrganization', 'invalid')
    expect(await onboardCollectivity(deps, approveEvent({ siret: bastia.siret }))).toMatchObject({
      state: 'failed',
      step: 'hubee_organization',
      code: 'hubee_invalid',
    })
  })

  it('refuses a SIRET that fails its checksum without asking INSEE', async () => {
    const outcome = await onboardCollectivity(deps, approveEvent({ siret: '21200033900012' }))
    expect(outcome).toMatchObject({ state: 'failed', code: 'invalid_siret' })
    expect(companyRegistry.lookups).toEqual([])
  })

  it('a newer approval of the same request (another editor) updates the collectivity; an older one arriving late changes nothing', async () => {
    const first = approveEvent({ siret: nantes.siret, firedAt: new Date('2026-11-01T10:00:00Z') })
    await onboardCollectivity(deps, first)
    const otherEditor = { id: 'autre-editeur', siret: '99900000200017', name: 'Autre Éditeur' }
    const second = approveEvent({
      siret: nantes.siret,
      firedAt: new Date('2026-11-20T10:00:00Z'),
      serviceProvider: otherEditor,
    })
    expect(await onboardCollectivity(deps, second)).toMatchObject({ state: 'completed', replay: false })
    expect(store.collectivities.get(nantes.siret)?.editor).toEqual({
      siret: otherEditor.siret,
      name: otherEditor.name,
    })
    expect(await hubee.findFormulaireQfSubscription(nantes.siret, nantes.cog)).toMatchObject({
      value: { editorSiret: otherEditor.siret },
    })
    expect(await onboardCollectivity(deps, first)).toMatchObject({ replay: true })
    expect(store.collectivities.get(nantes.siret)?.editor?.siret).toBe(otherEditor.siret)
  })
})
