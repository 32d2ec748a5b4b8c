import { randomUUID, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { HubeeError, readBody, sendJson } from './http.js'
import type { OrganizationIdentifier, Principal, Scope } from './identity.js'
import { scopes } from './identity.js'

/** A client of the HubEE authorization server and the one scope it may ask for. */
export interface HubeeClient {
  clientId: string
  clientSecret: string
  scope: Scope
  /** Other scopes this client may ask for (the referential administrator: `DATAPASS`). */
  otherScopes?: readonly Scope[]
  organization: OrganizationIdentifier
}

interface IssuedToken {
  principal: Principal
  expiresAt: number
}

const gatewayDescription = 'Invalid Credentials. Make sure you have provided the correct security credentials'

/** The API gateway (WSO2) refuses a missing, unknown or expired token with 401 and code 900901/900902. */
export const invalidCredentials = () =>
  new HubeeError(401, 'Invalid Credentials', 900901, { description: gatewayDescription })
const missingCredentials = () =>
  new HubeeError(401, 'Missing Credentials', 900902, {
    description:
      'Invalid Credentials. Make sure your API invocation call has a header: "Authorization : Bearer ACCESS_TOKEN"',
  })
export const scopeRefused = (resource: string) =>
  new HubeeError(403, 'The access token does not allow you to access the requested resource', 900910, {
    description: `User is NOT authorized to access the Resource: ${resource}. Scope validation failed.`,
  })

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function basicCredentials(req: IncomingMessage): { id: string; secret: string } | undefined {
  const header = req.headers.authorization
  if (!header?.toLowerCase().startsWith('basic ')) return undefined
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  return {
    id: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  }
}

/**
 * HubEE's OAuth2 authorization server (client credentials) and the gateway's bearer token check.
 * Tokens are opaque, held in memory, and expire after `ttlSeconds`.
 */
export class HubeeAuthorizationServer {
  private readonly tokens = new Map<string, IssuedToken>()

  constructor(
    private readonly findClient: (clientId: string) => HubeeClient | undefined,
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {}

  /** `POST /hubee-auth/oauth2/token`, `application/x-www-form-urlencoded`, HTTP Basic client authentication. */
  async handleTokenRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST')
      return sendJson(res, 405, { error: 'invalid_request', error_description: 'HTTP method not allowed' })
    const form = new URLSearchParams((await readBody(req)).toString('utf8'))
    const credentials = basicCredentials(req) ?? {
      id: form.get('client_id') ?? '',
      secret: form.get('client_secret') ?? '',
    }
    const grantType = form.get('grant_type')
    if (!grantType)
      return sendJson(res, 400, {
        error: 'invalid_request',
        error_description: 'Missing grant_type parameter value',
      })
    if (!credentials.id)
      return sendJson(res, 401, {
        error: 'invalid_client',
        error_description: 'Client Authentication failed.',
      })
    const client = this.findClient(credentials.id)
    if (!client)
      return sendJson(res, 401, {
        error: 'invalid_client',
        error_description: `A valid OAuth client could not be found for client_id: ${credentials.id}`,
      })
    if (!sameSecret(client.clientSecret, credentials.secret))
      return sendJson(res, 401, {
        error: 'invalid_client',
        error_description: 'Client Authentication failed.',
      })
    if (grantType !== 'client_credentials')
      return sendJson(res, 400, {
        error: 'unsupported_grant_type',
        error_description: 'Unsupported grant_type value',
      })
    const scope = form.get('scope')
    const granted = [client.scope, ...(client.otherScopes ?? [])].find((s) => s === scope)
    if (!scope || !scopes.includes(scope as Scope) || !granted)
      return sendJson(res, 400, { error: 'invalid_scope', error_description: 'Invalid scope requested' })
    const token = randomUUID()
    this.tokens.set(token, {
      principal: { clientId: client.clientId, scope: granted, organization: client.organization },
      expiresAt: this.now() + this.ttlSeconds * 1000,
    })
    sendJson(
      res,
      200,
      { access_token: token, scope: granted, token_type: 'Bearer', expires_in: this.ttlSeconds },
      { 'cache-control': 'no-store', pragma: 'no-cache' },
    )
  }

  /** Resolves the caller of an API request, or throws the gateway's 401. */
  authenticate(req: IncomingMessage): Principal {
    const header = req.headers.authorization
    if (!header) throw missingCredentials()
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (!match?.[1]) throw invalidCredentials()
    const issued = this.tokens.get(match[1])
    if (!issued) throw invalidCredentials()
    if (this.now() >= issued.expiresAt) {
      this.tokens.delete(match[1])
      throw invalidCredentials()
    }
    return issued.principal
  }

  /** Revokes every token (sandbox reset). */
  clear(): void {
    this.tokens.clear()
  }
}
