import { problemTypes } from '@qf/contracts'
import {
  buildApproveEvent,
  datapassSignature,
  datapassWebhookSecret,
  demoEditor,
  type Sandbox,
  sendDatapassEvent,
  startSandbox,
} from '@qf/sandbox'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  maxOnboardingAttempts,
  onboardingJobs,
  postgresOnboardingStore,
  RETRY_ONBOARDING_JOB,
  toOnboardingRequest,
} from '../src/modules/onboarding/index.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'
import { bearer, buildRegistryServer } from './helpers/registry.js'

const bastia = { siret: '21200033900011', cog: '2B033' }
const lyon = { siret: '21690123100011', cog: '69123' }
const nantes = { siret: '21440109300015', cog: '44109' }
const unknownToInsee = '73282932000074'

let sandbox: Sandbox
let database: TestDatabase
let server: FastifyInstance
let admin: string

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  database = await createTestDatabase()
  server = await buildRegistryServer(database.url, {
    env: {
      INSEE_API_URL: `${sandbox.url}/insee/api-sirene/3.11`,
      HUBEE_API_URL: `${sandbox.url}/hubee`,
      HUBEE_TOKEN_URL: `${sandbox.url}/hubee-auth/oauth2/token`,
    },
  })
  admin = await bearer(server, { kind: 'admin' })
})
afterAll(async () => {
  await server?.close()
  await database?.drop()
  await sandbox?.close()
})
beforeEach(() => sandbox.faults.reset())

/** Posts a body the way DataPass does, with the given signature header (or none). */
const post = (rawBody: string, signature: string | null) =>
  server.inject({
    method: 'POST',
    url: '/api/v1/webhooks/datapass',
    headers: {
      'content-type': 'application/json',
      ...(signature === null ? {} : { 'x-hub-signature-256': signature }),
    },
    payload: rawBody,
  })

const signed = (event: unknown) => {
  const raw = JSON.stringify(event)
  return post(raw, datapassSignature(raw, datapassWebhookSecret))
}

const onboarding = async (datapassId: number) =>
  server.inject({
    method: 'GET',
    url: `/api/v1/admin/onboardings/${datapassId}`,
    headers: { authorization: admin },
  })

const publicCollectivity = (siret: string) =>
  server.inject({ method: 'GET', url: `/api/v1/collectivities/${siret}` })

