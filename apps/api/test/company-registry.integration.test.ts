import { startSandbox } from '@qf/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InMemoryCompanyRegistry } from '../src/adapters/in-memory/in-memory-company-registry.js'
import { toEstablishment, UndiciInseeSirene } from '../src/adapters/insee/undici-insee-sirene.js'
import {
  contractEstablishments,
  describeCompanyRegistryContract,
} from './contracts/company-registry.contract.js'
import { ScriptedServer } from './contracts/scripted-server.js'

describeCompanyRegistryContract('UndiciInseeSirene over the sandbox', async () => {
  const sandbox = await startSandbox({ port: 0 })
  const registry = new UndiciInseeSirene({
    baseUrl: `${sandbox.url}/insee/api-sirene/3.11`,
    apiKey: 'sandbox-insee-key',
    timeoutMs: 5_000,
  })
  return {
    registry,
    outage: () => sandbox.faults.set('insee', { outage: true, failureStatus: 503 }),
    restore: () => sandbox.faults.reset(),
    async teardown() {
      await registry.close()
      await sandbox.close()
    },
  }
})

describeCompanyRegistryContract('InMemoryCompanyRegistry', async () => {
  const registry = new InMemoryCompanyRegistry(contractEstablishments)
  return {
    registry,
    outage: () => registry.failWith('unavailable'),
    restore: () => registry.clearFailure(),
    teardown: async () => {},
  }
})

describe('UndiciInseeSirene: how INSEE answers are mapped', () => {
  let server: ScriptedServer
  let registry: UndiciInseeSirene
  beforeAll(async () => {
    server = await ScriptedServer.start()
    registry = new UndiciInseeSirene({
      baseUrl: `${server.url}/api-sirene/3.11`,
      apiKey: 'the-key',
      timeoutMs: 500,
    })
  })
  afterAll(async () => {
    await registry.close()
    await server.close()
  })

  it('calls GET /siret/{siret} with the portal API key header', async () => {
    server.answers({ status: 404, body: { header: { statut: 404, message: 'Aucun élément trouvé' } } })
    await registry.findEstablishment('21040107100019')
    expect(server.requests).toHaveLength(1)
    expect(server.requests[0]?.method).toBe('GET')
    expect(server.requests[0]?.url.pathname).toBe('/api-sirene/3.11/siret/21040107100019')
    expect(server.requests[0]?.headers['x-insee-api-key-integration']).toBe('the-key')
  })

  it('maps 429 to rate_limited with Retry-After', async () => {
    server.answers({
      status: 429,
      body: { fault: { code: 900804, message: 'Message throttled out' } },
      headers: { 'retry-after': '42' },
    })
    expect(await registry.findEstablishment('21040107100019')).toEqual({
      ok: false,
      failure: 'rate_limited',
      status: 429,
      retryAfterSeconds: 42,
    })
  })

  it.each([500, 502, 503, 504])('maps %i to unavailable', async (status) => {
    server.answers({ status, body: 'upstream error' })
    expect(await registry.findEstablishment('21040107100019')).toMatchObject({
      ok: false,
      failure: 'unavailable',
      status,
    })
  })

  it('maps 404 to not_found and 400 to invalid_siret', async () => {
    server.answers({ status: 404, body: { header: { statut: 404, message: 'Aucun élément trouvé' } } })
    expect(await registry.findEstablishment('21040107100019')).toMatchObject({
      failure: 'not_found',
      status: 404,
    })
    server.answers({ status: 400, body: { header: { statut: 400, message: 'Erreur de syntaxe' } } })
    expect(await registry.findEstablishment('21040107100019')).toMatchObject({
      failure: 'invalid_siret',
      status: 400,
    })
  })

  it.each([401, 403])('maps %i (our API key refused) to rejected', async (status) => {
    server.answers({ status, body: { message: 'Unauthorized', http_status_code: status } })
    expect(await registry.findEstablishment('21040107100019')).toMatchObject({ failure: 'rejected', status })
  })

  it('maps a reset connection and a timeout to unavailable', async () => {
    server.answers('reset')
    expect(await registry.findEstablishment('21040107100019')).toMatchObject({
      failure: 'unavailable',
      status: null,
    })
    server.answers('hang')
    expect(await registry.findEstablishment('21040107100019')).toMatchObject({
      failure: 'unavailable',
      status: null,
    })
  })

  it('maps a 200 without a usable establishment to unavailable', async () => {
    server.answers({ status: 200, body: { header: { statut: 200 } } })
    expect(await registry.findEstablishment('21040107100019')).toMatchObject({
      failure: 'unavailable',
      status: 200,
    })
  })

  it('does not call INSEE for a malformed SIRET', async () => {
    server.answers({ status: 500 })
    expect(await registry.findEstablishment('123')).toMatchObject({ failure: 'invalid_siret' })
    expect(server.requests).toHaveLength(0)
  })
})

describe('toEstablishment', () => {
  it('prefers the establishment’s usual name, falls back to a person’s names', () => {
    expect(
      toEstablishment({
        siret: '12345678900011',
        uniteLegale: { denominationUniteLegale: 'SOCIETE X' },
        adresseEtablissement: { codeCommuneEtablissement: '75056', codePostalEtablissement: '75001' },
        periodesEtablissement: [
          {
            dateFin: null,
            etatAdministratifEtablissement: 'A',
            denominationUsuelleEtablissement: 'ENSEIGNE',
          },
        ],
      }),
    ).toEqual({
      siret: '12345678900011',
      name: 'ENSEIGNE',
      cog: '75056',
      communeName: null,
      postalCode: '75001',
      active: true,
    })
    expect(
      toEstablishment({
        siret: '12345678900011',
        uniteLegale: {
          denominationUniteLegale: null,
          prenomUsuelUniteLegale: 'JEANNE',
          nomUniteLegale: 'MARTIN',
        },
        adresseEtablissement: { codeCommuneEtablissement: null, codePostalEtablissement: null },
        periodesEtablissement: [{ dateFin: null, etatAdministratifEtablissement: 'F' }],
      }),
    ).toEqual({
      siret: '12345678900011',
      name: 'JEANNE MARTIN',
      cog: null,
      communeName: null,
      postalCode: null,
      active: false,
    })
    expect(toEstablishment({ siret: '12345678900011', uniteLegale: {} })).toBeNull()
    expect(toEstablishment(null)).toBeNull()
  })
})
