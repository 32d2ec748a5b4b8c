import { createHash } from 'node:crypto'
import type { PivotIdentity } from '@qf/contracts'
import { newSecret } from '../../lib/secrets.js'
import {
  IdentityProviderError,
  type AuthenticatedUser,
  type IdentityProvider,
  type LoginTransaction,
  qfScopes,
} from '../../ports/identity-provider.js'

export interface InMemoryIdentityProviderOptions {
  redirectUri: string
  postLogoutRedirectUri: string
  /** The fake provider's base URL (never reached). Default `https://franceconnect.invalid/api/v2`. */
  issuer?: string
  clientId?: string
  /** Default: the QF form's scopes (`qfScopes`). */
  scope?: string
  /** The access token handed out for a login (e.g. to preload a quotient familial fake). Default: random. */
  accessTokenFor?: (identity: PivotIdentity) => string
}

/** What the provider sends back: the chosen identity, or an OAuth error (`access_denied` = the citizen cancelled). */
export type InMemoryLoginOutcome = PivotIdentity | { error: string; errorDescription?: string }

interface Authorization {
  nonce: string
  codeChallenge: string
}

interface IssuedCode {
  state: string
  identity: PivotIdentity
}

const s256 = (verifier: string) => createHash('sha256').update(verifier, 'ascii').digest('base64url')

/**
 * An identity provider in memory, shaped like FranceConnect v2: `authorizationUrl` points at a fake
 * host, `callbackFor` plays the browser's return (a single-use code, or an error), `completeLogin`
 * checks state, code and PKCE and returns the chosen identity.
 */
export class InMemoryIdentityProvider implements IdentityProvider {
  readonly issuer: string
  private readonly authorizations = new Map<string, Authorization>()
  private readonly codes = new Map<string, IssuedCode>()
  private readonly idTokens = new Set<string>()

  constructor(private readonly options: InMemoryIdentityProviderOptions) {
    this.issuer = (options.issuer ?? 'https://franceconnect.invalid/api/v2').replace(/\/$/, '')
  }

  newTransaction(): LoginTransaction {
    return { state: newSecret(), nonce: newSecret(), codeVerifier: newSecret() }
  }

  async authorizationUrl(t: LoginTransaction): Promise<URL> {
    const codeChallenge = s256(t.codeVerifier)
    this.authorizations.set(t.state, { nonce: t.nonce, codeChallenge })
    const url = new URL(`${this.issuer}/authorize`)
    const params = {
      response_type: 'code',
      client_id: this.options.clientId ?? 'in-memory-client',
      redirect_uri: this.options.redirectUri,
      scope: this.options.scope ?? qfScopes,
      state: t.state,
      nonce: t.nonce,
      acr_values: 'eidas1',
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    }
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
    return url
  }

  /** The callback URL the provider would send the browser to, for an authorization (`state`) it issued. */
  callbackFor(state: string, outcome: InMemoryLoginOutcome): URL {
    if (!this.authorizations.has(state))
      throw new Error('InMemoryIdentityProvider: no authorization for this state')
    const url = new URL(this.options.redirectUri)
    if ('error' in outcome) {
      url.searchParams.set('error', outcome.error)
      if (outcome.errorDescription) url.searchParams.set('error_description', outcome.errorDescription)
    } else {
      const code = newSecret()
      this.codes.set(code, { state, identity: structuredClone(outcome) })
      url.searchParams.set('code', code)
    }
    url.searchParams.set('state', state)
    url.searchParams.set('iss', this.issuer)
    return url
  }

  async completeLogin(callbackUrl: URL, t: LoginTransaction): Promise<AuthenticatedUser> {
    const params = callbackUrl.searchParams
    const error = params.get('error')
    if (error) {
      throw new IdentityProviderError(error === 'access_denied' ? 'access_denied' : 'provider_error', error)
    }
    if (params.get('state') !== t.state)
      throw new IdentityProviderError('verification_failed', 'state mismatch')
    if (params.get('iss') !== this.issuer)
      throw new IdentityProviderError('verification_failed', 'iss mismatch')
    const code = params.get('code') ?? ''
    const issued = this.codes.get(code)
    this.codes.delete(code)
    if (!issued || issued.state !== t.state) {
      throw new IdentityProviderError('verification_failed', 'unknown or already used code')
    }
    const authorization = this.authorizations.get(t.state)
    if (
      !authorization ||
      authorization.codeChallenge !== s256(t.codeVerifier) ||
      authorization.nonce !== t.nonce
    ) {
      throw new IdentityProviderError('verification_failed', 'PKCE or nonce mismatch')
    }
    this.authorizations.delete(t.state)
    const identity = issued.identity
    const sub = createHash('sha256').update(JSON.stringify(identity)).digest('hex')
    const idToken = `in-memory-id-token.${newSecret()}`
    this.idTokens.add(idToken)
    const accessToken = this.options.accessTokenFor?.(identity) ?? newSecret()
    return { identity: structuredClone(identity), accessToken, idToken, sub }
  }

  async logoutUrl(params: { idToken: string; state: string }): Promise<URL> {
    const url = new URL(`${this.issuer}/session/end`)
    url.searchParams.set('id_token_hint', params.idToken)
    url.searchParams.set('state', params.state)
    url.searchParams.set('post_logout_redirect_uri', this.options.postLogoutRedirectUri)
    return url
  }

  /** Whether an id_token was handed out by this provider (for logout assertions). */
  issuedIdToken(idToken: string): boolean {
    return this.idTokens.has(idToken)
  }
}
