import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

export interface AuthenticationOptions {
  /** The operationIds anyone may call; every other route of the scope requires a session. */
  publicOperations: readonly string[]
  /** Resolves the request's credential; throws a 401 problem when there is none (or it is stale). */
  authenticate(request: FastifyRequest): Promise<void>
  /** The OpenAPI security requirement documented on protected routes. */
  security: Record<string, string[]>[]
}

/**
 * Deny by default: registered at the top of a prefix (`/api/v1`), it guards every route declared
 * after it in that scope. A route is public only when its operationId is listed; every other one
 * authenticates before its handler runs, and the OpenAPI document says which is which. A route
 * without an operationId is refused at boot (it could be neither listed nor documented).
 */
export const authenticationPlugin = fp(
  async (app: FastifyInstance, opts: AuthenticationOptions) => {
    const publicOperations = new Set(opts.publicOperations)
    const seen = new Set<string>()
    const guard = async (request: FastifyRequest) => opts.authenticate(request)
    app.addHook('onRoute', (route) => {
      const schema = (route.schema ?? {}) as Record<string, unknown>
      const operationId = typeof schema.operationId === 'string' ? schema.operationId : undefined
      if (!operationId) throw new Error(`route ${String(route.method)} ${route.url} has no operationId`)
      seen.add(operationId)
      if (publicOperations.has(operationId)) {
        schema.security = []
        route.schema = schema
        return
      }
      schema.security = opts.security
      route.schema = schema
      const existing = route.onRequest
      const hooks = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]
      // (A GET's implicit HEAD route comes through here too, with the GET's hooks: guarded once.)
      if (!hooks.includes(guard)) route.onRequest = [...hooks, guard]
    })
    app.addHook('onReady', async () => {
      const unknown = [...publicOperations].filter((id) => !seen.has(id))
      if (unknown.length) throw new Error(`public operations without a route: ${unknown.join(', ')}`)
    })
  },
  { name: 'authentication' },
)
