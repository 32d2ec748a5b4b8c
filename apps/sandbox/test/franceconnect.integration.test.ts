import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as oidc from 'openid-client'
import {
  compactDecrypt,
  createRemoteJWKSet,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
} from 'jose'
import {
  apiParticulierIntrospectionClient,
  demoClientEncryption,
  franceConnectDemoClient,
  type FranceConnectClient,
  type Sandbox,
  startSandbox,
} from '../src/index.js'
import {
  Browser,
  browseFranceConnect,
  discoverFranceConnect,
  franceConnectLogin,
  qfScopes,
} from '@qf/testing'

const rpA: FranceConnectClient = {
  clientId: 'test-rp-a',
  clientSecret: 'test-rp-a-secret-0123456789abcdef',
  redirectUris: ['http://rp-a.test/callback'],
  postLogoutRedirectUris: ['http://rp-a.test/logged-out'],
}
const rpB: FranceConnectClient = {
  clientId: 'test-rp-b',
  clientSecret: 'test-rp-b-secret-0123456789abcdef',
  redirectUris: ['http://rp-b.test/callback'],
  postLogoutRedirectUris: ['http://rp-b.test/logged-out'],
}
const relyingParty = (c: FranceConnectClient) => ({
  clientId: c.clientId,
  clientSecret: c.clientSecret,
  redirectUri: c.redirectUris[0] ?? '',
})

let sandbox: Sandbox
let issuer: string

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, franceConnectClients: [rpA, rpB] })
  issuer = `${sandbox.url}/franceconnect/api/v2`
})
afterAll(() => sandbox.close())

/** The authorize URL with FranceConnect's mandatory parameters, some of which a test may drop or spoil. */
function authorizeUrl(overrides: Record<string, string | undefined> = {}): URL {
  const url = new URL(`${issuer}/authorize`)
  const params: Record<string, string | undefined> = {
    client_id: rpA.clientId,
    redirect_uri: rpA.redirectUris[0],
    response_type: 'code',
    scope: qfScopes,
    acr_values: 'eidas1',
    state: 'state-0123456789',
    nonce: 'nonce-0123456789abcdefghij',
    ...overrides,
  }
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v)
  return url
}

async function redirectOf(url: URL): Promise<URL> {
  const response = await fetch(url, { redirect: 'manual' })
  const location = response.headers.get('location')
  expect(location, `status ${response.status}`).toBeTruthy()
  return new URL(location ?? '', url)
}

describe('FranceConnect stand-in: discovery', () => {
  it('publishes the FranceConnect v2 endpoints under /api/v2', async () => {
    const config = await discoverFranceConnect(sandbox.url, relyingParty(rpA))
    const meta = config.serverMetadata()
    expect(meta.issuer).toBe(issuer)
    expect(meta.authorization_endpoint).toBe(`${issuer}/authorize`)
    expect(meta.token_endpoint).toBe(`${issuer}/token`)
    expect(meta.userinfo_endpoint).toBe(`${issuer}/userinfo`)
    expect(meta.end_session_endpoint).toBe(`${issuer}/session/end`)
    expect(meta.jwks_uri).toBe(`${issuer}/jwks`)
    expect(meta.introspection_endpoint).toBe(`${issuer}/token/introspection`)
    expect(meta.response_types_supported).toEqual(['code'])
    expect(meta.id_token_signing_alg_values_supported).toEqual(['ES256'])
    expect(meta.acr_values_supported).toEqual(['eidas1'])
    expect(meta.token_endpoint_auth_methods_supported).toEqual(['client_secret_post'])
    const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as {
      keys: { kty: string; crv: string; d?: string }[]
    }
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256' })
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true)
  })
})

