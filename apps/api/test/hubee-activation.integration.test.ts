import { problemTypes } from '@qf/contracts'
import {
  buildApproveEvent,
  datapassSignature,
  datapassWebhookSecret,
  type Sandbox,
  startSandbox,
} from '@qf/sandbox'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHECK_HUBEE_SUBSCRIPTIONS_JOB, collectivitiesJobs } from '../src/modules/collectivities/index.js'
import { UndiciHubeeReferential } from '../src/adapters/hubee/undici-hubee-referential.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'
import { bearer, buildRegistryServer } from './helpers/registry.js'

const lyon = { siret: '21690123100011', cog: '69123' }
const marseille = { siret: '21130055300016', cog: '13055' }
const majastres = '21040107100019'

let sandbox: Sandbox
let database: TestDatabase
let server: FastifyInstance
let admin: string

/** The sandbox's HubEE as HubEE behaves since July 2026: subscriptions created Inactif, activated by hand. */
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, hubee: { subscriptionActivation: 'manual' } })
  database = await createTestDatabase()
  server = await buildRegistryServer(database.url, {
    env: {
      INSEE_API_URL: `${sandbox.url}/insee/api-sirene/3.11`,
      HUBEE_API_URL: `${sandbox.url}/hubee`,
      HUBEE_TOKEN_URL: `${sandbox.url}/hubee-auth/oauth2/token`,
      HUBEE_REFERENTIAL_SCOPE: 'DATAPASS',
    },
  })
  admin = await bearer(server, { kind: 'admin' })
})
afterAll(async () => {
  await server?.close()
  await database?.drop()
  await sandbox?.close()
})

const approve = (siret: string) => {
  const raw = JSON.stringify(buildApproveEvent({ siret }))
  return server.inject({
    method: 'POST',
    url: '/api/v1/webhooks/datapass',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': datapassSignature(raw, datapassWebhookSecret),
    },
    payload: raw,
  })
}
const adminView = async (siret: string) =>
  (
    await server.inject({
      method: 'GET',
      url: `/api/v1/admin/collectivities/${siret}`,
      headers: { authorization: admin },
    })
  ).json()
const pageCode = async (siret: string) => {
  const res = await server.inject({ method: 'GET', url: `/api/v1/collectivities/${siret}` })
  return res.statusCode === 200 ? 'offered' : res.json().code
}
const activateAtHubee = (siret: string) =>
  fetch(`${sandbox.url}/__admin/hubee/subscriptions/${siret}/activate`, { method: 'POST' })

/** Runs the periodic re-check job's handler as the jobs plugin would. */
async function runRecheck() {
  const [job] = collectivitiesJobs(
    {
      db: server.db,
      hubeeReferential: server.ports.hubeeReferential,
      clock: server.ports.clock,
      schedule: '* * * * *',
    },
    { info: () => undefined, warn: () => undefined },
  )
  await job?.handler({}, { id: 'test', name: CHECK_HUBEE_SUBSCRIPTIONS_JOB })
}

