import { describe, expect, it } from 'vitest'
import { InMemoryIdentityProvider } from '../src/adapters/in-memory/index.js'
import { IdentityProviderError } from '../src/ports/identity-provider.js'
import { describeIdentityProviderContract } from './contracts/identity-provider.contract.js'
import { testIdentityPierreMercier } from './contracts/test-identities.js'

const redirectUri = 'http://localhost:3000/api/v1/auth/franceconnect/callback'
const postLogoutRedirectUri = 'http://localhost:3000/api/v1/auth/franceconnect/logout-callback'
const { login, expectedIdentity } = testIdentityPierreMercier

const newProvider = (options: { accessTokenFor?: () => string } = {}) =>
  new InMemoryIdentityProvider({ redirectUri, postLogoutRedirectUri, ...options })

describeIdentityProviderContract('InMemoryIdentityProvider', async () => {
  const provider = newProvider()
  return {
    provider,
    async browse(authorizationUrl, choice) {
      const state = authorizationUrl.searchParams.get('state') ?? ''
      if ('cancel' in choice) return provider.callbackFor(state, { error: 'access_denied' })
      if (choice.login !== login) throw new Error(`unknown test login ${choice.login}`)
      return provider.callbackFor(state, expectedIdentity)
    },
    login,
    expectedIdentity,
    redirectUri,
    postLogoutRedirectUri,
    teardown: async () => {},
  }
})

describe('InMemoryIdentityProvider', () => {
  it('points the browser at a fake host, and refuses a callback for a state it never sent', async () => {
    const provider = newProvider()
    const url = await provider.authorizationUrl(provider.newTransaction())
    expect(url.origin).toBe('https://franceconnect.invalid')
    expect(() => provider.callbackFor('never-sent', expectedIdentity)).toThrow()
  })

  it('sends the callback to the redirect URI with code, state and iss', async () => {
    const provider = newProvider()
    const t = provider.newTransaction()
    await provider.authorizationUrl(t)
    const callback = provider.callbackFor(t.state, expectedIdentity)
    expect(callback.href.startsWith(`${redirectUri}?`)).toBe(true)
    expect(callback.searchParams.get('code')).toBeTruthy()
    expect(callback.searchParams.get('iss')).toBe(provider.issuer)
  })

  it('hands out the configured access token and an id_token it recognises', async () => {
    const provider = newProvider({ accessTokenFor: () => 'token-of-avec_nom_dusage' })
    const t = provider.newTransaction()
    await provider.authorizationUrl(t)
    const user = await provider.completeLogin(provider.callbackFor(t.state, expectedIdentity), t)
    expect(user.accessToken).toBe('token-of-avec_nom_dusage')
    expect(provider.issuedIdToken(user.idToken)).toBe(true)
  })

  it('reports an error other than access_denied as provider_error', async () => {
    const provider = newProvider()
    const t = provider.newTransaction()
    await provider.authorizationUrl(t)
    const callback = provider.callbackFor(t.state, { error: 'server_error', errorDescription: 'down' })
    await expect(provider.completeLogin(callback, t)).rejects.toMatchObject({ kind: 'provider_error' })
  })

  it('refuses a transaction whose PKCE verifier does not match the challenge', async () => {
    const provider = newProvider()
    const t = provider.newTransaction()
    await provider.authorizationUrl(t)
    const callback = provider.callbackFor(t.state, expectedIdentity)
    const error = await provider
      .completeLogin(callback, { ...t, codeVerifier: 'x'.repeat(43) })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IdentityProviderError)
    expect(error).toMatchObject({ kind: 'verification_failed' })
  })
})
