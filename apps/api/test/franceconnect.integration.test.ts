import { startSandbox } from '@qf/sandbox'
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
