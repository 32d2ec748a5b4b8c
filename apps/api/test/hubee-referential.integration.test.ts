import { startSandbox } from '@qf/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InMemoryHubeeReferential } from '../src/adapters/in-memory/in-memory-hubee-referential.js'
import { UndiciHubeeReferential } from '../src/adapters/hubee/undici-hubee-referential.js'
import { createHubeeStandIn, type HubeeStandIn, serveStandIn, type ServedStandIn } from '@qf/sandbox'
import {
  describeHubeeReferentialContract,
  editor,
  organizationOf,
  subscriptionOf,
} from './contracts/hubee-referential.contract.js'
import { DrivenClock } from '@qf/testing'

const admin = { clientId: 'formulaire-qf-admin', clientSecret: 'sandbox-admin-secret' }

describeHubeeReferentialContract('UndiciHubeeReferential over the sandbox', async () => {
  const sandbox = await startSandbox({ port: 0 })
  const referential = new UndiciHubeeReferential({
    apiUrl: `${sandbox.url}/hubee`,
    tokenUrl: `${sandbox.url}/hubee-auth/oauth2/token`,
    ...admin,
    timeoutMs: 5_000,
  })
  return {
    referential,
    outage: () => sandbox.faults.set('hubee', { outage: true, failureStatus: 503 }),
    restore: () => sandbox.faults.reset(),
    async teardown() {
      await referential.close()
      await sandbox.close()
    },
  }
})

describeHubeeReferentialContract('InMemoryHubeeReferential', async () => {
  const referential = new InMemoryHubeeReferential('manual')
    .addOrganization({ siret: '21040107100019', cog: '04107', name: 'COMMUNE DE MAJASTRES', status: 'Actif' })
    .addSubscription({
      siret: '21040107100019',
      cog: '04107',
      status: 'Actif',
      accessMode: 'API',
      editorSiret: null,
    })
    .addOrganization({
      siret: '21010004600015',
      cog: '01004',
      name: "COMMUNE D'AMBERIEU EN BUGEY",
      status: 'Actif',
    })
    .addSubscription({
      siret: '21010004600015',
      cog: '01004',
      status: 'Inactif',
      accessMode: 'API',
      editorSiret: null,
    })
  return {
    referential,
    outage: () => referential.failWith('unavailable'),
    restore: () => referential.clearFailure(),
    teardown: async () => {},
  }
})

describe('UndiciHubeeReferential against the HubEE stand-in: token and wire format', () => {
  let served: ServedStandIn<HubeeStandIn>
  let hubeeNow = Date.now()
  const tokenCalls: string[] = []
  const clock = new DrivenClock()

  beforeAll(async () => {
    served = await serveStandIn((ctx) => {
      const inner = createHubeeStandIn(ctx, { tokenTtlSeconds: 3600, now: () => hubeeNow })
      return {
        ...inner,
        handle(req, res) {
          if ((req.url ?? '').startsWith('/hubee-auth')) tokenCalls.push(req.headers.authorization ?? '')
          inner.handle(req, res)
        },
      }
    })
  })
  afterAll(() => served.close())

  const adapter = (credentials = admin) =>
    new UndiciHubeeReferential({
      apiUrl: `${served.url}/hubee`,
      tokenUrl: `${served.url}/hubee-auth/oauth2/token`,
      ...credentials,
      timeoutMs: 5_000,
      clock,
      applicationName: 'formulaire-qf',
    })

  it('authenticates with HTTP Basic (scope ADMIN) once, reuses the token, and fetches a new one on 401', async () => {
    tokenCalls.length = 0
    const referential = adapter()
    const commune = {
      siret: '21670482500019',
      cog: '67482',
      name: 'COMMUNE DE STRASBOURG',
      postalCode: '67000',
    }
    expect((await referential.ensureOrganization(organizationOf(commune))).ok).toBe(true)
    expect((await referential.ensureFormulaireQfSubscription(subscriptionOf(commune, editor))).ok).toBe(true)
    expect((await referential.findFormulaireQfSubscription(commune.siret, commune.cog)).ok).toBe(true)
    expect(referential.tokenRequests).toBe(1)
    expect(tokenCalls).toEqual([
      `Basic ${Buffer.from('formulaire-qf-admin:sandbox-admin-secret').toString('base64')}`,
    ])

    // HubEE's clock moves past the token's life while ours does not: the gateway answers 401 900901.
    hubeeNow += 2 * 3600 * 1000
    expect((await referential.findFormulaireQfSubscription(commune.siret, commune.cog)).ok).toBe(true)
    expect(referential.tokenRequests).toBe(2)

    // Our clock moves past the token's life: a new token before the call, no 401 needed.
    clock.advance(3600 * 1000)
    expect((await referential.findFormulaireQfSubscription(commune.siret, commune.cog)).ok).toBe(true)
    expect(referential.tokenRequests).toBe(3)
    await referential.close()
  })

  it('sends the subscription HubEE expects: FormulaireQF, API, delegationActor EDT with the editor', async () => {
    const referential = adapter()
    const commune = {
      siret: '21972209700017',
      cog: '97209',
      name: 'COMMUNE DE FORT DE FRANCE',
      postalCode: '97200',
    }
    expect((await referential.ensureOrganization(organizationOf(commune))).ok).toBe(true)
    expect((await referential.ensureFormulaireQfSubscription(subscriptionOf(commune, editor))).ok).toBe(true)
    const organization = served.standIn.referential.findOrganization('SI-21972209700017-97209')
    expect(organization).toMatchObject({
      type: 'SI',
      companyRegister: commune.siret,
      branchCode: '97209',
      status: 'Actif',
    })
    const stored = served.standIn.referential.findSubscription('FormulaireQF', {
      type: 'SI',
      companyRegister: commune.siret,
      branchCode: commune.cog,
    })
    // Asked `Inactif`: HubEE activates a FormulaireQF subscription by hand since July 2026.
    expect(stored).toMatchObject({
      processCode: 'FormulaireQF',
      status: 'Inactif',
      accessMode: 'API',
      datapassId: 4242,
      delegationActor: { type: 'EDT', companyRegister: editor.siret, name: editor.name, email: editor.email },
      localAdministrator: { email: 'dgs-97209@example.org' },
    })
    expect(stored?.activateDateTime).toBeNull()
    await referential.close()
  })

  it('answers rejected when HubEE refuses the client credentials', async () => {
    const referential = adapter({ clientId: 'formulaire-qf-admin', clientSecret: 'wrong' })
    expect(await referential.findFormulaireQfSubscription('21040107100019', '04107')).toMatchObject({
      ok: false,
      failure: 'rejected',
      status: 401,
    })
    await referential.close()
  })

  it('answers rejected for a client without the ADMIN scope', async () => {
    const referential = adapter({ clientId: 'formulaire-qf-osl', clientSecret: 'sandbox-osl-secret' })
    expect(await referential.findFormulaireQfSubscription('21040107100019', '04107')).toMatchObject({
      ok: false,
      failure: 'rejected',
    })
    await referential.close()
  })

  it('answers unavailable when HubEE cannot be reached', async () => {
    const referential = new UndiciHubeeReferential({
      apiUrl: 'http://127.0.0.1:9/hubee',
      tokenUrl: 'http://127.0.0.1:9/hubee-auth/oauth2/token',
      ...admin,
      timeoutMs: 1_000,
    })
    expect(await referential.findFormulaireQfSubscription('21040107100019', '04107')).toMatchObject({
      ok: false,
      failure: 'unavailable',
    })
    await referential.close()
  })
})
