import type { IncomingMessage, ServerResponse } from 'node:http'
import type { StandIn, StandInContext } from '../core/stand-in.js'
import { checkCollectivityToken, collectivityScopes } from './collectivity-tokens.js'
import { chooseDelegation, findEditorToken } from './editor-tokens.js'
import {
  ambiguousDelegation,
  type ErrorAnswer,
  expiredToken,
  insufficientPrivileges,
  invalidToken,
  networkError,
  notFound,
  notDelegated,
  notReferenced,
  tooManyRequests,
  unprocessable,
} from './errors.js'
import { loadQfFixtures, type QfFixture } from './fixtures.js'
import { introspectFranceConnectToken, SeenTokens } from './introspection.js'
import { maskByScopes } from './masking.js'
import { matchCivility, matchIdentity, normalizeValue } from './matching.js'
import { checkRecipient, civilityFromFranceConnect, parseCivility, parseQfPeriod } from './params.js'
import { RateLimiter } from './rate-limit.js'
import { ResponseCache } from './response-cache.js'

const prefix = '/api-particulier'
const franceConnectRoute = '/v3/dss/quotient_familial/france_connect'
const civilityRoute = '/v3/dss/quotient_familial/identite'
const delegationsRoute = '/editeur/api/v1/delegations'

interface Answer {
  status: number
  body: unknown
  headers?: Record<string, string>
}

const fromError = (e: ErrorAnswer): Answer => ({ status: e.status, body: e.body })

function fromFixture(fixture: QfFixture, scopes?: ReadonlySet<string>): Answer {
  const body = fixture.status === 200 && scopes ? maskByScopes(fixture.payload, scopes) : fixture.payload
  return {
    status: fixture.status,
    body,
    headers: fixture.status === 429 ? { 'Retry-After': '1' } : undefined,
  }
}

function bearer(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  return match?.[1]
}

export interface ApiParticulierStandInOptions {
  /**
   * The data scopes of a collectivity's habilitation (DataPass), by SIRET: since 2026 API Particulier
   * masks its answers per the habilitation (and, on the FranceConnect route, the citizen's token too).
   * Default: the whole QF habilitation (`collectivityScopes`).
   */
  habilitations?: Record<string, readonly string[]>
}

