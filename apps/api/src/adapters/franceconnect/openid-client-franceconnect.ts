import { createHash } from 'node:crypto'
import * as oidc from 'openid-client'
import {
  compactDecrypt,
  createRemoteJWKSet,
  importJWK,
  jwtVerify,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose'
import { Agent, request } from 'undici'
import type { PivotIdentity } from '@qf/contracts'
import {
  IdentityProviderError,
  type AuthenticatedUser,
  type IdentityProvider,
  type LoginTransaction,
} from '../../ports/identity-provider.js'

export interface FranceConnectOptions {
  issuer: string
  clientId: string
  clientSecret: string
  redirectUri: string
  postLogoutRedirectUri: string
  scope: string
  /**
   * The client's private keys when FranceConnect encrypts its answers for it (JWE `ECDH-ES` or
   * `RSA-OAEP`, `A256GCM`), each with its `alg` (and `kid`); none: signed JWTs only.
   */
  decryptionKeys?: readonly JWK[]
}

/** The one content encryption and the key management algorithms FranceConnect v2 uses. */
const contentEncryption = 'A256GCM'
const keyManagement = ['ECDH-ES', 'RSA-OAEP']

interface DecryptionKey {
  key: CryptoKey
  alg: string
  kid?: string
}

const isEncrypted = (jwt: string) => jwt.split('.').length === 5

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)

/** Answers without a body, for which `new Response()` refuses one. */
const nullBodyStatuses = new Set([101, 204, 205, 304])

/** Timeout of one FranceConnect call (discovery, token, userinfo). */
export const FRANCECONNECT_TIMEOUT_MS = 10_000

/**
 * openid-client's HTTP calls (discovery, token endpoint) over an undici Agent with keep-alive, through
 * undici's `request` (no WHATWG fetch machinery per call), answered as the `Response` it expects.
 */
export function undiciFetch(agent: Agent): oidc.CustomFetch {
  return async (url, options) => {
    const body = options.body instanceof URLSearchParams ? options.body.toString() : options.body
    if (body instanceof ReadableStream) throw new Error('streamed request bodies are not used here')
    const res = await request(url, {
      method: options.method as 'GET' | 'POST',
      headers: options.headers,
      body: body instanceof ArrayBuffer ? new Uint8Array(body) : (body ?? null),
      signal: options.signal,
      dispatcher: agent,
    })
    const headers = new Headers()
    for (const [name, value] of Object.entries(res.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v)
      else if (value !== undefined) headers.set(name, value)
    }
    const bytes = await res.body.arrayBuffer()
    return new Response(nullBodyStatuses.has(res.statusCode) ? null : bytes, {
      status: res.statusCode,
      headers,
    })
  }
}

/** Userinfo claims (identite_pivot) → PivotIdentity; undefined when a mandatory claim is missing. */
export function toPivotIdentity(claims: JWTPayload): PivotIdentity | undefined {
  const givenName = str(claims.given_name)
  const familyName = str(claims.family_name)
  const birthdate = str(claims.birthdate)
  const gender = claims.gender
  const birthcountry = str(claims.birthcountry)
  if (!givenName || !familyName || !birthdate || !birthcountry) return undefined
  if (gender !== 'male' && gender !== 'female') return undefined
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthdate)) return undefined
  const array = Array.isArray(claims.given_name_array)
    ? claims.given_name_array.filter((x): x is string => typeof x === 'string')
    : givenName.split(' ').filter(Boolean)
  return {
    givenName,
    givenNameArray: array,
    familyName,
    preferredUsername: str(claims.preferred_username) || null,
    birthdate,
    gender,
    birthplace: str(claims.birthplace) || null,
    birthcountry,
  }
}

/**
 * FranceConnect v2 through openid-client (authorization code + PKCE, client_secret_post). The
 * id_token (ES256: signature, iss, aud, exp, nonce, acr=eidas1) and the userinfo JWT (signature,
 * iss, aud, sub) are verified against the provider's JWKS, re-fetched on an unknown `kid`. When the
 * client has encryption enabled at FranceConnect, both come as JWE (ECDH-ES or RSA-OAEP, A256GCM)
 * and are decrypted with `decryptionKeys` first.
 */