describe('HubEE activates FormulaireQF subscriptions by hand: awaiting_hubee until it does', () => {
  it('the sandbox creates subscriptions Inactif even when asked Actif, and refuses an unknown scope', async () => {
    const referential = new UndiciHubeeReferential({
      apiUrl: `${sandbox.url}/hubee`,
      tokenUrl: `${sandbox.url}/hubee-auth/oauth2/token`,
      clientId: 'formulaire-qf-admin',
      clientSecret: 'sandbox-admin-secret',
      scope: 'DATAPASS',
      timeoutMs: 5_000,
    })
    await referential.ensureOrganization({
      siret: marseille.siret,
      cog: marseille.cog,
      name: 'Marseille',
      postalCode: '13001',
      territory: 'Marseille',
      email: 'mairie@marseille.example',
    })
    const token = await fetch(`${sandbox.url}/hubee-auth/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('formulaire-qf-admin:sandbox-admin-secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=DATAPASS',
    })
    const { access_token } = (await token.json()) as { access_token: string }
    const created = await fetch(`${sandbox.url}/hubee/referential/v1/subscriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        datapassId: 1,
        processCode: 'FormulaireQF',
        subscriber: { type: 'SI', companyRegister: marseille.siret, branchCode: marseille.cog },
        accessMode: 'PORTAIL',
        notificationFrequency: 'unitaire',
        status: 'Actif',
        email: 'mairie@marseille.example',
        localAdministrator: { email: 'mairie@marseille.example' },
      }),
    })
    expect(created.status).toBe(201)
    expect(((await created.json()) as { status: string }).status).toBe('Inactif')
    const badScope = await fetch(`${sandbox.url}/hubee-auth/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('formulaire-qf-admin:sandbox-admin-secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=OSL',
    })
    expect(badScope.status).toBe(400)
  })

  it('a DataPass approve completes the onboarding as awaiting_hubee: not offered, shown to ops', async () => {
    expect((await approve(lyon.siret)).json()).toEqual({ received: true, outcome: 'completed' })
    expect(await adminView(lyon.siret)).toMatchObject({
      lifecycle: 'awaiting_hubee',
      authorization: 'datapass',
      hubeeSubscription: { status: 'Inactif', accessMode: 'API' },
    })
    expect(await pageCode(lyon.siret)).toBe('not_yet_offered')
    await runRecheck()
    expect((await adminView(lyon.siret)).lifecycle).toBe('awaiting_hubee')
  })

  it('once HubEE activates it by hand, the periodic re-check makes it active (offered)', async () => {
    expect((await activateAtHubee(lyon.siret)).status).toBe(200)
    await runRecheck()
    expect(await adminView(lyon.siret)).toMatchObject({
      lifecycle: 'active',
      hubeeSubscription: { status: 'Actif' },
    })
    expect(await pageCode(lyon.siret)).toBe('offered')
    const transitions = (
      await server.inject({
        method: 'GET',
        url: `/api/v1/admin/collectivities/${lyon.siret}/transitions`,
        headers: { authorization: admin },
      })
    ).json().items
    expect(transitions.at(-1)).toMatchObject({
      from: 'awaiting_hubee',
      to: 'active',
      event: 'hubee_active',
      actorKind: 'job',
      actorId: CHECK_HUBEE_SUBSCRIPTIONS_JOB,
    })
  })

  it('an admin-authorized collectivity without a subscription at HubEE is never offered; ops can check on demand', async () => {
    const created = await server.inject({
      method: 'POST',
      url: '/api/v1/admin/collectivities',
      headers: { authorization: admin },
      payload: {
        siret: marseille.siret,
        name: 'Marseille',
        cogCode: marseille.cog,
        postalCodes: ['13001'],
        status: 'active',
      },
    })
    expect(created.json().lifecycle).toBe('awaiting_hubee')
    const checked = await server.inject({
      method: 'POST',
      url: `/api/v1/admin/collectivities/${marseille.siret}/check-hubee`,
      headers: { authorization: admin },
    })
    expect(checked.statusCode).toBe(200)
    expect(checked.json()).toMatchObject({
      lifecycle: 'awaiting_hubee',
      hubeeSubscription: { status: 'Inactif' },
    })
    await activateAtHubee(marseille.siret)
    const again = await server.inject({
      method: 'POST',
      url: `/api/v1/admin/collectivities/${marseille.siret}/check-hubee`,
      headers: { authorization: admin },
    })
    expect(again.json().lifecycle).toBe('active')
  })

  it('HubEE down changes nothing; a subscription no longer Actif suspends at the next re-check, Actif again brings it back', async () => {
    sandbox.faults.set('hubee', { outage: true, failureStatus: 503 })
    await runRecheck()
    expect((await adminView(majastres)).lifecycle).toBe('active')
    sandbox.faults.reset()
    await fetch(`${sandbox.url}/__admin/hubee/subscriptions/${majastres}/deactivate`, { method: 'POST' })
    await runRecheck()
    expect(await adminView(majastres)).toMatchObject({ lifecycle: 'suspended' })
    const problem = await server.inject({ method: 'GET', url: `/api/v1/collectivities/${majastres}` })
    expect(problem.json()).toMatchObject({
      type: problemTypes.collectivityNotOffered,
      code: 'no_longer_offered',
    })
    await activateAtHubee(majastres)
    await runRecheck()
    expect(await pageCode(majastres)).toBe('offered')
  })
})