describe('POST /api/v1/webhooks/datapass', () => {
  it('refuses a wrong or missing signature with 401, and stores nothing', async () => {
    const event = buildApproveEvent({ siret: lyon.siret })
    const raw = JSON.stringify(event)
    const cases = [
      null,
      '',
      'sha256=',
      datapassSignature(raw, 'not-the-secret'),
      datapassSignature(`${raw} `, datapassWebhookSecret),
      datapassSignature(raw, datapassWebhookSecret).replace('sha256=', 'sha1='),
    ]
    for (const signature of cases) {
      const res = await post(raw, signature)
      expect(res.statusCode, String(signature)).toBe(401)
      expect(res.json().type).toBe(problemTypes.webhookSignatureInvalid)
    }
    const empty = await server.inject({
      method: 'POST',
      url: '/api/v1/webhooks/datapass',
      headers: { 'x-hub-signature-256': 'sha256=00' },
    })
    expect(empty.statusCode).toBe(401)
    expect(await server.db.selectFrom('onboardings').selectAll().execute()).toEqual([])
    expect((await publicCollectivity(lyon.siret)).statusCode).toBe(404)
  })

  it('answers a test call with 200; records other events of an unknown collectivity, onboarding nothing', async () => {
    const test = await signed({ test: true, timestamp: new Date().toISOString() })
    expect(test.statusCode).toBe(200)
    expect(test.json()).toEqual({ received: true, outcome: 'test' })
    const refuse = await signed({ ...buildApproveEvent({ siret: lyon.siret }), event: 'refuse' })
    expect(refuse.json()).toEqual({ received: true, outcome: 'recorded' })
    const otherForm = await signed({
      ...buildApproveEvent({ siret: lyon.siret }),
      model_type: 'authorization_request/api_particulier',
    })
    expect(otherForm.json()).toEqual({ received: true, outcome: 'ignored' })
    expect(await server.db.selectFrom('onboardings').selectAll().execute()).toEqual([])
  })

  it('onboards on approve (INSEE → HubEE → active with its editor), over real HTTP with the sandbox sender; a replay changes nothing', async () => {
    const address = await server.listen({ port: 0, host: '127.0.0.1' })
    const event = buildApproveEvent({ siret: bastia.siret })
    const sent = await sendDatapassEvent({
      url: `${address}/api/v1/webhooks/datapass`,
      secret: datapassWebhookSecret,
      event,
    })
    expect(sent.status).toBe(200)
    expect(JSON.parse(sent.body)).toEqual({ received: true, outcome: 'completed' })

    const view = await server.inject({
      method: 'GET',
      url: `/api/v1/admin/collectivities/${bastia.siret}`,
      headers: { authorization: admin },
    })
    expect(view.json()).toMatchObject({
      siret: bastia.siret,
      status: 'inactive',
      lifecycle: 'awaiting_hubee',
      authorization: 'datapass',
      cogCode: bastia.cog,
      departement: '2B',
      editor: { siret: demoEditor.siret, name: demoEditor.name },
      contacts: {
        requester: { email: 'camille.martin@mairie.example' },
        dpo: { email: 'dpo@mairie.example' },
      },
      hubeeSubscription: {
        organizationId: `SI-${bastia.siret}-${bastia.cog}`,
        accessMode: 'API',
        status: 'Inactif',
      },
      datapassId: event.data.id,
    })
    // Not offered until HubEE activates the subscription by hand (then the re-check makes it active).
    expect((await publicCollectivity(bastia.siret)).json().code).toBe('not_yet_offered')
    const status = await onboarding(event.data.id)
    expect(status.json()).toMatchObject({ state: 'completed', attempts: 1, lastError: null })
    expect((status.json().steps as { status: string }[]).map((s) => s.status)).toEqual([
      'done',
      'done',
      'done',
      'done',
    ])

    const before = await server.db
      .selectFrom('collectivities')
      .selectAll()
      .where('siret', '=', bastia.siret)
      .executeTakeFirstOrThrow()
    const replay = await signed(event)
    expect(replay.json()).toEqual({ received: true, outcome: 'completed' })
    const after = await server.db
      .selectFrom('collectivities')
      .selectAll()
      .where('siret', '=', bastia.siret)
      .executeTakeFirstOrThrow()
    expect(after).toEqual(before)
    expect((await onboarding(event.data.id)).json().attempts).toBe(1)
  })

  it('INSEE 404: a final failure, visible to ops, the collectivity never visible to citizens', async () => {
    const event = buildApproveEvent({ siret: unknownToInsee })
    const res = await signed(event)
    expect(res.json()).toEqual({ received: true, outcome: 'failed' })
    expect((await onboarding(event.data.id)).json()).toMatchObject({
      state: 'failed',
      lastError: { step: 'company_lookup', code: 'insee_not_found' },
    })
    expect((await publicCollectivity(unknownToInsee)).statusCode).toBe(404)
    const jobs = await server.db
      .selectFrom('pgboss.job' as never)
      .selectAll()
      .execute()
    expect(JSON.stringify(jobs)).not.toContain(String(event.data.id))
  })

  it('HubEE failing part-way: waiting_retry, a retry job scheduled, nothing visible; the job then completes it', async () => {
    sandbox.faults.set('hubee', { outage: true, failureMode: '5xx' })
    const event = buildApproveEvent({ siret: nantes.siret })
    const res = await signed(event)
    expect(res.json()).toEqual({ received: true, outcome: 'waiting_retry' })
    expect((await onboarding(event.data.id)).json()).toMatchObject({
      state: 'waiting_retry',
      lastError: { code: 'hubee_unavailable' },
    })
    expect((await publicCollectivity(nantes.siret)).statusCode).toBe(404)
    const queued = await server.db
      .selectFrom('pgboss.job' as never)
      .select(['name' as never, 'data' as never, 'start_after' as never])
      .where('name' as never, '=', RETRY_ONBOARDING_JOB as never)
      .execute()
    const mine = (queued as { data: { datapassId: number }; start_after: Date }[]).filter(
      (j) => j.data.datapassId === event.data.id,
    )
    expect(mine).toHaveLength(1)
    expect(mine[0]?.start_after.getTime()).toBeGreaterThan(Date.now() + 30_000)

    // HubEE is back; the declared job runs the onboarding again.
    sandbox.faults.reset()
    const [job] = onboardingJobs(
      {
        companyRegistry: server.ports.companyRegistry,
        hubeeReferential: server.ports.hubeeReferential,
        store: postgresOnboardingStore(server.db, { jobQueue: server.ports.jobQueue }),
        clock: server.ports.clock,
        jobQueue: server.ports.jobQueue,
      },
      server.log,
    )
    await job?.handler({ datapassId: event.data.id }, { id: 'test', name: RETRY_ONBOARDING_JOB })
    expect((await onboarding(event.data.id)).json()).toMatchObject({
      state: 'completed',
      attempts: 2,
      lastError: null,
    })
    expect((await publicCollectivity(nantes.siret)).json().code).toBe('not_yet_offered')
  })

  it('the store enqueues the retry with the waiting_retry state, in one transaction (and not after the maximum)', async () => {
    const store = postgresOnboardingStore(server.db, { jobQueue: server.ports.jobQueue })
    const request = toOnboardingRequest(buildApproveEvent({ siret: '21330063500017', id: 777_001 }))
    const failure = (at: Date) => ({
      step: 'hubee_organization' as const,
      code: 'hubee_unavailable' as const,
      message: 'HubEE unavailable (503)',
      at,
      retryAfterSeconds: null,
    })
    const jobsOf = async (datapassId: number) =>
      (
        (await server.db
          .selectFrom('pgboss.job' as never)
          .select(['data' as never])
          .where('name' as never, '=', RETRY_ONBOARDING_JOB as never)
          .execute()) as { data: { datapassId: number } }[]
      ).filter((j) => j.data.datapassId === datapassId)
    await store.begin(request, new Date())
    await store.recordFailure(request.datapassId, failure(new Date()), 'waiting_retry')
    expect(await jobsOf(request.datapassId)).toHaveLength(1)
    await store.recordFailure(request.datapassId, failure(new Date()), 'failed')
    expect(await jobsOf(request.datapassId)).toHaveLength(1)
    await server.db
      .updateTable('onboardings')
      .set({ attempts: maxOnboardingAttempts })
      .where('datapass_id', '=', request.datapassId)
      .execute()
    await store.recordFailure(request.datapassId, failure(new Date()), 'waiting_retry')
    expect(await jobsOf(request.datapassId)).toHaveLength(1)
  })

  it('ops retry a failed onboarding through the admin API (admin keys only)', async () => {
    const event = buildApproveEvent({ siret: lyon.siret })
    sandbox.faults.set('insee', { outage: true, failureMode: '5xx' })
    expect((await signed(event)).json().outcome).toBe('waiting_retry')
    sandbox.faults.reset()
    const editorKey = await bearer(server, { kind: 'editor', siret: demoEditor.siret })
    const refused = await server.inject({
      method: 'POST',
      url: `/api/v1/admin/onboardings/${event.data.id}/retry`,
      headers: { authorization: editorKey },
    })
    expect(refused.statusCode).toBe(403)
    // The editor named by the request may read its status.
    expect(
      (
        await server.inject({
          method: 'GET',
          url: `/api/v1/admin/onboardings/${event.data.id}`,
          headers: { authorization: editorKey },
        })
      ).statusCode,
    ).toBe(200)
    const retried = await server.inject({
      method: 'POST',
      url: `/api/v1/admin/onboardings/${event.data.id}/retry`,
      headers: { authorization: admin },
    })
    expect(retried.statusCode).toBe(200)
    expect(retried.json()).toMatchObject({ state: 'completed' })
    const list = await server.inject({
      method: 'GET',
      url: `/api/v1/admin/onboardings?siret=${lyon.siret}`,
      headers: { authorization: admin },
    })
    expect(list.json().items).toHaveLength(1)
  })
})
