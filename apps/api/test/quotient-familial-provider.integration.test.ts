import { demoEditorApiParticulier, startSandbox } from '@qf/sandbox'
import { afterEach, describe, expect, it } from 'vitest'
import { HttpApiParticulier } from '../src/adapters/api-particulier/http-api-particulier.js'
import { franceConnectLogin } from '@qf/testing'
import { describeQuotientFamilialProviderContract } from './contracts/quotient-familial-provider.contract.js'
import { recipientSiret, sandboxLoginClient, sandboxRelyingParty } from './contracts/sandbox-relying-party.js'

describeQuotientFamilialProviderContract('HttpApiParticulier over the sandbox', async () => {
  const sandbox = await startSandbox({ port: 0, franceConnectClients: [sandboxRelyingParty] })
  const provider = new HttpApiParticulier({ baseUrl: `${sandbox.url}/api-particulier`, timeoutMs: 5_000 })
  return {
    provider,
    tokenFor: async (login, scopes) =>
      (await franceConnectLogin(sandbox.url, sandboxLoginClient, login, scopes)).accessToken,
    invalidToken: 'not-a-franceconnect-token',
    recipient: recipientSiret,
    collectivityToken: `sandbox-api-particulier-${recipientSiret}`,
    expiredCollectivityToken: 'sandbox-api-particulier-21974110600013',
    editor: {
      token: demoEditorApiParticulier.token,
      delegationOfRecipient:
        demoEditorApiParticulier.delegations.find((d) => d.recipient === recipientSiret)?.id ?? '',
      otherDelegation:
        demoEditorApiParticulier.delegations.find((d) => d.recipient !== recipientSiret)?.id ?? '',
    },
    async teardown() {
      await provider.close()
      await sandbox.close()
    },
  }
})

describe('HttpApiParticulier over the sandbox: provider outage', () => {
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close()
  })

  it.each(['5xx', 'reset'] as const)(
    'retries then answers provider_unavailable (%s outage)',
    async (failureMode) => {
      const sandbox = await startSandbox({ port: 0, franceConnectClients: [sandboxRelyingParty] })
      closers.push(() => sandbox.close())
      const provider = new HttpApiParticulier({
        baseUrl: `${sandbox.url}/api-particulier`,
        timeoutMs: 5_000,
        backoffMs: 1,
        maxDelayMs: 20,
      })
      closers.push(() => provider.close())
      const { accessToken } = await franceConnectLogin(sandbox.url, sandboxLoginClient, 'avec_nom_dusage')
      sandbox.faults.set('api-particulier', { outage: true, failureMode })
      const result = await provider.byFranceConnectToken(accessToken, recipientSiret)
      expect(result).toMatchObject({ ok: false, kind: 'provider_unavailable' })

      sandbox.faults.reset()
      const recovered = await provider.byFranceConnectToken(accessToken, recipientSiret)
      expect(recovered.ok).toBe(true)
    },
  )
})