describe('FranceConnect stand-in: the whole authorization code flow', () => {
  it('logs a test identity in and hands out signed id_token and userinfo, then logs out', async () => {
    const config = await discoverFranceConnect(sandbox.url, relyingParty(rpA))
    const state = oidc.randomState()
    const nonce = oidc.randomNonce()
    const verifier = oidc.randomPKCECodeVerifier()
    const authorizationUrl = oidc.buildAuthorizationUrl(config, {
      redirect_uri: rpA.redirectUris[0] ?? '',
      scope: qfScopes,
      acr_values: 'eidas1',
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    })

    // The login page lists the test identities, in French.
    const jar = new Browser()
    const interaction = new URL(
      (await jar.fetch(authorizationUrl)).headers.get('location') ?? '',
      authorizationUrl,
    )
    const page = await jar.fetch(interaction)
    const html = await page.text()
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    expect(html).toContain('<html lang="fr">')
    expect(html).toMatch(/<form method="post"/)
    expect(html).toContain('<button type="submit" name="login" value="test">Angela Claire Louise DUBOIS')
    expect(html).toContain('Joëlle Françoise DUBINÔRE')
    expect(html).toContain('ANO&#39;NYMOS-LONS')
    expect(html).toContain('name="cancel"')

    // Post the form, follow the interaction redirects, come back with a code.
    const posted = await jar.fetch(interaction, {
      method: 'POST',
      body: new URLSearchParams({ login: 'test' }),
    })
    expect(posted.status).toBe(303)
    let next = new URL(posted.headers.get('location') ?? '', interaction)
    while (!next.href.startsWith(rpA.redirectUris[0] ?? '')) {
      next = new URL((await jar.fetch(next)).headers.get('location') ?? '', next)
    }
    expect(next.searchParams.get('code')).toBeTruthy()
    expect(next.searchParams.get('state')).toBe(state)

    const tokens = await oidc.authorizationCodeGrant(config, next, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    })
    expect(tokens.expires_in).toBe(60)
    expect(tokens.scope?.split(' ').sort()).toEqual(qfScopes.split(' ').sort())
    expect(tokens.refresh_token).toBeUndefined()

    const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`))
    const idToken = tokens.id_token ?? ''
    expect(decodeProtectedHeader(idToken).alg).toBe('ES256')
    const { payload: claims } = await jwtVerify(idToken, jwks, {
      issuer,
      audience: rpA.clientId,
      algorithms: ['ES256'],
    })
    expect(claims.nonce).toBe(nonce)
    expect(claims.acr).toBe('eidas1')
    expect(claims.sub).toMatch(/^[0-9a-f]{64}v1$/)

    // userinfo is an ES256-signed JWT.
    const userinfo = await fetch(`${issuer}/userinfo`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    })
    expect(userinfo.status).toBe(200)
    expect(userinfo.headers.get('content-type')).toMatch(/^application\/jwt/)
    const { payload: info, protectedHeader } = await jwtVerify(await userinfo.text(), jwks, {
      issuer,
      audience: rpA.clientId,
    })
    expect(protectedHeader.alg).toBe('ES256')
    expect(info.sub).toBe(claims.sub)
    expect(info).toMatchObject({
      given_name: 'Angela Claire Louise',
      given_name_array: ['Angela', 'Claire', 'Louise'],
      family_name: 'DUBOIS',
      birthdate: '1962-08-24',
      gender: 'female',
      birthplace: '75107',
      birthcountry: '99100',
    })
    expect(info.preferred_username).toBeUndefined()

    // The data provider reads the token by introspection: scopes, expiry, client, sub, identity.
    const introspection = await fetch(`${issuer}/token/introspection`, {
      method: 'POST',
      body: new URLSearchParams({
        token: tokens.access_token,
        client_id: apiParticulierIntrospectionClient.clientId,
        client_secret: apiParticulierIntrospectionClient.clientSecret,
      }),
    })
    const introspected = (await introspection.json()) as Record<string, unknown>
    expect(introspected).toMatchObject({
      active: true,
      client_id: rpA.clientId,
      sub: claims.sub,
      acr: 'eidas1',
      family_name: 'DUBOIS',
      given_name_array: ['Angela', 'Claire', 'Louise'],
      birthdate: '1962-08-24',
    })
    expect(String(introspected.scope).split(' ')).toContain('cnaf_quotient_familial')
    expect(Number(introspected.exp) - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(60)

    // Logout: without id_token_hint refused; with it, straight back to the registered URI with state.
    const refused = await jar.fetch(new URL(`${issuer}/session/end?state=x`))
    expect(refused.status).toBe(400)
    const logout = new URL(`${issuer}/session/end`)
    logout.searchParams.set('id_token_hint', idToken)
    logout.searchParams.set('state', 'logout-state-123')
    logout.searchParams.set('post_logout_redirect_uri', rpA.postLogoutRedirectUris[0] ?? '')
    const out = await jar.fetch(logout)
    expect(out.status).toBe(302)
    const back = new URL(out.headers.get('location') ?? '')
    expect(`${back.origin}${back.pathname}`).toBe(rpA.postLogoutRedirectUris[0])
    expect(back.searchParams.get('state')).toBe('logout-state-123')

    // After logout the grant is gone: the access token no longer introspects as active.
    const after = await fetch(`${issuer}/token/introspection`, {
      method: 'POST',
      body: new URLSearchParams({
        token: tokens.access_token,
        client_id: apiParticulierIntrospectionClient.clientId,
        client_secret: apiParticulierIntrospectionClient.clientSecret,
      }),
    })
    expect(await after.json()).toEqual({ active: false })
  })

  it('gives a pairwise sub: one person, two services, two subs', async () => {
    const a = await franceConnectLogin(sandbox.url, relyingParty(rpA), 'avec_nom_dusage')
    const b = await franceConnectLogin(sandbox.url, relyingParty(rpB), 'avec_nom_dusage')
    const subA = a.tokens.claims()?.sub
    const subB = b.tokens.claims()?.sub
    expect(subA).toBeTruthy()
    expect(subB).toBeTruthy()
    expect(subA).not.toBe(subB)
  })

  it('releases preferred_username only with its own scope', async () => {
    const result = await franceConnectLogin(
      sandbox.url,
      relyingParty(rpA),
      'avec_nom_dusage',
      'openid identite_pivot preferred_username',
    )
    const info = await oidc.fetchUserInfo(
      result.config,
      result.accessToken,
      result.tokens.claims()?.sub ?? '',
    )
    expect(info.preferred_username).toBe('DUBOIS')
    expect(info.family_name).toBe('MERCIER')
  })

  it('refuses an authorization code used twice', async () => {
    const result = await franceConnectLogin(sandbox.url, relyingParty(rpA), 'test')
    await expect(
      oidc.authorizationCodeGrant(result.config, result.callbackUrl, {
        expectedState: result.state,
        expectedNonce: result.nonce,
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' })
  })

  it('refuses a wrong client secret at the token endpoint', async () => {
    const callback = await browseFranceConnect(authorizeUrl(), rpA.redirectUris[0] ?? '', { login: 'test' })
    const response = await fetch(`${issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code') ?? '',
        redirect_uri: rpA.redirectUris[0] ?? '',
        client_id: rpA.clientId,
        client_secret: 'not-the-secret',
      }),
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: 'invalid_client' })
  })
})

