import type { IncomingMessage, ServerResponse } from 'node:http'
import type { StandIn, StandInContext } from '../core/stand-in.js'
import { hubeeAdminClient, hubeeOslClient, hubeeSiSecret } from '../seed.js'
import { type HubeeClient, HubeeAuthorizationServer } from './auth.js'
import { ExchangeStore } from './exchange-store.js'
import { HubeeError, noResource, sendError } from './http.js'
import { adminOrganization, copyIdentifier, oslOrganization } from './identity.js'
import { referentialRoutes, type SubscriptionActivation } from './referential.js'
import { ReferentialStore } from './referential-store.js'
import { ApiRouter } from './router.js'
import { teledossiersRoutes } from './teledossiers.js'

export interface HubeeStandInOptions {
  /** Lifetime of access tokens; default `SANDBOX_HUBEE_TOKEN_TTL_SECONDS` or 3600. */
  tokenTtlSeconds?: number
  /** Clock in milliseconds (tests move it to expire tokens). Default `Date.now`. */
  now?: () => number
  /**
   * While true, every deposit is refused as for a recipient not subscribed to the process (the
   * sandbox's `refuseDeposits` fault). Default: never.
   */
  refusesDeposits?: () => boolean
  /**
   * `manual` (default, HubEE since July 2026): subscriptions the API creates stay `Inactif` until
   * activated (`POST /__admin/hubee/subscriptions/<SIRET>/activate`); `automatic`: as asked.
   * Default `SANDBOX_HUBEE_ACTIVATION` or `manual`.
   */
  subscriptionActivation?: SubscriptionActivation
}

export interface HubeeStandIn extends StandIn {
  readonly referential: ReferentialStore
  readonly exchange: ExchangeStore
}

function defaultTtl(): number {
  const fromEnv = Number(process.env.SANDBOX_HUBEE_TOKEN_TTL_SECONDS)
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 3600
}

const tokenPath = '/hubee-auth/oauth2/token'

/**
 * HubEE: the authorization server under `/hubee-auth` and the API gateway under `/hubee`
 * (`/hubee/teledossiers/v1`, `/hubee/referential/v1`).
 */
export function createHubeeStandIn(ctx: StandInContext, options: HubeeStandInOptions = {}): HubeeStandIn {
  const now = options.now ?? Date.now
  const referential = new ReferentialStore(now)
  const exchange = new ExchangeStore(now)
  if (ctx.seed) referential.seed()

  const fixedClients: HubeeClient[] = [
    { ...hubeeOslClient, scope: 'OSL', organization: copyIdentifier(oslOrganization) },
    {
      ...hubeeAdminClient,
      scope: 'ADMIN',
      otherScopes: ['DATAPASS'],
      organization: copyIdentifier(adminOrganization),
    },
  ]
  /** Every organization with an active subscription has SI credentials `SI-<SIRET>-<COG>` / `sandbox-secret`. */
  const findClient = (clientId: string): HubeeClient | undefined => {
    const fixed = fixedClients.find((c) => c.clientId === clientId)
    if (fixed) return fixed
    const organization = referential.findOrganization(clientId)
    if (!organization || !referential.hasActiveSubscription(organization)) return undefined
    return { clientId, clientSecret: hubeeSiSecret, scope: 'SI', organization: copyIdentifier(organization) }
  }
  const auth = new HubeeAuthorizationServer(findClient, options.tokenTtlSeconds ?? defaultTtl(), now)
  const apis = [
    new ApiRouter(
      '/teledossiers/v1',
      teledossiersRoutes(exchange, referential, options.refusesDeposits ?? (() => false)),
    ),
    new ApiRouter(
      '/referential/v1',
      referentialRoutes(
        referential,
        options.subscriptionActivation ??
          (process.env.SANDBOX_HUBEE_ACTIVATION === 'automatic' ? 'automatic' : 'manual'),
      ),
    ),
  ]

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://hubee')
    if (url.pathname.startsWith('/hubee-auth')) {
      if (url.pathname !== tokenPath) throw noResource()
      return auth.handleTokenRequest(req, res)
    }
    const path = url.pathname.slice('/hubee'.length)
    const api = apis.find((a) => path === a.basePath || path.startsWith(`${a.basePath}/`))
    if (!api) throw noResource()
    await api.dispatch(req, res, path.slice(api.basePath.length), url.searchParams, () =>
      auth.authenticate(req),
    )
  }

  return {
    family: 'hubee',
    prefixes: ['/hubee', '/hubee-auth'],
    referential,
    exchange,
    handle(req, res) {
      route(req, res).catch((error: unknown) => {
        if (res.headersSent) return res.destroy()
        sendError(res, error instanceof HubeeError ? error : new HubeeError(500, 'Internal server error'))
      })
    },
    async close() {
      auth.clear()
    },
  }
}