export class OpenIdClientFranceConnect implements IdentityProvider {
  private configuration: Promise<oidc.Configuration> | undefined
  private jwks: ReturnType<typeof createRemoteJWKSet> | undefined
  private decryptionKeys: Promise<DecryptionKey[]> | undefined
  /** Keep-alive connections to FranceConnect (discovery, token, userinfo), closed with the adapter. */
  private readonly agent = new Agent({ keepAliveTimeout: 10_000, connections: 32 })

  constructor(private readonly options: FranceConnectOptions) {}

  async close(): Promise<void> {
    await this.agent.close()
  }

  private config(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const insecure = new URL(this.options.issuer).protocol === 'http:'
      this.configuration = oidc
        .discovery(
          new URL(this.options.issuer),
          this.options.clientId,
          {
            client_secret: this.options.clientSecret,
            id_token_signed_response_alg: 'ES256',
            userinfo_signed_response_alg: 'ES256',
          },
          oidc.ClientSecretPost(this.options.clientSecret),
          // Plain http only reaches a local stand-in; production refuses such URLs at boot.
          {
            ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
            timeout: FRANCECONNECT_TIMEOUT_MS / 1000,
            [oidc.customFetch]: undiciFetch(this.agent),
          },
        )
        .then(async (config) => {
          const keys = await this.keysForDecryption()
          // openid-client then decrypts the id_token of the token endpoint before its own checks.
          if (keys.length > 0) oidc.enableDecryptingResponses(config, [contentEncryption], ...keys)
          return config
        })
        .catch((err: unknown) => {
          this.configuration = undefined
          throw err
        })
    }
    return this.configuration
  }

  private keysForDecryption(): Promise<DecryptionKey[]> {
    this.decryptionKeys ??= Promise.all(
      (this.options.decryptionKeys ?? []).map(async (jwk) => {
        if (!jwk.alg || !keyManagement.includes(jwk.alg))
          throw new Error(`decryption key alg must be one of ${keyManagement.join(', ')}`)
        const key = await importJWK(jwk, jwk.alg)
        if (key instanceof Uint8Array) throw new Error('a decryption key must be asymmetric')
        return { key, alg: jwk.alg, ...(jwk.kid ? { kid: jwk.kid } : {}) }
      }),
    )
    return this.decryptionKeys
  }

  /**
   * The signed JWT inside an answer FranceConnect encrypted (JWE, compact: five parts) with one of the
   * client's keys (the one its `kid` names, else each in turn); a signed JWT is returned as is.
   */
  private async signedJwt(jwt: string): Promise<string> {
    if (!isEncrypted(jwt)) return jwt
    const keys = await this.keysForDecryption()
    if (keys.length === 0) throw new Error('encrypted answer, but no decryption key is configured')
    const [header = ''] = jwt.split('.')
    const kid = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { kid?: unknown }).kid
    const candidates = keys.filter((k) => kid === undefined || k.kid === undefined || k.kid === kid)
    for (const { key, alg } of candidates) {
      try {
        const { plaintext } = await compactDecrypt(jwt, key, {
          keyManagementAlgorithms: [alg],
          contentEncryptionAlgorithms: [contentEncryption],
        })
        return new TextDecoder().decode(plaintext)
      } catch {
        // the next key, if any
      }
    }
    throw new Error('no configured key decrypts this answer')
  }

  private async keys() {
    if (!this.jwks) {
      const jwksUri = (await this.config()).serverMetadata().jwks_uri
      if (!jwksUri) throw new IdentityProviderError('provider_error', 'no jwks_uri in discovery')
      this.jwks = createRemoteJWKSet(new URL(jwksUri))
    }
    return this.jwks
  }

  newTransaction(): LoginTransaction {
    return {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    }
  }

  async authorizationUrl(t: LoginTransaction): Promise<URL> {
    const config = await this.config()
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.options.redirectUri,
      scope: this.options.scope,
      state: t.state,
      nonce: t.nonce,
      acr_values: 'eidas1',
      // RFC 7636 S256, as oidc.calculatePKCECodeChallenge computes it, without a WebCrypto job.
      code_challenge: createHash('sha256').update(t.codeVerifier, 'ascii').digest('base64url'),
      code_challenge_method: 'S256',
    })
  }

  async completeLogin(callbackUrl: URL, t: LoginTransaction): Promise<AuthenticatedUser> {
    const error = callbackUrl.searchParams.get('error')
    if (error) {
      throw new IdentityProviderError(error === 'access_denied' ? 'access_denied' : 'provider_error', error)
    }
    const config = await this.config()
    let tokens: oidc.TokenEndpointResponse
    try {
      tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: t.codeVerifier,
        expectedState: t.state,
        expectedNonce: t.nonce,
        idTokenExpected: true,
      })
    } catch (err) {
      throw new IdentityProviderError('verification_failed', 'code exchange failed', { cause: err })
    }
    if (!tokens.id_token) throw new IdentityProviderError('verification_failed', 'no id_token')
    const issuer = config.serverMetadata().issuer
    const keys = await this.keys()
    let sub: string
    // The signed id_token (inside the JWE when FranceConnect encrypts): what the logout hint carries.
    let idToken: string
    try {
      idToken = await this.signedJwt(tokens.id_token)
      const { payload } = await jwtVerify(idToken, keys, {
        issuer,
        audience: this.options.clientId,
        algorithms: ['ES256'],
        requiredClaims: ['sub', 'exp', 'iat', 'nonce', 'acr'],
      })
      if (payload.nonce !== t.nonce) throw new Error('nonce mismatch')
      if (payload.acr !== 'eidas1') throw new Error('acr is not eidas1')
      sub = String(payload.sub)
    } catch (err) {
      throw new IdentityProviderError('verification_failed', 'id_token verification failed', { cause: err })
    }
    const identity = await this.userinfo(config, tokens.access_token, sub, issuer)
    return { identity, accessToken: tokens.access_token, idToken, sub }
  }

  private async userinfo(config: oidc.Configuration, accessToken: string, sub: string, issuer: string) {
    const endpoint = config.serverMetadata().userinfo_endpoint
    if (!endpoint) throw new IdentityProviderError('provider_error', 'no userinfo endpoint')
    let jwt: string
    try {
      const res = await request(endpoint, {
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/jwt' },
        signal: AbortSignal.timeout(FRANCECONNECT_TIMEOUT_MS),
        dispatcher: this.agent,
      })
      const text = await res.body.text()
      if (res.statusCode < 200 || res.statusCode > 299) throw new Error(`userinfo answered ${res.statusCode}`)
      if (!String(res.headers['content-type'] ?? '').startsWith('application/jwt'))
        throw new Error('userinfo is not a JWT')
      jwt = text.trim()
    } catch (err) {
      throw new IdentityProviderError('provider_error', 'userinfo failed', { cause: err })
    }
    try {
      const { payload } = await jwtVerify(await this.signedJwt(jwt), await this.keys(), {
        issuer,
        audience: this.options.clientId,
        algorithms: ['ES256'],
        subject: sub,
      })
      const identity = toPivotIdentity(payload)
      if (!identity) throw new Error('incomplete pivot identity')
      return identity
    } catch (err) {
      throw new IdentityProviderError('verification_failed', 'userinfo verification failed', { cause: err })
    }
  }

  async logoutUrl(params: { idToken: string; state: string }): Promise<URL> {
    return oidc.buildEndSessionUrl(await this.config(), {
      id_token_hint: params.idToken,
      state: params.state,
      post_logout_redirect_uri: this.options.postLogoutRedirectUri,
    })
  }
}
