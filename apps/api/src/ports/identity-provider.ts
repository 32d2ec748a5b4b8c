import type { PivotIdentity } from '@qf/contracts'

/** The FranceConnect v2 scopes of the QF form (defined once, in the contracts): every adapter asks for these. */
export { qfScopes } from '@qf/contracts'

/** What a login needs to remember between the redirect and the callback (kept server-side). */
export interface LoginTransaction {
  state: string
  nonce: string
  codeVerifier: string
}

export interface AuthenticatedUser {
  identity: PivotIdentity
  /** Lives 60 s at FranceConnect: use it right away (API Particulier). */
  accessToken: string
  /** Kept (encrypted) only for the logout's `id_token_hint`. */
  idToken: string
  /** Pairwise subject. */
  sub: string
}

/** The identity provider failed on the callback: its `error=` or a verification failure. */
export class IdentityProviderError extends Error {
  constructor(
    readonly kind: 'access_denied' | 'provider_error' | 'verification_failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'IdentityProviderError'
  }
}

/** The citizen's identity provider (FranceConnect v2). */
export interface IdentityProvider {
  /** A fresh transaction (state, nonce ≥ 22 chars, PKCE verifier). */
  newTransaction(): LoginTransaction
  /** Where to send the browser to log in. */
  authorizationUrl(transaction: LoginTransaction): Promise<URL>
  /**
   * Completes the login from the callback URL: exchanges the code, verifies the id_token (signature,
   * iss, aud, nonce, acr) and the signed userinfo (signature, sub).
   */
  completeLogin(callbackUrl: URL, transaction: LoginTransaction): Promise<AuthenticatedUser>
  /** The provider's logout URL (`session/end`). */
  logoutUrl(params: { idToken: string; state: string }): Promise<URL>
}
