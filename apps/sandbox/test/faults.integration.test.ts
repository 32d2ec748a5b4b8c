import { request } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type Sandbox, startSandbox } from '../src/index.js'
import { hubeeOslClient } from '../src/seed.js'
import { inseeSandboxApiKey } from '../src/insee/index.js'
import { HubeeTestClient } from './helpers/hubee-client.js'
import { qfFolder, seeded } from './helpers/hubee-fixtures.js'

let sandbox: Sandbox
let base: string

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  base = `http://127.0.0.1:${sandbox.port}`
})
afterAll(() => sandbox.close())
afterEach(async () => {
  await fetch(`${base}/__admin/faults`, { method: 'DELETE' })
})

const setFault = async (family: string, setting: Record<string, unknown>) => {
  const response = await fetch(`${base}/__admin/faults/${family}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(setting),
  })
  expect(response.status).toBe(200)
  return response.json()
}

/** One request per family, each to a route its stand-in answers normally. */
const probes = {
  insee: () =>
    fetch(`${base}/insee/api-sirene/3.11/siret/21040107100019`, {
      headers: { 'X-INSEE-Api-Key-Integration': inseeSandboxApiKey },
    }),
  hubee: () =>
    fetch(`${base}/hubee-auth/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${hubeeOslClient.clientId}:${hubeeOslClient.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=OSL',
    }),
  franceconnect: () => fetch(`${base}/franceconnect/api/v2/.well-known/openid-configuration`),
  'api-particulier': () => fetch(`${base}/api-particulier/v3/dss/quotient_familial/france_connect`),
}

/** Resolves with the low-level error of a request whose connection the server drops. */
const rawGet = (path: string) =>
  new Promise<{ status?: number; error?: NodeJS.ErrnoException }>((resolve) => {
    const req = request(`${base}${path}`, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode }))
    })
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error }))
    req.end()
  })

describe('sandbox fault injection (/__admin/faults)', () => {
  it('every family answers normally without faults', async () => {
    expect((await probes.insee()).status).toBe(200)
    expect((await probes.hubee()).status).toBe(200)
    expect((await probes.franceconnect()).status).toBeLessThan(500)
    expect((await probes['api-particulier']()).status).toBeLessThan(500)
  })

  it('latency holds a request back while other families answer', async () => {
    expect(await setFault('insee', { latencyMs: 10_000 })).toMatchObject({ latencyMs: 10_000 })
    const controller = new AbortController()
    let settled = false
    const slow = fetch(`${base}/insee/api-sirene/3.11/siret/21040107100019`, {
      headers: { 'X-INSEE-Api-Key-Integration': inseeSandboxApiKey },
      signal: controller.signal,
    }).finally(() => {
      settled = true
    })
    // Another family answers while the delayed request is still pending.
    expect((await probes.hubee()).status).toBe(200)
    expect(settled).toBe(false)
    controller.abort()
    await expect(slow).rejects.toThrow()
  })

  it('failure rate 1 in 5xx mode fails every request with the chosen status', async () => {
    await setFault('hubee', { failureRate: 1, failureMode: '5xx', failureStatus: 502 })
    for (let i = 0; i < 5; i++) {
      const response = await probes.hubee()
      expect(response.status).toBe(502)
      expect(response.headers.get('retry-after')).toBe('1')
    }
    expect((await probes.insee()).status).toBe(200)
  })

  it('reset mode drops the connection (ECONNRESET / socket hang up)', async () => {
    await setFault('insee', { failureRate: 1, failureMode: 'reset' })
    const { status, error } = await rawGet('/insee/api-sirene/3.11/siret/21040107100019')
    expect(status).toBeUndefined()
    expect(error?.code === 'ECONNRESET' || /socket hang up/.test(error?.message ?? '')).toBe(true)
    await expect(probes.insee()).rejects.toThrow()
  })

  it('an outage fails every request of that family while the others still answer', async () => {
    await setFault('api-particulier', { outage: true })
    for (let i = 0; i < 3; i++) expect((await probes['api-particulier']()).status).toBe(503)
    expect((await probes.insee()).status).toBe(200)
    expect((await probes.hubee()).status).toBe(200)
    expect((await probes.franceconnect()).status).toBeLessThan(500)
  })

  it('resetting settings (one family or all) restores normal answers', async () => {
    await setFault('hubee', { outage: true })
    await setFault('insee', { outage: true })
    expect((await probes.hubee()).status).toBe(503)
    const one = await fetch(`${base}/__admin/faults/hubee`, { method: 'DELETE' })
    expect(one.status).toBe(200)
    expect((await probes.hubee()).status).toBe(200)
    expect((await probes.insee()).status).toBe(503)
    await fetch(`${base}/__admin/faults`, { method: 'DELETE' })
    expect((await probes.insee()).status).toBe(200)
    const all = (await (await fetch(`${base}/__admin/faults`)).json()) as Record<string, { outage: boolean }>
    expect(Object.values(all).every((s) => s.outage === false)).toBe(true)
  })

  it('refuseDeposits: HubEE answers, but refuses every deposit as for a recipient not subscribed (400, permanent)', async () => {
    const hubee = new HubeeTestClient(base)
    const osl = await hubee.token(hubeeOslClient.clientId, hubeeOslClient.clientSecret, 'OSL')
    const majastres = seeded('Majastres')
    expect(await setFault('hubee', { refuseDeposits: true })).toMatchObject({ refuseDeposits: true })
    for (let i = 0; i < 2; i++) {
      const refused = await hubee.call(osl, 'POST', '/teledossiers/v1/folders', { json: qfFolder(majastres) })
      expect(refused.status).toBe(400)
      expect(refused.json).toEqual({
        errors: [
          {
            code: 400,
            message: `The recipient SI-${majastres.siret}-${majastres.cog} does not suscribed to the process FormulaireQF`,
          },
        ],
      })
    }
    // Not an outage: the hub still answers everything else.
    expect((await probes.hubee()).status).toBe(200)
    expect((await hubee.call(osl, 'GET', '/teledossiers/v1/notifications?maxResult=1')).status).toBe(200)
    // Once reset, the same recipient receives deposits again.
    await fetch(`${base}/__admin/faults/hubee`, { method: 'DELETE' })
    const accepted = await hubee.call(osl, 'POST', '/teledossiers/v1/folders', { json: qfFolder(majastres) })
    expect(accepted.status).toBe(201)
  })

  it('refuses an invalid setting or an unknown family', async () => {
    const invalid = await fetch(`${base}/__admin/faults/hubee`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failureRate: 2 }),
    })
    expect(invalid.status).toBe(400)
    expect((await fetch(`${base}/__admin/faults/nope`)).status).toBe(404)
  })
})
