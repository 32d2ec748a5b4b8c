import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import {
  API_PARTICULIER_DEADLINE_MS,
  HttpApiParticulier,
} from './adapters/api-particulier/http-api-particulier.js'
import {
  FRANCECONNECT_TIMEOUT_MS,
  OpenIdClientFranceConnect,
} from './adapters/franceconnect/openid-client-franceconnect.js'
import { UndiciHubee } from './adapters/hubee/undici-hubee.js'
import { PgBossJobQueue } from './adapters/pg-boss/pg-boss-job-queue.js'
import type { Config } from './config/load.js'
import { isDatabaseUnavailable } from './db/connection.js'
import { systemClock, type Clock } from './ports/clock.js'
import type { DossierHub } from './ports/dossier-hub.js'
import { UndiciHubeeReferential } from './adapters/hubee/undici-hubee-referential.js'
import { UndiciInseeSirene } from './adapters/insee/undici-insee-sirene.js'
import { UndiciWebhookTransport } from './adapters/webhook/undici-webhook-transport.js'
import type { CompanyRegistry } from './ports/company-registry.js'
import type { HubeeReferential } from './ports/hubee-referential.js'
import { qfScopes, type IdentityProvider } from './ports/identity-provider.js'
import type { JobQueue } from './ports/job-queue.js'
import type { QuotientFamilialProvider } from './ports/quotient-familial-provider.js'
import type { WebhookTransport } from './ports/webhook-transport.js'
import { jobSchema } from './plugins/jobs.js'
import { apiVersion } from './plugins/openapi.js'

/**
 * The longest a login callback may legitimately take with these adapters: FranceConnect's token and
 * userinfo calls, then the QF lookup at API Particulier (its retries within its budget). A shutdown
 * drains at least this long, so that a deploy never cuts a citizen's login (issue 22, item 7).
 */
export const loginCallbackBudgetMs = 2 * FRANCECONNECT_TIMEOUT_MS + API_PARTICULIER_DEADLINE_MS

/** What an adapter factory is given: the configuration, the resolved database, a log for errors. */
export interface AdapterContext {
  config: Config
  databaseUrl: string
  logError(err: Error, message: string): void
  logWarn?(fields: Record<string, unknown>, message: string): void
}

/** An adapter built by the composition root, with how to release what it holds (agents, pools). */
interface Built<Port> {
  port: Port
  close?: () => Promise<void>
}
const held = <Port>(port: Port): Built<Port> => ({ port })
const owned = <Port extends { close(): Promise<void> }>(port: Port): Built<Port> => ({
  port,
  close: () => port.close(),
})

/**
 * The composition root: one line per port, naming the adapter the configuration selects (the
 * sandbox is just another URL). Add a port here (e.g. `dossierHub`, `companyRegistry`) and every
 * module can receive it in its `deps`.
 */
const adapters = {
  clock: (): Built<Clock> => held(systemClock),
  identityProvider: ({ config }: AdapterContext): Built<IdentityProvider> =>
    owned(new OpenIdClientFranceConnect({ ...config.franceconnect, scope: qfScopes })),
  quotientFamilial: ({ config }: AdapterContext): Built<QuotientFamilialProvider> =>
    owned(
      new HttpApiParticulier({
        baseUrl: config.apiParticulier.url,
        timeoutMs: config.apiParticulier.timeoutMs,
        userAgent: 'formulaire-qf',
      }),
    ),
  dossierHub: ({ config }: AdapterContext): Built<DossierHub> =>
    owned(new UndiciHubee({ ...config.hubee, softwareVersion: apiVersion })),
  companyRegistry: ({ config }: AdapterContext): Built<CompanyRegistry> =>
    owned(
      new UndiciInseeSirene({ baseUrl: config.insee.apiUrl, apiKey: config.insee.apiKey, timeoutMs: 8_000 }),
    ),
  hubeeReferential: ({ config }: AdapterContext): Built<HubeeReferential> =>
    owned(
      new UndiciHubeeReferential({
        apiUrl: config.hubee.apiUrl,
        tokenUrl: config.hubee.tokenUrl,
        clientId: config.hubee.adminClientId,
        clientSecret: config.hubee.adminClientSecret,
        scope: config.hubee.referentialScope,
        timeoutMs: 8_000,
        applicationName: 'formulaire-qf',
      }),
    ),
  jobQueue: ({ config, databaseUrl, logError, logWarn }: AdapterContext): Built<JobQueue> => {
    const queue = new PgBossJobQueue({
      connectionString: databaseUrl,
      schema: jobSchema,
      graceMs: config.http.shutdownGraceMs,
      onError: (err) => logError(err, 'job queue error'),
      // A dead worker's jobs re-queued at once (advisory locks need a real Postgres, not PGlite's one session).
      reclaimStranded: config.database.url !== undefined,
      onReclaimed: (jobs) => logWarn?.({ jobs }, 'jobs of a dead worker re-queued'),
    })
    return { port: queue, close: () => queue.stop() }
  },
  webhookTransport: ({ config }: AdapterContext): Built<WebhookTransport> =>
    owned(
      new UndiciWebhookTransport({
        timeoutMs: config.webhooks.timeoutMs,
        // The address a receiver's name resolves to is checked at each send (DNS rebinding).
        addressPolicy:
          config.env === 'production'
            ? { production: true }
            : { production: false, allowedNetworks: config.webhooks.allowedNetworks },
        userAgent: 'formulaire-qf-webhook',
      }),
    ),
} satisfies Record<string, (context: AdapterContext) => Built<unknown>>

/** Every port the modules may depend on. */
export type Ports = { [K in keyof typeof adapters]: ReturnType<(typeof adapters)[K]>['port'] }

export interface BuiltPorts {
  ports: Ports
  /** Releases what the root built (never what was passed in as an override). */
  close(): Promise<void>
}

/** Builds the adapters not given in `overrides` (fakes, a driven clock), and nothing else. */
export function buildPorts(context: AdapterContext, overrides: Partial<Ports> = {}): BuiltPorts {
  const ports: Partial<Record<keyof Ports, unknown>> = {}
  const closers: (() => Promise<void>)[] = []
  for (const key of Object.keys(adapters) as (keyof Ports)[]) {
    const given = overrides[key]
    if (given !== undefined) {
      ports[key] = given
      continue
    }
    const built = adapters[key](context)
    ports[key] = built.port
    if (built.close) closers.push(built.close)
  }
  return {
    ports: ports as Ports,
    async close() {
      const results = await Promise.allSettled(closers.reverse().map((close) => close()))
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
      if (failed) throw failed.reason
    },
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    ports: Ports
  }
}

/** The ports, decorated on the app for its modules; what the root built is closed with the app. */
export const portsPlugin = fp(
  async (
    app: FastifyInstance,
    opts: { config: Config; databaseUrl: string; overrides?: Partial<Ports> | undefined },
  ) => {
    const built = buildPorts(
      {
        config: opts.config,
        databaseUrl: opts.databaseUrl,
        // A database outage is reported by /ready and by the requests' 503s: a warning, not an error per poll.
        logError: (err, message) =>
          isDatabaseUnavailable(err) ? app.log.warn({ err }, message) : app.log.error({ err }, message),
        logWarn: (fields, message) => app.log.warn(fields, message),
      },
      opts.overrides,
    )
    app.decorate('ports', built.ports)
    app.addHook('onClose', async () => {
      await built.close()
    })
  },
  { name: 'ports' },
)
