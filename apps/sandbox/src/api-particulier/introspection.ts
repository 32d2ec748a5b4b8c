import { apiParticulierIntrospectionClient } from '../seed.js'

export interface Introspected {
  active: boolean
  scope?: string
  exp?: number
  client_id?: string
  sub?: string
  [claim: string]: unknown
}

/**
 * Reads a citizen's FranceConnect access token at FranceConnect (token introspection, over HTTP,
 * as the real API Particulier does). Throws when FranceConnect cannot be reached or answers badly.
 */
export async function introspectFranceConnectToken(publicUrl: string, token: string): Promise<Introspected> {
  const response = await fetch(`${publicUrl}/franceconnect/api/v2/token/introspection`, {
    method: 'POST',
    headers: { accept: 'application/json' },
    body: new URLSearchParams({
      token,
      client_id: apiParticulierIntrospectionClient.clientId,
      client_secret: apiParticulierIntrospectionClient.clientSecret,
    }),
    signal: AbortSignal.timeout(10_000),
  })
  if (!response.ok) throw new Error(`FranceConnect introspection answered ${response.status}`)
  const body = (await response.json()) as unknown
  if (typeof body !== 'object' || body === null || typeof (body as Introspected).active !== 'boolean')
    throw new Error('FranceConnect introspection: unexpected answer')
  return body as Introspected
}

/**
 * Remembers the expiry of the tokens seen active, so that an inactive token can be told apart:
 * expired (`00103`) or never valid (`00101`) — introspection itself only says `active: false`.
 */
export class SeenTokens {
  private readonly expiries = new Map<string, number>()
  remember(token: string, exp: number | undefined) {
    if (exp === undefined) return
    if (this.expiries.size > 10_000) this.expiries.clear()
    this.expiries.set(token, exp)
  }
  expired(token: string, nowSeconds = Date.now() / 1000): boolean {
    const exp = this.expiries.get(token)
    return exp !== undefined && exp <= nowSeconds
  }
}
