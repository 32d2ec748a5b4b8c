import type { IncomingMessage, ServerResponse } from 'node:http'
import { scopeRefused } from './auth.js'
import { HubeeError, noResource } from './http.js'
import type { Principal, Scope } from './identity.js'
import { checkUuid } from './validation.js'

/** What a route handler gets. `where` is e.g. `POST /teledossiers/v1/folders`, as in the gateway's messages. */
export interface Call {
  req: IncomingMessage
  res: ServerResponse
  principal: Principal
  params: Record<string, string>
  query: URLSearchParams
  where: string
}

export interface Route {
  method: string
  template: string
  scopes: readonly Scope[]
  /** Path parameters that are UUIDs (checked before the handler). Default: every parameter. */
  uuidParams?: readonly string[]
  handler: (call: Call) => Promise<void> | void
}

interface CompiledRoute extends Route {
  pattern: RegExp
  keys: string[]
}

function compile(route: Route): CompiledRoute {
  const keys: string[] = []
  const source = route.template.replace(/\{(\w+)\}/g, (_, key: string) => {
    keys.push(key)
    return '([^/]+)'
  })
  return { ...route, pattern: new RegExp(`^${source}$`), keys }
}

/**
 * One API of the hub under its base path (`/teledossiers/v1`, `/referential/v1`): route matching, the
 * `X-HTTP-Method-Override: PATCH` form of the spec, scope checks, UUID path checks.
 */
export class ApiRouter {
  private readonly routes: CompiledRoute[]

  constructor(
    readonly basePath: string,
    routes: Route[],
  ) {
    this.routes = routes.map(compile)
  }

  /** `path` is relative to the base path. Throws HubeeError. */
  async dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
    authenticate: () => Principal,
  ): Promise<void> {
    const candidates = this.routes
      .map((r) => ({ route: r, match: r.pattern.exec(path) }))
      .filter((c) => c.match !== null)
    if (candidates.length === 0) throw noResource()
    const override = req.headers['x-http-method-override']
    let method = req.method ?? 'GET'
    if (method === 'POST' && typeof override === 'string' && override.toUpperCase() === 'PATCH')
      method = 'PATCH'
    const found = candidates.find((c) => c.route.method === method)
    if (!found?.match) throw new HubeeError(405, 'Method not allowed')
    const { route, match } = found
    const principal = authenticate()
    const params: Record<string, string> = {}
    route.keys.forEach((key, i) => {
      params[key] = decodeURIComponent(match[i + 1] ?? '')
    })
    const where = `${req.method ?? 'GET'} ${this.basePath}${path}`
    if (!route.scopes.includes(principal.scope)) throw scopeRefused(route.template)
    for (const key of route.uuidParams ?? route.keys) checkUuid(where, key, params[key] ?? '')
    await route.handler({ req, res, principal, params, query, where })
  }
}
