import { createHash, randomBytes } from 'node:crypto'
import Provider, {
  type ClientMetadata,
  type Configuration,
  errors,
  type KoaContextWithOIDC,
} from 'oidc-provider'
import type { JWK } from 'jose'
import { identityClaims, type TestIdentity } from './identities.js'
import { acrEidas1, dataScopes, identityScopeClaims } from './scopes.js'
import { renderErrorPage } from './login-page.js'

/** JWE key management algorithms FranceConnect v2 offers for encrypted id_token / userinfo. */
export const encryptionAlgorithms = ['ECDH-ES', 'RSA-OAEP'] as const
export type EncryptionAlgorithm = (typeof encryptionAlgorithms)[number]

export interface FranceConnectClient {
  clientId: string
  clientSecret: string
  redirectUris: string[]
  postLogoutRedirectUris: string[]
  /**
   * Encryption enabled for this client (as FranceConnect does on request): id_token and userinfo are
   * JWE (`alg`, `A256GCM`) to the client's public key(s), around the ES256-signed JWT.
   */
  encryption?: { alg: EncryptionAlgorithm; jwks: JWK[] }
}

export interface ProviderOptions {
  issuer: string
  clients: readonly FranceConnectClient[]
  /** The data provider allowed to introspect citizens' access tokens (resource-server client). */
  introspectionClient: { clientId: string; clientSecret: string }
  keys: JWK[]
  identities: readonly TestIdentity[]
  /** Path (from the site root) of the stand-in's login page; the interaction uid is appended. */
  interactionPath: string
}

/** Salt of the pairwise `sub`: constant, so a person keeps the same `sub` across sandbox restarts. */
const pairwiseSalt = 'formulaire-qf-sandbox-franceconnect'
const minNonceLength = 22

function relyingParty(c: FranceConnectClient): ClientMetadata {
  return {
    client_id: c.clientId,
    client_secret: c.clientSecret,
    redirect_uris: c.redirectUris,
    post_logout_redirect_uris: c.postLogoutRedirectUris,
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
    id_token_signed_response_alg: 'ES256',
    userinfo_signed_response_alg: 'ES256',
    subject_type: 'pairwise',
    ...(c.encryption
      ? {
          jwks: { keys: c.encryption.jwks },
          id_token_encrypted_response_alg: c.encryption.alg,
          id_token_encrypted_response_enc: 'A256GCM',
          userinfo_encrypted_response_alg: c.encryption.alg,
          userinfo_encrypted_response_enc: 'A256GCM',
        }
      : {}),
  }
}

function requireParam(name: string, check?: (value: string) => string | undefined) {
  return (_ctx: KoaContextWithOIDC, value: string | undefined) => {
    if (!value) throw new errors.InvalidRequest(`missing required parameter '${name}'`)
    const problem = check?.(value)
    if (problem) throw new errors.InvalidRequest(problem)
  }
}

/** oidc-provider configured like FranceConnect v2 (authorization code flow, eidas1, ES256, signed userinfo). */
export function createProvider(options: ProviderOptions): Provider {
  const byLogin = new Map(options.identities.map((i) => [i.login, i]))
  const configuration: Configuration = {
    clients: [
      ...options.clients.map(relyingParty),
      {
        client_id: options.introspectionClient.clientId,
        client_secret: options.introspectionClient.clientSecret,
        redirect_uris: [],
        response_types: [],
        grant_types: [],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    clientAuthMethods: ['client_secret_post'],
    clientDefaults: {
      id_token_signed_response_alg: 'ES256',
      token_endpoint_auth_method: 'client_secret_post',
    },
    jwks: { keys: options.keys },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    responseTypes: ['code'],
    acrValues: [acrEidas1],
    subjectTypes: ['pairwise'],
    scopes: ['openid', ...dataScopes],
    claims: Object.fromEntries(Object.entries(identityScopeClaims).map(([k, v]) => [k, [...v]])),
    enabledJWA: {
      idTokenSigningAlgValues: ['ES256'],
      userinfoSigningAlgValues: ['ES256'],
      idTokenEncryptionAlgValues: [...encryptionAlgorithms],
      idTokenEncryptionEncValues: ['A256GCM'],
      userinfoEncryptionAlgValues: [...encryptionAlgorithms],
      userinfoEncryptionEncValues: ['A256GCM'],
    },
    pkce: { required: () => false },
    routes: {
      authorization: '/authorize',
      token: '/token',
      userinfo: '/userinfo',
      end_session: '/session/end',
      jwks: '/jwks',
      introspection: '/token/introspection',
    },
    ttl: {
      AccessToken: 60,
      AuthorizationCode: 30,
      IdToken: 60,
      Interaction: 600,
      Session: 1800,
      Grant: 1800,
    },
    features: {
      devInteractions: { enabled: false },
      encryption: { enabled: true },
      introspection: {
        enabled: true,
        // Only the data provider, or the token's own client, may read a token.
        allowedPolicy: (ctx, client, token) =>
          client.clientId === options.introspectionClient.clientId || client.clientId === token.clientId,
      },
      jwtUserinfo: { enabled: true },
      revocation: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // Never shown: the logout is completed right away by the stand-in (see `logoutImmediately`).
        logoutSource: (ctx, form) => {
          ctx.body = form
        },
      },
    },
    extraParams: {
      acr_values: requireParam('acr_values', (v) =>
        v.split(' ').includes(acrEidas1) ? undefined : `acr_values must contain '${acrEidas1}'`,
      ),
      state: requireParam('state'),
      nonce: requireParam('nonce', (v) =>
        v.length >= minNonceLength ? undefined : `nonce must be at least ${minNonceLength} characters long`,
      ),
    },
    interactions: { url: (_ctx, interaction) => `${options.interactionPath}/${interaction.uid}` },
    async findAccount(_ctx, accountId) {
      const identity = byLogin.get(accountId)
      if (!identity) return undefined
      return { accountId, claims: () => ({ sub: accountId, ...identityClaims(identity) }) }
    },
    pairwiseIdentifier: (_ctx, accountId, client) =>
      `${createHash('sha256').update(`${client.clientId}\n${accountId}\n${pairwiseSalt}`).digest('hex')}v1`,
    // FranceConnect asks no consent for identity scopes: grant every requested scope.
    async loadExistingGrant(ctx) {
      const { oidc } = ctx
      if (!oidc.client || !oidc.session?.accountId) return undefined
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId)
      const grant =
        (grantId ? await oidc.provider.Grant.find(grantId) : undefined) ??
        new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId })
      grant.addOIDCScope([...oidc.requestParamScopes].join(' '))
      await grant.save()
      return grant
    },
    // The identity travels with the access token, so that data providers can read it by introspection
    // (FranceConnect's checktoken answers the same claims).
    extraTokenClaims(_ctx, token) {
      const identity = 'accountId' in token && token.accountId ? byLogin.get(token.accountId) : undefined
      return identity ? { acr: acrEidas1, ...identityClaims(identity) } : undefined
    },
    renderError(ctx, out) {
      ctx.type = 'html'
      ctx.body = renderErrorPage('Erreur FranceConnect', `${out.error} : ${out.error_description ?? ''}`)
    },
  }
  const provider = new Provider(options.issuer, configuration)
  provider.proxy = true
  return provider
}
