import { createHash } from 'node:crypto'
import type { PivotIdentity } from '@qf/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IdentityProviderError, qfScopes, type IdentityProvider } from '../../src/ports/identity-provider.js'

export type BrowserChoice = { login: string } | { cancel: true }

export interface IdentityProviderSetup {
  provider: IdentityProvider
  /** Plays the browser at the provider: from the authorization URL to the callback URL (not fetched). */
  browse(authorizationUrl: URL, choice: BrowserChoice): Promise<URL>
  /** A test identity's login and the pivot identity the provider must give for it. */
  login: string
  expectedIdentity: PivotIdentity
  redirectUri: string
  postLogoutRedirectUri: string
  teardown(): Promise<void>
}

const s256 = (verifier: string) => createHash('sha256').update(verifier, 'ascii').digest('base64url')

async function rejection(promise: Promise<unknown>): Promise<IdentityProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(IdentityProviderError)
  return error as IdentityProviderError
}

/** What every IdentityProvider must do (FranceConnect v2 semantics). */
export function describeIdentityProviderContract(
  name: string,
  setup: () => Promise<IdentityProviderSetup>,
): void {
  describe(`IdentityProvider contract: ${name}`, () => {
    let world: IdentityProviderSetup

    beforeAll(async () => {
      world = await setup()
    })
    afterAll(() => world?.teardown())

    it('opens fresh transactions (distinct state, nonce of at least 22 characters, PKCE verifier)', () => {
      const a = world.provider.newTransaction()
      const b = world.provider.newTransaction()
      expect(a.state).not.toBe(b.state)
      expect(a.nonce).not.toBe(b.nonce)
      expect(a.codeVerifier).not.toBe(b.codeVerifier)
      expect(a.nonce.length).toBeGreaterThanOrEqual(22)
      expect(a.state.length).toBeGreaterThanOrEqual(22)
      expect(a.codeVerifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/)
    })

    it('builds an authorization URL with state, nonce, eidas1, S256 PKCE, the QF scopes and the redirect URI', async () => {
      const t = world.provider.newTransaction()
      const params = (await world.provider.authorizationUrl(t)).searchParams
      expect(params.get('response_type')).toBe('code')
      expect(params.get('state')).toBe(t.state)
      expect(params.get('nonce')).toBe(t.nonce)
      expect(params.get('acr_values')).toBe('eidas1')
      expect(params.get('code_challenge_method')).toBe('S256')
      expect(params.get('code_challenge')).toBe(s256(t.codeVerifier))
      expect(params.get('redirect_uri')).toBe(world.redirectUri)
      const scopes = (params.get('scope') ?? '').split(' ')
      for (const scope of qfScopes.split(' ')) expect(scopes).toContain(scope)
      expect(params.get('client_id')).toBeTruthy()
    })

    it('completes a login: the pivot identity of the chosen test identity and an access token', async () => {
      const t = world.provider.newTransaction()
      const callback = await world.browse(await world.provider.authorizationUrl(t), { login: world.login })
      expect(callback.searchParams.get('state')).toBe(t.state)
      const user = await world.provider.completeLogin(callback, t)
      expect(user.identity).toEqual(world.expectedIdentity)
      expect(user.accessToken).toEqual(expect.any(String))
      expect(user.accessToken.length).toBeGreaterThan(0)
      expect(user.idToken.length).toBeGreaterThan(0)
      expect(user.sub.length).toBeGreaterThan(0)
    })

    it('reports a cancel as access_denied', async () => {
      const t = world.provider.newTransaction()
      const callback = await world.browse(await world.provider.authorizationUrl(t), { cancel: true })
      const error = await rejection(world.provider.completeLogin(callback, t))
      expect(error.kind).toBe('access_denied')
    })

    it('refuses a replayed callback', async () => {
      const t = world.provider.newTransaction()
      const callback = await world.browse(await world.provider.authorizationUrl(t), { login: world.login })
      await world.provider.completeLogin(callback, t)
      const error = await rejection(world.provider.completeLogin(callback, t))
      expect(error.kind).toBe('verification_failed')
    })

    it('refuses a callback brought back to another transaction', async () => {
      const t = world.provider.newTransaction()
      const other = world.provider.newTransaction()
      await world.provider.authorizationUrl(other)
      const callback = await world.browse(await world.provider.authorizationUrl(t), { login: world.login })
      const error = await rejection(world.provider.completeLogin(callback, other))
      expect(error.kind).toBe('verification_failed')
    })

    it('builds a logout URL with id_token_hint, state and post_logout_redirect_uri', async () => {
      const url = await world.provider.logoutUrl({
        idToken: 'the.id.token',
        state: 'logout-state-0123456789',
      })
      expect(url.searchParams.get('id_token_hint')).toBe('the.id.token')
      expect(url.searchParams.get('state')).toBe('logout-state-0123456789')
      expect(url.searchParams.get('post_logout_redirect_uri')).toBe(world.postLogoutRedirectUri)
    })
  })
}