/** API Particulier v3 stand-in: the quotient familial endpoints, answered from the staging fixtures. */
export async function createApiParticulierStandIn(
  ctx: StandInContext,
  options: ApiParticulierStandInOptions = {},
): Promise<StandIn> {
  const habilitationOf = (recipient: string | null): ReadonlySet<string> =>
    new Set((recipient && options.habilitations?.[recipient]) || collectivityScopes)
  const fixtures = loadQfFixtures()
  const limiter = new RateLimiter()
  const cache = new ResponseCache<Answer>()
  const seen = new SeenTokens()

  /** Serves a 200 from the cache, or computes and caches it. */
  async function cached(
    req: IncomingMessage,
    key: string,
    compute: () => Promise<Answer> | Answer,
  ): Promise<Answer> {
    const noCache = /no-cache/i.test(String(req.headers['cache-control'] ?? ''))
    const hit = noCache ? undefined : cache.get(key)
    if (hit)
      return {
        ...hit.value,
        headers: {
          ...hit.value.headers,
          'X-Response-Cached': 'true',
          'X-Cache-Expires-in': String(hit.expiresInSeconds),
        },
      }
    const fresh = await compute()
    if (fresh.status !== 200) return fresh
    const ttl = cache.set(key, fresh)
    return { ...fresh, headers: { ...fresh.headers, 'X-Cache-Expires-in': String(ttl) } }
  }

  async function civility(req: IncomingMessage, query: URLSearchParams, token: string): Promise<Answer> {
    const check = checkCollectivityToken(token)
    const editor = check.ok ? undefined : findEditorToken(token)
    if (!check.ok && !editor) return fromError(check.reason === 'expired' ? expiredToken() : invalidToken())
    const parsed = parseCivility(query)
    if ('errors' in parsed) return fromError(unprocessable(parsed.errors))
    if (editor) {
      const header = req.headers['x-delegation-id']
      const delegationId = query.get('delegation_id') || (typeof header === 'string' ? header : undefined)
      const choice = chooseDelegation(editor, delegationId, query.get('recipient'))
      if (!choice.ok) return fromError(choice.reason === 'ambiguous' ? ambiguousDelegation() : notDelegated())
    }
    const key = [
      'identite',
      token,
      query.get('recipient'),
      ...Object.entries(parsed.params)
        .sort()
        .map(([k, v]) => `${k}=${normalizeValue(v)}`),
    ].join('|')
    const habilitation = habilitationOf(query.get('recipient'))
    if (!habilitation.has('cnaf_quotient_familial')) return fromError(insufficientPrivileges())
    return cached(req, key, () => {
      const fixture = matchCivility(fixtures.civility, parsed.params)
      return fixture ? fromFixture(fixture, habilitation) : fromError(notReferenced())
    })
  }

  async function franceConnect(req: IncomingMessage, query: URLSearchParams, token: string): Promise<Answer> {
    let introspected
    try {
      introspected = await introspectFranceConnectToken(ctx.publicUrl, token)
    } catch {
      return fromError(networkError())
    }
    if (!introspected.active) return fromError(seen.expired(token) ? expiredToken() : invalidToken())
    seen.remember(token, introspected.exp)
    const habilitation = habilitationOf(query.get('recipient'))
    const scopes = new Set(
      (introspected.scope ?? '').split(' ').filter((scope) => Boolean(scope) && habilitation.has(scope)),
    )
    if (!scopes.has('cnaf_quotient_familial')) return fromError(insufficientPrivileges())
    const errors = []
    const recipientError = checkRecipient(query)
    if (recipientError) errors.push(recipientError)
    parseQfPeriod(query, errors)
    if (errors.length > 0) return fromError(unprocessable(errors))
    const key = ['france_connect', token, query.get('recipient'), query.get('annee'), query.get('mois')].join(
      '|',
    )
    return cached(req, key, () => {
      const fixture = matchIdentity(fixtures.franceConnect, civilityFromFranceConnect(introspected))
      return fixture ? fromFixture(fixture, scopes) : fromError(notReferenced())
    })
  }

  /** The editor's delegations (`GET /editeur/api/v1/delegations`): a collectivity token has none to list. */
  function delegations(token: string): Answer {
    const editor = findEditorToken(token)
    if (!editor)
      return fromError(checkCollectivityToken(token).ok ? insufficientPrivileges() : invalidToken())
    return {
      status: 200,
      body: {
        data: editor.delegations.map((d) => ({
          id: d.id,
          recipient: { siret: d.recipient, nom: d.name },
          scopes: [...d.scopes],
        })),
        links: {},
        meta: {},
      },
    }
  }

  async function route(req: IncomingMessage): Promise<Answer & { rateLimit: Record<string, string> }> {
    const url = new URL(req.url ?? '/', 'http://api-particulier.invalid')
    const path = url.pathname.slice(prefix.length)
    const token = bearer(req)
    const rate = limiter.hit(token ?? `anonymous:${req.socket.remoteAddress ?? ''}`)
    const answer = await (async (): Promise<Answer> => {
      if (req.method !== 'GET' || ![civilityRoute, franceConnectRoute, delegationsRoute].includes(path))
        return fromError(notFound())
      if (rate.limited) return fromError(tooManyRequests())
      if (!token) return fromError(invalidToken())
      if (path === delegationsRoute) return delegations(token)
      return path === civilityRoute
        ? civility(req, url.searchParams, token)
        : franceConnect(req, url.searchParams, token)
    })()
    return { ...answer, rateLimit: rate.headers }
  }

  function send(res: ServerResponse, answer: Answer & { rateLimit: Record<string, string> }) {
    res.writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      'X-Response-Cached': 'false',
      ...answer.rateLimit,
      ...answer.headers,
    })
    res.end(JSON.stringify(answer.body))
  }

  return {
    family: 'api-particulier',
    prefixes: [prefix],
    handle(req, res) {
      route(req).then(
        (answer) => send(res, answer),
        () => {
          if (res.headersSent) return res.end()
          res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' })
          res.end(JSON.stringify(networkError().body))
        },
      )
    },
    async close() {},
  }
}