describe('FranceConnect stand-in: refused authorization requests', () => {
  it('refuses a request without acr_values, with an error redirect carrying state', async () => {
    const back = await redirectOf(authorizeUrl({ acr_values: undefined }))
    expect(back.href.startsWith(rpA.redirectUris[0] ?? '')).toBe(true)
    expect(back.searchParams.get('error')).toBe('invalid_request')
    expect(back.searchParams.get('state')).toBe('state-0123456789')
  })

  it('refuses acr_values other than eidas1', async () => {
    const back = await redirectOf(authorizeUrl({ acr_values: 'eidas3' }))
    expect(back.searchParams.get('error')).toBe('invalid_request')
  })

  it('refuses a nonce shorter than 22 characters', async () => {
    const back = await redirectOf(authorizeUrl({ nonce: 'short-nonce' }))
    expect(back.searchParams.get('error')).toBe('invalid_request')
    expect(back.searchParams.get('error_description')).toMatch(/nonce/)
  })

  it('refuses a request without state', async () => {
    const back = await redirectOf(authorizeUrl({ state: undefined }))
    expect(back.searchParams.get('error')).toBe('invalid_request')
    expect(back.searchParams.get('error_description')).toMatch(/state/)
  })

  it('refuses an unregistered redirect_uri without redirecting to it', async () => {
    const response = await fetch(authorizeUrl({ redirect_uri: 'http://evil.test/callback' }), {
      redirect: 'manual',
    })
    expect(response.status).toBe(400)
    expect(response.headers.get('location')).toBeNull()
  })

  it('sends access_denied with state back when the citizen cancels', async () => {
    const back = await browseFranceConnect(authorizeUrl(), rpA.redirectUris[0] ?? '', { cancel: true })
    expect(back.searchParams.get('error')).toBe('access_denied')
    expect(back.searchParams.get('state')).toBe('state-0123456789')
    expect(back.searchParams.get('code')).toBeNull()
  })
})

