import * as oidc from 'openid-client'
import { qfScopes } from '@qf/contracts'
import { Browser } from './browser.js'

export interface FranceConnectRelyingParty {
  clientId: string
  clientSecret: string
  redirectUri: string
}

export interface FranceConnectLoginResult {
  config: oidc.Configuration
  tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers
  accessToken: string
  idToken: string
  /** The callback URL FranceConnect redirected the browser to (with `code`, `state`, `iss`). */
  callbackUrl: URL
  state: string
  nonce: string
  /** The browser's cookies at FranceConnect (for the logout step). */
  browser: Browser
}

/** Discovers the FranceConnect stand-in (`<sandbox>/franceconnect/api/v2`) as a `client_secret_post` client. */
export function discoverFranceConnect(
  sandboxUrl: string,
  rp: FranceConnectRelyingParty,
): Promise<oidc.Configuration> {
  return oidc.discovery(
    new URL(`${sandboxUrl}/franceconnect/api/v2`),
    rp.clientId,
    { client_secret: rp.clientSecret },
    oidc.ClientSecretPost(rp.clientSecret),
    { execute: [oidc.allowInsecureRequests] },
  )
}

function location(response: Response, base: string | URL): URL {
  const value = response.headers.get('location')
  if (!value) throw new Error(`expected a redirect, got ${response.status}`)
  return new URL(value, base)
}

/**
 * Follows the browser's path through the FranceConnect stand-in: authorize → login page → post the
 * identity choice (`login`) or the cancel button → resume → the relying party's redirect URI.
 * Returns the callback URL (never fetched).
 */
export async function browseFranceConnect(
  authorizationUrl: URL,
  redirectUri: string,
  choice: { login: string } | { cancel: true },
  browser = new Browser(),
): Promise<URL> {
  let url = location(await browser.fetch(authorizationUrl), authorizationUrl)
  const page = await browser.fetch(url)
  if (page.status !== 200) throw new Error(`login page answered ${page.status}`)
  await page.text()
  const form: Record<string, string> = 'login' in choice ? { login: choice.login } : { cancel: '1' }
  url = location(await browser.fetch(url, { method: 'POST', body: new URLSearchParams(form) }), url)
  for (let hops = 0; hops < 5 && !url.href.startsWith(redirectUri); hops++) {
    url = location(await browser.fetch(url), url)
  }
  if (!url.href.startsWith(redirectUri)) throw new Error(`did not come back to ${redirectUri}`)
  return url
}

/** Logs a test identity in at the FranceConnect stand-in and exchanges the code: real tokens for tests. */
export async function franceConnectLogin(
  sandboxUrl: string,
  rp: FranceConnectRelyingParty,
  login: string,
  scope = qfScopes,
): Promise<FranceConnectLoginResult> {
  const config = await discoverFranceConnect(sandboxUrl, rp)
  const state = oidc.randomState()
  const nonce = oidc.randomNonce()
  const codeVerifier = oidc.randomPKCECodeVerifier()
  const authorizationUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: rp.redirectUri,
    scope,
    acr_values: 'eidas1',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  })
  const browser = new Browser()
  const callbackUrl = await browseFranceConnect(authorizationUrl, rp.redirectUri, { login }, browser)
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: codeVerifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  })
  if (!tokens.id_token) throw new Error('no id_token')
  return {
    config,
    tokens,
    accessToken: tokens.access_token,
    idToken: tokens.id_token,
    callbackUrl,
    state,
    nonce,
    browser,
  }
}
