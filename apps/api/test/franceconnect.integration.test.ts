import { type FranceConnectClient, startSandbox } from '@qf/sandbox'
import { exportJWK, generateKeyPair } from 'jose'
import { describe, expect, it } from 'vitest'
import { browseFranceConnect } from '@qf/testing'
import { OpenIdClientFranceConnect } from '../src/adapters/franceconnect/openid-client-franceconnect.js'
import { qfScopes } from '../src/ports/identity-provider.js'
import { describeIdentityProviderContract } from './contracts/identity-provider.contract.js'
import { testIdentityPierreMercier } from './contracts/test-identities.js'
import { sandboxRelyingParty } from './contracts/sandbox-relying-party.js'

const redirectUri = sandboxRelyingParty.redirectUris[0] ?? ''
const postLogoutRedirectUri = sandboxRelyingParty.postLogoutRedirectUris[0] ?? ''

describeIdentityProviderContract('OpenIdClientFranceConnect over the sandbox', async () => {
  const sandbox = await startSandbox({ port: 0, franceConnectClients: [sandboxRelyingParty] })
  const provider = new OpenIdClientFranceConnect({
    issuer: `${sandbox.url}/franceconnect/api/v2`,
    clientId: sandboxRelyingParty.clientId,
    clientSecret: sandboxRelyingParty.clientSecret,
    redirectUri,
    postLogoutRedirectUri,
    scope: qfScopes,
  })
  return {
    provider,
    browse: (authorizationUrl, choice) => browseFranceConnect(authorizationUrl, redirectUri, choice),
    ...testIdentityPierreMercier,
    redirectUri,
    postLogoutRedirectUri,
    teardown: () => sandbox.close(),
  }
})

/** A relying party for which FranceConnect encrypts (JWE) id_token and userinfo to its `alg` key. */
async function encryptingClient(alg: 'ECDH-ES' | 'RSA-OAEP') {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true })
  const kid = `qf-enc-${alg.toLowerCase()}`
  const client: FranceConnectClient = {
    ...sandboxRelyingParty,
    clientId: `${sandboxRelyingParty.clientId}-jwe-${alg.toLowerCase()}`,
    encryption: { alg, jwks: [{ ...(await exportJWK(publicKey)), alg, use: 'enc', kid }] },
  }
  return { client, privateJwk: { ...(await exportJWK(privateKey)), alg, kid } }
}

for (const alg of ['ECDH-ES', 'RSA-OAEP'] as const) {
  describeIdentityProviderContract(
    `OpenIdClientFranceConnect over the sandbox, id_token and userinfo encrypted (${alg}, A256GCM)`,
    async () => {
      const { client, privateJwk } = await encryptingClient(alg)
      const sandbox = await startSandbox({ port: 0, franceConnectClients: [client] })
      const provider = new OpenIdClientFranceConnect({
        issuer: `${sandbox.url}/franceconnect/api/v2`,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        redirectUri,
        postLogoutRedirectUri,
        scope: qfScopes,
        decryptionKeys: [privateJwk],
      })
      return {
        provider,
        browse: (authorizationUrl, choice) => browseFranceConnect(authorizationUrl, redirectUri, choice),
        ...testIdentityPierreMercier,
        redirectUri,
        postLogoutRedirectUri,
        teardown: async () => {
          await provider.close()
          await sandbox.close()
        },
      }
    },
  )
}

describe('OpenIdClientFranceConnect: encrypted answers without the right key', () => {
  it('refuses the login (verification_failed), never a crash', async () => {
    const { client } = await encryptingClient('ECDH-ES')
    const other = await encryptingClient('ECDH-ES')
    const sandbox = await startSandbox({ port: 0, franceConnectClients: [client] })
    const options = {
      issuer: `${sandbox.url}/franceconnect/api/v2`,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      redirectUri,
      postLogoutRedirectUri,
      scope: qfScopes,
    }
    try {
      for (const decryptionKeys of [[], [other.privateJwk]]) {
        const provider = new OpenIdClientFranceConnect({ ...options, decryptionKeys })
        const t = provider.newTransaction()
        const callback = await browseFranceConnect(await provider.authorizationUrl(t), redirectUri, {
          login: testIdentityPierreMercier.login,
        })
        await expect(provider.completeLogin(callback, t)).rejects.toMatchObject({
          kind: 'verification_failed',
        })
        await provider.close()
      }
    } finally {
      await sandbox.close()
    }
  })
})
