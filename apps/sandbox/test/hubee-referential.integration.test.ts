import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHubeeStandIn, type HubeeStandIn } from '../src/hubee/index.js'
import { hubeeAdminClient, hubeeOslClient, hubeeSiSecret, seedCollectivities } from '../src/seed.js'
import { HubeeTestClient } from './helpers/hubee-client.js'
import { qfFolder, seeded, siClientId } from './helpers/hubee-fixtures.js'
import { type ServedStandIn, serveStandIn } from './helpers/serve-stand-in.js'

interface SubscriptionBody {
  id: string
  processCode: string
  status: string | null
  subscriber: { companyRegister: string; branchCode: string }
  activateDateTime: string | null
}

let served: ServedStandIn<HubeeStandIn>
let hubee: HubeeTestClient
let admin: string

beforeAll(async () => {
  served = await serveStandIn((ctx) => createHubeeStandIn(ctx, { subscriptionActivation: 'automatic' }))
  hubee = new HubeeTestClient(served.url)
  admin = await hubee.token(hubeeAdminClient.clientId, hubeeAdminClient.clientSecret, 'ADMIN')
})
afterAll(() => served.close())

describe('HubEE stand-in: referential', () => {
  it('seeds every collectivity as an organization subscribed to FormulaireQF with its status', async () => {
    const list = await hubee.call(admin, 'GET', '/referential/v1/subscriptions?processCode=FormulaireQF')
    expect(list.status).toBe(200)
    expect(list.headers.get('content-range')).toMatch(/ 0-\d+\/\d+$/)
    const subs = list.json as SubscriptionBody[]
    for (const c of seedCollectivities) {
      const sub = subs.find((s) => s.subscriber.companyRegister === c.siret)
      expect(sub).toMatchObject({
        processCode: 'FormulaireQF',
        status: c.subscription,
        subscriber: { branchCode: c.cog },
      })
      const org = await hubee.call(admin, 'GET', `/referential/v1/organizations/${siClientId(c)}`)
      expect(org.json).toMatchObject({ type: 'SI', companyRegister: c.siret, branchCode: c.cog })
    }
    expect(seeded('Majastres')).toBeDefined()
    const majastres = await hubee.call(
      admin,
      'GET',
      `/referential/v1/organizations/${siClientId(seeded('Majastres'))}`,
    )
    expect(majastres.json).toMatchObject({ name: 'COMMUNE DE MAJASTRES', postalCode: '04270' })
  })

  it('filters and pages subscriptions as the spec describes, and refuses unknown query parameters', async () => {
    const inactive = (await hubee.call(admin, 'GET', '/referential/v1/subscriptions?status=Inactif'))
      .json as SubscriptionBody[]
    expect(inactive.every((s) => s.status === 'Inactif')).toBe(true)
    expect(inactive.length).toBe(seedCollectivities.filter((c) => c.subscription === 'Inactif').length)
    const page = (await hubee.call(admin, 'GET', '/referential/v1/subscriptions?offSet=1&maxResult=2'))
      .json as SubscriptionBody[]
    expect(page).toHaveLength(2)
    const wrong = await hubee.call(admin, 'GET', '/referential/v1/subscriptions?processType=X')
    expect(wrong.status).toBe(400)
    expect(wrong.json).toMatchObject({ errors: [{ code: 400 }] })
  })

  it('creates an organization and an inactive subscription; activating it grants SI credentials and deposits', async () => {
    const newcomer = { siret: '21130055300016', cog: '13055' }
    const orgBody = {
      type: 'SI',
      companyRegister: newcomer.siret,
      branchCode: newcomer.cog,
      name: 'COMMUNE DE MARSEILLE',
      country: 'France',
      postalCode: '13001',
      territory: 'MARSEILLE',
      email: 'admin@example.org',
      phoneNumber: '0123456789',
      status: 'Actif',
    }
    expect((await hubee.call(admin, 'POST', '/referential/v1/organizations', { json: orgBody })).status).toBe(
      201,
    )
    const again = await hubee.call(admin, 'POST', '/referential/v1/organizations', { json: orgBody })
    expect(again.status).toBe(400)
    expect(JSON.stringify(again.json)).toContain(`Organization ${siClientId(newcomer)} already exists`)

    const subscription = {
      datapassId: 4242,
      processCode: 'FormulaireQF',
      subscriber: { type: 'SI', companyRegister: newcomer.siret, branchCode: newcomer.cog },
      notificationFrequency: 'Aucune',
      email: 'admin@example.org',
      status: 'Inactif',
      localAdministrator: { email: 'admin@example.org' },
    }
    const created = await hubee.call(admin, 'POST', '/referential/v1/subscriptions', { json: subscription })
    expect(created.status).toBe(201)
    const sub = created.json as SubscriptionBody
    expect(sub.status).toBe('Inactif')
    expect(
      (await hubee.call(admin, 'POST', '/referential/v1/subscriptions', { json: subscription })).status,
    ).toBe(400)

    expect((await hubee.tokenResponse(siClientId(newcomer), hubeeSiSecret, 'SI')).status).toBe(401)
    const osl = await hubee.token(hubeeOslClient.clientId, hubeeOslClient.clientSecret, 'OSL')
    const refused = await hubee.call(osl, 'POST', '/teledossiers/v1/folders', { json: qfFolder(newcomer) })
    expect(refused.status).toBe(400)

    const activated = await hubee.call(admin, 'PUT', `/referential/v1/subscriptions/${sub.id}`, {
      json: { ...subscription, status: 'Actif', accessMode: 'API' },
    })
    expect(activated.status).toBe(200)
    expect((activated.json as SubscriptionBody).activateDateTime).not.toBeNull()
    expect((await hubee.tokenResponse(siClientId(newcomer), hubeeSiSecret, 'SI')).status).toBe(200)
    expect(
      (await hubee.call(osl, 'POST', '/teledossiers/v1/folders', { json: qfFolder(newcomer) })).status,
    ).toBe(201)
    const read = await hubee.call(osl, 'GET', `/referential/v1/subscriptions/${sub.id}`)
    expect(read.json).toMatchObject({ status: 'Actif', accessMode: 'API' })
  })

  it('answers 404 for an unknown organization or subscription, 400 for a malformed subscription id', async () => {
    expect(
      (await hubee.call(admin, 'GET', '/referential/v1/organizations/SI-00000000000000-00000')).status,
    ).toBe(404)
    expect(
      (await hubee.call(admin, 'GET', '/referential/v1/subscriptions/6f1c1f0e-1111-4111-8111-111111111111'))
        .status,
    ).toBe(404)
    expect((await hubee.call(admin, 'GET', '/referential/v1/subscriptions/23133')).status).toBe(400)
  })

  it('refuses a subscription body missing required properties', async () => {
    const answer = await hubee.call(admin, 'POST', '/referential/v1/subscriptions', {
      json: { processCode: 'FormulaireQF' },
      validateRequest: false,
    })
    expect(answer.status).toBe(400)
    expect(JSON.stringify(answer.json)).toContain('Object has missing required properties')
  })
})
