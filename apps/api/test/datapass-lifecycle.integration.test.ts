import { problemTypes, type CollectivityTransition } from '@qf/contracts'
import {
  buildApproveEvent,
  datapassSignature,
  datapassWebhookSecret,
  type Sandbox,
  startSandbox,
} from '@qf/sandbox'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'
import { bearer, buildRegistryServer, otherEditorSiret } from './helpers/registry.js'

const lyon = '21690123100011'
const marseille = '21130055300016'
const bordeaux = '21330063500017'
const nantes = '21440109300015'
const strasbourg = '21670482500019'

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

let clock = Date.parse('2026-12-01T10:00:00Z')
/** A DataPass event on the QF form for this SIRET (`approve` by default), each fired later than the last. */
function event(
  siret: string,
  name = 'approve',
  over: (e: ReturnType<typeof buildApproveEvent>) => object = (e) => e,
) {
  clock += 60_000
  const base = buildApproveEvent({ siret, firedAt: new Date(clock) })
  return over({ ...base, event: name })
}

const send = (body: unknown) => {
  const raw = typeof body === 'string' ? body : JSON.stringify(body)
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

/** An approve, then HubEE's staff activate the subscription and ops read it back: the collectivity is offered. */
async function onboard(siret: string) {
  const approved = await send(event(siret))
  expect(approved.json().outcome).toBe('completed')
  expect(
    (await fetch(`${sandbox.url}/__admin/hubee/subscriptions/${siret}/activate`, { method: 'POST' })).status,
  ).toBe(200)
  const checked = await server.inject({
    method: 'POST',
    url: `/api/v1/admin/collectivities/${siret}/check-hubee`,
    headers: { authorization: admin },
  })
  return checked.json().lifecycle
}

const page = async (siret: string) => {
  const res = await server.inject({ method: 'GET', url: `/api/v1/collectivities/${siret}` })
  return res.statusCode === 200 ? 'offered' : `${res.json().type} ${res.json().code ?? ''}`.trim()
}
const admin$ = (siret: string) =>
  server.inject({
    method: 'GET',
    url: `/api/v1/admin/collectivities/${siret}`,
    headers: { authorization: admin },
  })
const transitions = async (siret: string): Promise<CollectivityTransition[]> =>
  (
    await server.inject({
      method: 'GET',
      url: `/api/v1/admin/collectivities/${siret}/transitions`,
      headers: { authorization: admin },
    })
  ).json().items

const noLonger = `${problemTypes.collectivityNotOffered} no_longer_offered`

describe('DataPass events drive the lifecycle', () => {
  it('approve onboards; revoke stops the collectivity being offered within that one request', async () => {
    expect(await onboard(lyon)).toBe('active')
    expect(await page(lyon)).toBe('offered')
    const revoked = await send(event(lyon, 'revoke'))
    expect(revoked.statusCode).toBe(200)
    expect(revoked.json()).toEqual({ received: true, outcome: 'recorded' })
    expect(await page(lyon)).toBe(noLonger)
    const session = await server.inject({ method: 'POST', url: '/api/v1/sessions', payload: { siret: lyon } })
    expect(session.json()).toMatchObject({
      type: problemTypes.collectivityNotOffered,
      code: 'no_longer_offered',
    })
    expect((await admin$(lyon)).json()).toMatchObject({ lifecycle: 'suspended', authorization: null })
    expect((await transitions(lyon)).at(-1)).toMatchObject({
      from: 'active',
      to: 'suspended',
      event: 'revoke',
      actorKind: 'datapass',
      actorId: expect.stringMatching(/^\d+$/),
    })
  })

  it('a newer approval after a revocation authorizes it again', async () => {
    expect(await onboard(lyon)).toBe('active')
    expect(await page(lyon)).toBe('offered')
  })

  it('an approve whose state is not validated, or whose authorizations are all revoked, onboards nothing', async () => {
    const refused = await send(
      event(marseille, 'approve', (e) => ({ ...e, data: { ...e.data, state: 'refused' } })),
    )
    expect(refused.json()).toEqual({ received: true, outcome: 'recorded' })
    const revokedAuth = await send(
      event(marseille, 'approve', (e) => ({
        ...e,
        data: { ...e.data, authorizations: [{ id: 1, revoked: true }] },
      })),
    )
    expect(revokedAuth.json()).toEqual({ received: true, outcome: 'recorded' })
    expect((await page(marseille)).startsWith(problemTypes.collectivityNotFound)).toBe(true)
    expect((await transitions(marseille)).map((t) => [t.event, t.to])).toEqual([
      ['datapass:approve', null],
      ['datapass:approve', null],
    ])
  })

  it('refuse of a request no longer in force suspends; archive closes for good (a later approve cannot reopen)', async () => {
    expect((await send(event(bordeaux))).json().outcome).toBe('completed')
    await send(
      event(bordeaux, 'refuse', (e) => ({
        ...e,
        data: { ...e.data, state: 'refused', authorizations: [{ id: 9, revoked: true }] },
      })),
    )
    expect((await admin$(bordeaux)).json().lifecycle).toBe('suspended')
    await send(event(bordeaux, 'archive'))
    expect((await admin$(bordeaux)).json().lifecycle).toBe('closed')
    await send(event(bordeaux))
    expect((await admin$(bordeaux)).json().lifecycle).toBe('closed')
    expect(await page(bordeaux)).toBe(noLonger)
  })

  it('transfer gives the collectivity its new editor; reopen and unknown events are recorded, never a 5xx', async () => {
    expect(await onboard(nantes)).toBe('active')
    const transferred = await send(
      event(nantes, 'transfer', (e) => ({
        ...e,
        data: {
          ...e.data,
          service_provider: { id: 'autre', siret: otherEditorSiret, type: 'editor', name: 'Autre' },
        },
      })),
    )
    expect(transferred.json().outcome).toBe('recorded')
    expect((await admin$(nantes)).json().editor).toEqual({ siret: otherEditorSiret, name: 'Autre' })
    for (const name of ['reopen', 'cancel_reopening', 'a_future_event'])
      expect((await send(event(nantes, name))).json(), name).toEqual({ received: true, outcome: 'recorded' })
    expect(await page(nantes)).toBe('offered')
    expect((await transitions(nantes)).slice(-4).map((t) => [t.event, t.to])).toEqual([
      ['datapass:transfer', null],
      ['datapass:reopen', null],
      ['datapass:cancel_reopening', null],
      ['datapass:a_future_event', null],
    ])
  })
})

describe('values DataPass sends are validated or safely truncated (security probe M1, L6)', () => {
  it('refuses out-of-range ids and times with 422, never 500', async () => {
    for (const over of [
      (e: ReturnType<typeof buildApproveEvent>) => ({ ...e, fired_at: 9e12 }),
      (e: ReturnType<typeof buildApproveEvent>) => ({ ...e, fired_at: -1e13 }),
      (e: ReturnType<typeof buildApproveEvent>) => ({ ...e, data: { ...e.data, id: 2147483648 } }),
      (e: ReturnType<typeof buildApproveEvent>) => ({ ...e, data: { ...e.data, id: 0 } }),
    ]) {
      const res = await send(event(strasbourg, 'approve', over))
      expect(res.statusCode).toBe(422)
      expect(res.json().type).toBe(problemTypes.validation)
    }
  })

  it('a 47-character phone number and over-long names are cut: the admin API still answers', async () => {
    const long = '+33 (0)4 92 34 56 78 - standard mairie, poste 12'
    const res = await send(
      event(strasbourg, 'approve', (e) => ({
        ...e,
        data: {
          ...e.data,
          applicant: {
            ...e.data.applicant,
            phone_number: long,
            family_name: 'X'.repeat(300),
            job_title: 'DGS\n',
          },
        },
      })),
    )
    expect(res.json().outcome).toBe('completed')
    const one = await admin$(strasbourg)
    expect(one.statusCode).toBe(200)
    const requester = one.json().contacts.requester
    expect([...requester.phoneNumber].length).toBeLessThanOrEqual(40)
    expect(requester.phoneNumber.startsWith('+33 (0)4 92 34 56 78')).toBe(true)
    expect([...requester.familyName].length).toBe(100)
    expect(requester.jobTitle).toBe('DGS')
    const list = await server.inject({
      method: 'GET',
      url: '/api/v1/admin/collectivities',
      headers: { authorization: admin },
    })
    expect(list.statusCode).toBe(200)
  })
})

describe('a refusal that keeps an authorization in force', () => {
  it('refuse of a change, with a listed authorization not revoked, leaves the collectivity offered', async () => {
    await send(
      event(nantes, 'refuse', (e) => ({
        ...e,
        data: { ...e.data, state: 'validated', authorizations: [{ id: 7, revoked: false }] },
      })),
    )
    expect(await page(nantes)).toBe('offered')
  })
})