describe('FranceConnect stand-in: encrypted id_token and userinfo (JWE), for a client that has it enabled', () => {
  it.each(['ECDH-ES', 'RSA-OAEP'] as const)(
    'encrypts both with the client’s %s key and A256GCM; the inner JWS is signed ES256 with acr eidas1',
    async (alg) => {
      const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true })
      const publicJwk = { ...(await exportJWK(publicKey)), alg, use: 'enc', kid: `enc-${alg}` }
      const rp: FranceConnectClient = {
        clientId: `test-rp-jwe-${alg.toLowerCase()}`,
        clientSecret: 'test-rp-jwe-secret-0123456789abcdef',
        redirectUris: ['http://rp-jwe.test/callback'],
        postLogoutRedirectUris: ['http://rp-jwe.test/logged-out'],
        encryption: { alg, jwks: [publicJwk] },
      }
      const own = await startSandbox({ port: 0, franceConnectClients: [rp] })
      try {
        const ownIssuer = `${own.url}/franceconnect/api/v2`
        const nonce = 'nonce-0123456789abcdefghij'
        const url = new URL(`${ownIssuer}/authorize`)
        for (const [k, v] of Object.entries({
          client_id: rp.clientId,
          redirect_uri: rp.redirectUris[0] ?? '',
          response_type: 'code',
          scope: qfScopes,
          acr_values: 'eidas1',
          state: 'state-0123456789',
          nonce,
        }))
          url.searchParams.set(k, v)
        const callback = await browseFranceConnect(url, rp.redirectUris[0] ?? '', { login: 'test' })
        const tokenResponse = await fetch(`${ownIssuer}/token`, {
          method: 'POST',
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code: callback.searchParams.get('code') ?? '',
            redirect_uri: rp.redirectUris[0] ?? '',
            client_id: rp.clientId,
            client_secret: rp.clientSecret,
          }),
        })
        expect(tokenResponse.status).toBe(200)
        const tokens = (await tokenResponse.json()) as { id_token: string; access_token: string }
        expect(tokens.id_token.split('.')).toHaveLength(5)
        expect(decodeProtectedHeader(tokens.id_token)).toMatchObject({
          alg,
          enc: 'A256GCM',
          kid: publicJwk.kid,
        })
        const jwks = createRemoteJWKSet(new URL(`${ownIssuer}/jwks`))
        const inner = new TextDecoder().decode((await compactDecrypt(tokens.id_token, privateKey)).plaintext)
        const { payload } = await jwtVerify(inner, jwks, { issuer: ownIssuer, audience: rp.clientId })
        expect(payload).toMatchObject({ acr: 'eidas1', nonce })

        const userinfo = await fetch(`${ownIssuer}/userinfo`, {
          headers: { authorization: `Bearer ${tokens.access_token}` },
        })
        expect(userinfo.headers.get('content-type')).toMatch(/^application\/jwt/)
        const jwe = (await userinfo.text()).trim()
        expect(jwe.split('.')).toHaveLength(5)
        const signed = new TextDecoder().decode((await compactDecrypt(jwe, privateKey)).plaintext)
        const { payload: claims } = await jwtVerify(signed, jwks, {
          issuer: ownIssuer,
          audience: rp.clientId,
        })
        expect(claims.family_name).toBe('DUBOIS')
      } finally {
        await own.close()
      }
    },
  )
})

describe('FranceConnect stand-in: the demo client encrypted by configuration', () => {
  it('reads SANDBOX_FC_DEMO_ENCRYPTION_JWKS (public keys only) and encrypts the demo client’s id_token', async () => {
    expect(demoClientEncryption(undefined)).toBeUndefined()
    const { publicKey, privateKey } = await generateKeyPair('ECDH-ES', { extractable: true })
    const publicJwk = { ...(await exportJWK(publicKey)), alg: 'ECDH-ES', kid: 'demo-enc' }
    expect(() => demoClientEncryption(JSON.stringify({ keys: [{ ...publicJwk, d: 'x' }] }))).toThrow(/public/)
    const encryption = demoClientEncryption(JSON.stringify({ keys: [publicJwk] }))
    expect(encryption).toEqual({ alg: 'ECDH-ES', jwks: [publicJwk] })
    const own = await startSandbox({ port: 0, franceConnectDemoClientEncryption: encryption })
    try {
      const ownIssuer = `${own.url}/franceconnect/api/v2`
      const redirectUri = franceConnectDemoClient.redirectUris[0] ?? ''
      const url = new URL(`${ownIssuer}/authorize`)
      for (const [k, v] of Object.entries({
        client_id: franceConnectDemoClient.clientId,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: qfScopes,
        acr_values: 'eidas1',
        state: 'state-0123456789',
        nonce: 'nonce-0123456789abcdefghij',
      }))
        url.searchParams.set(k, v)
      const callback = await browseFranceConnect(url, redirectUri, { login: 'test' })
      const tokens = (await (
        await fetch(`${ownIssuer}/token`, {
          method: 'POST',
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code: callback.searchParams.get('code') ?? '',
            redirect_uri: redirectUri,
            client_id: franceConnectDemoClient.clientId,
            client_secret: franceConnectDemoClient.clientSecret,
          }),
        })
      ).json()) as { id_token: string }
      expect(tokens.id_token.split('.')).toHaveLength(5)
      const inner = new TextDecoder().decode((await compactDecrypt(tokens.id_token, privateKey)).plaintext)
      expect(decodeProtectedHeader(inner).alg).toBe('ES256')
    } finally {
      await own.close()
    }
  })
})
