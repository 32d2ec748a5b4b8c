import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHubeeStandIn, type HubeeStandIn } from '../src/hubee/index.js'
import { hubeeAdminClient, hubeeOslClient, hubeeSiSecret } from '../src/seed.js'
import { HubeeTestClient } from './helpers/hubee-client.js'
import { qfFiles, qfFolder, seeded, siClientId } from './helpers/hubee-fixtures.js'
import { type ServedStandIn, serveStandIn } from './helpers/serve-stand-in.js'

interface GatewayError {
  errors: { code: number; message: string }[]
}
interface FolderBody {
  id: string
  cases: { id: string }[]
  attachments: { id: string }[]
}

const majastres = seeded('Majastres')
const hauteluce = seeded('Hauteluce')

/** The stand-in on a clock the test moves, to let tokens expire without waiting. */
let clock = Date.parse('2026-03-01T08:00:00Z')
let served: ServedStandIn<HubeeStandIn>
let hubee: HubeeTestClient

beforeAll(async () => {
  served = await serveStandIn((ctx) => createHubeeStandIn(ctx, { tokenTtlSeconds: 600, now: () => clock }))
  hubee = new HubeeTestClient(served.url)
})
afterAll(() => served.close())

describe('HubEE stand-in: token endpoint', () => {
  it('issues a bearer token for each client in its own scope, with expires_in', async () => {
    for (const [id, secret, scope] of [
      [hubeeOslClient.clientId, hubeeOslClient.clientSecret, 'OSL'],
      [hubeeAdminClient.clientId, hubeeAdminClient.clientSecret, 'ADMIN'],
      [siClientId(majastres), hubeeSiSecret, 'SI'],
    ] as const) {
      const response = await hubee.tokenResponse(id, secret, scope)
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ token_type: 'Bearer', scope, expires_in: 600 })
    }
  })

  it('answers 401 invalid_client to a wrong secret or an unknown client', async () => {
    const wrong = await hubee.tokenResponse(hubeeOslClient.clientId, 'not-the-secret', 'OSL')
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' })
    expect((await hubee.tokenResponse('nobody', 'x', 'OSL')).status).toBe(401)
  })

  it('gives no SI credentials to an organization whose subscription is inactive', async () => {
    const inactive = seeded('Ambérieu-en-Bugey')
    expect((await hubee.tokenResponse(siClientId(inactive), hubeeSiSecret, 'SI')).status).toBe(401)
  })

  it('refuses a scope the client is not entitled to, and a grant other than client_credentials', async () => {
    const response = await hubee.tokenResponse(hubeeOslClient.clientId, hubeeOslClient.clientSecret, 'ADMIN')
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: 'invalid_scope' })
    const password = await fetch(`${served.url}/hubee-auth/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${hubeeOslClient.clientId}:${hubeeOslClient.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=password&scope=OSL',
    })
    expect(password.status).toBe(400)
    expect(await password.json()).toMatchObject({ error: 'unsupported_grant_type' })
  })
})

describe('HubEE stand-in: the gateway', () => {
  it('refuses a missing, unknown or expired token with 401 (codes 900902 / 900901)', async () => {
    const missing = await hubee.call(undefined, 'GET', '/teledossiers/v1/notifications')
    expect(missing.status).toBe(401)
    expect((missing.json as GatewayError).errors[0]?.code).toBe(900902)

    const unknown = await hubee.call(
      '3f1d7a4e-0000-4000-8000-000000000000',
      'GET',
      '/teledossiers/v1/notifications',
    )
    expect(unknown.status).toBe(401)
    expect(unknown.json).toMatchObject({ errors: [{ code: 900901, message: 'Invalid Credentials' }] })

    const token = await hubee.token(hubeeOslClient.clientId, hubeeOslClient.clientSecret, 'OSL')
    expect((await hubee.call(token, 'GET', '/teledossiers/v1/notifications')).status).toBe(200)
    clock += 599_000
    expect((await hubee.call(token, 'GET', '/teledossiers/v1/notifications')).status).toBe(200)
    clock += 1_000
    const expired = await hubee.call(token, 'GET', '/teledossiers/v1/notifications')
    expect(expired.status).toBe(401)
    expect((expired.json as GatewayError).errors[0]?.code).toBe(900901)
  })
})

describe('HubEE stand-in: scopes and ownership', () => {
  let osl: string
  let si: string
  let otherSi: string
  let admin: string
  let folder: FolderBody

  beforeAll(async () => {
    osl = await hubee.token(hubeeOslClient.clientId, hubeeOslClient.clientSecret, 'OSL')
    si = await hubee.token(siClientId(majastres), hubeeSiSecret, 'SI')
    otherSi = await hubee.token(siClientId(hauteluce), hubeeSiSecret, 'SI')
    admin = await hubee.token(hubeeAdminClient.clientId, hubeeAdminClient.clientSecret, 'ADMIN')
    const files = qfFiles()
    folder = (await hubee.call(osl, 'POST', '/teledossiers/v1/folders', { json: qfFolder(majastres, files) }))
      .json as FolderBody
    for (const [i, a] of folder.attachments.entries())
      await hubee.call(osl, 'PUT', `/teledossiers/v1/folders/${folder.id}/attachments/${a.id}`, {
        bytes: files[i]?.bytes ?? Buffer.alloc(0),
      })
    await hubee.call(osl, 'PATCH', `/teledossiers/v1/folders/${folder.id}`, {
      json: { globalStatus: 'HUBEE_COMPLETED' },
    })
  })

  it('lets only OSL and ADMIN deposit and read folders (403, scope check of the gateway)', async () => {
    const deposit = await hubee.call(si, 'POST', '/teledossiers/v1/folders', { json: qfFolder(majastres) })
    expect(deposit.status).toBe(403)
    expect((deposit.json as GatewayError).errors[0]?.code).toBe(900910)
    expect((await hubee.call(si, 'GET', `/teledossiers/v1/folders/${folder.id}`)).status).toBe(403)
    expect((await hubee.call(admin, 'GET', `/teledossiers/v1/folders/${folder.id}`)).status).toBe(200)
  })

  it('lets an SI read only its own cases and notifications', async () => {
    const caseId = folder.cases[0]?.id ?? ''
    expect((await hubee.call(si, 'GET', `/teledossiers/v1/cases/${caseId}`)).status).toBe(200)
    const foreign = await hubee.call(otherSi, 'GET', `/teledossiers/v1/cases/${caseId}`)
    expect(foreign.status).toBe(403)
    expect(foreign.json).toEqual({ errors: [{ code: 403, message: 'Unauthorized user' }] })
    const attachmentId = folder.attachments[0]?.id ?? ''
    expect(
      (await hubee.call(otherSi, 'GET', `/teledossiers/v1/cases/${caseId}/attachments/${attachmentId}`))
        .status,
    ).toBe(403)
    const theirs = (await hubee.call(otherSi, 'GET', '/teledossiers/v1/notifications')).json as {
      caseId: string
    }[]
    expect(theirs.some((n) => n.caseId === caseId)).toBe(false)
    const mine = (await hubee.call(si, 'GET', '/teledossiers/v1/notifications')).json as {
      id: string
      caseId: string
    }[]
    const notification = mine.find((n) => n.caseId === caseId)
    expect(notification).toBeDefined()
    expect(
      (await hubee.call(otherSi, 'DELETE', `/teledossiers/v1/notifications/${notification?.id}`)).status,
    ).toBe(403)
  })

  it('keeps the referential to ADMIN (and subscription reads to OSL, as the spec says)', async () => {
    expect(
      (await hubee.call(osl, 'GET', `/referential/v1/organizations/${siClientId(majastres)}`)).status,
    ).toBe(403)
    expect((await hubee.call(si, 'GET', '/referential/v1/subscriptions')).status).toBe(403)
    expect(
      (await hubee.call(osl, 'GET', '/referential/v1/subscriptions?companyRegister=' + majastres.siret))
        .status,
    ).toBe(200)
    expect(
      (await hubee.call(admin, 'GET', `/referential/v1/organizations/${siClientId(majastres)}`)).status,
    ).toBe(200)
  })

  it('answers 404 with the gateway body for an unknown resource', async () => {
    const unknown = await hubee.call(osl, 'GET', '/teledossiers/v1/nothing-here')
    expect(unknown.status).toBe(404)
    expect((unknown.json as GatewayError).errors[0]?.code).toBe(404)
  })
})
