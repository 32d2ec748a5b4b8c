import cookie from '@fastify/cookie'
import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from './config/load.js'
import { SealedBox } from './lib/sealed-box.js'
import {
  collectivitiesJobs,
  collectivitiesModule,
  collectivitiesPublicOperations,
  type CollectivitiesDeps,
} from './modules/collectivities/index.js'
import { diagnosticsRoutes, type DiagnosticsDeps } from './modules/diagnostics/index.js'
import { auditJobs, auditPlugin } from './modules/audit/index.js'
import { healthRoutes } from './modules/health/routes.js'
import {
  onboardingJobs,
  onboardingPublicOperations,
  onboardingRoutes,
  postgresOnboardingStore,
  type OnboardingDeps,
} from './modules/onboarding/index.js'
import {
  apiKeySecurity,
  authenticateApiKey,
  registryJobs,
  registryModule,
  type RegistryModuleDeps,
} from './modules/registry/index.js'
import { TokenBuckets } from './lib/token-bucket.js'
import {
  authenticateSession,
  journeyJobs,
  journeyModule,
  journeyPublicOperations,
  journeyUrls,
  sessionSecurity,
  type JourneyDeps,
} from './modules/journey/index.js'
import {
  newReference,
  registerDeliveryMetrics,
  submissionRepository,
  submissionsJobs,
  submissionsModule,
  submissionsPublicOperations,
  toSessionSubmission,
  type SubmissionsDeps,
} from './modules/submissions/index.js'
import {
  collectivityEditorSiret,
  dossierCompletedHook,
  webhookJobs,
  webhooksModule,
  type WebhooksDeps,
} from './modules/webhooks/index.js'
import { authenticationPlugin } from './plugins/authentication.js'
import { dbPlugin } from './plugins/db.js'
import { errorsPlugin } from './plugins/errors.js'
import { jobSchema, jobsPlugin } from './plugins/jobs.js'
import { metricsPlugin } from './plugins/metrics.js'
import { openapiPlugin } from './plugins/openapi.js'
import { securityPlugin } from './plugins/security.js'
import { portsPlugin, type Ports } from './ports.js'

export type { Ports } from './ports.js'

export interface AppOptions {
  config: Config
  /** The resolved database URL (the configured one, or the embedded server's). */
  databaseUrl: string
  /** Start the job queue's workers and schedules with the app (default true; false for tooling). */
  backgroundJobs?: boolean
  /** Adapters to use instead of the ones the configuration names (fakes, a driven clock). */
  ports?: Partial<Ports>
}

/**
 * The application, as a Fastify plugin: external plugins, then app plugins (the ports from the
 * composition root among them), then the modules, each registered the same way: `{ deps }`.
 * `server.ts` (the thin shell) and the tests both mount it through `buildServer`.
 */
const appPlugin: FastifyPluginAsync<AppOptions> = async (
  fastify,
  { config, databaseUrl, backgroundJobs = true, ports: overrides },
) => {
  // external plugins
  // No signed cookie: every cookie value is a random secret stored hashed.
  await fastify.register(cookie)
  await fastify.register(securityPlugin, { config })
  await fastify.register(openapiPlugin, { publicUrl: config.http.publicUrl, ui: config.http.docs })

  // app plugins
  await fastify.register(errorsPlugin)
  await fastify.register(dbPlugin, { connectionString: databaseUrl, poolMax: config.database.poolMax })
  await fastify.register(portsPlugin, { config, databaseUrl, overrides })
  const { db, ports, log } = fastify
  await fastify.register(metricsPlugin, { db, jobSchema })

  // modules
  const secretsBox = new SealedBox(config.security.secretsKeyring)
  const collectivities: CollectivitiesDeps = {
    db,
    seedDemo: config.demo.seed,
    secretsBox,
    qrCode: { webUrl: config.http.webUrl, allowLocalHttp: config.env !== 'production' },
  }
  const box = new SealedBox(config.security.sessionKeyring)
  const webhooks: WebhooksDeps = {
    db,
    // Endpoint secrets are sealed like the registry's secrets (the SECRETS_ENCRYPTION_KEYS keyring).
    box: secretsBox,
    clock: ports.clock,
    jobQueue: ports.jobQueue,
    transport: ports.webhookTransport,
    settings: {
      retryDelaySeconds: config.webhooks.retryDelaySeconds,
      horizonSeconds: config.webhooks.horizonSeconds,
      production: config.env === 'production',
      allowedNetworks: config.webhooks.allowedNetworks,
    },
    editorOf: collectivityEditorSiret,
    log,
  }
  const submissions: SubmissionsDeps = {
    db,
    box,
    clock: ports.clock,
    jobQueue: ports.jobQueue,
    hub: ports.dossierHub,
    settings: { ...config.delivery, hubTimeoutMs: config.hubee.timeoutMs },
    newReference: () => newReference(),
    // Work that must follow a delivery, in its transaction: the "dossier completed" webhook (issue 12).
    onDelivered: [dossierCompletedHook(webhooks)],
    metrics: fastify.metrics,
  }
  const journey: JourneyDeps = {
    db,
    box,
    clock: ports.clock,
    sessionIdleMs: config.journey.sessionIdleMs,
    identityProvider: ports.identityProvider,
    quotientFamilial: ports.quotientFamilial,
    urls: journeyUrls(config.http),
    frontendOrigins: config.http.corsOrigins,
    allowLocalHttp: config.env !== 'production',
    async submissionOf(reference) {
      const trace = await submissionRepository(db, box).find(reference)
      return trace ? toSessionSubmission(trace) : null
    },
  }
  const deliveryMetrics = registerDeliveryMetrics(fastify.metrics, submissions)
  const onboarding: OnboardingDeps = {
    companyRegistry: ports.companyRegistry,
    hubeeReferential: ports.hubeeReferential,
    store: postgresOnboardingStore(db, { jobQueue: ports.jobQueue }),
    clock: ports.clock,
  }
  const registryDeps = { db, box: secretsBox, clock: ports.clock }
  const hubeeCheck = { db, hubeeReferential: ports.hubeeReferential, clock: ports.clock }
  const registry: RegistryModuleDeps = {
    registry: registryDeps,
    lookup: {
      ...registryDeps,
      quotientFamilial: ports.quotientFamilial,
      limiter: new TokenBuckets(config.registry.lookupRatePerSecond, () => ports.clock.now().getTime()),
    },
    onboarding,
    hubeeCheck,
    jobQueue: ports.jobQueue,
  }
  const diagnostics: DiagnosticsDeps = {
    db,
    box: secretsBox,
    clock: ports.clock,
    hubeeReferential: ports.hubeeReferential,
  }
  await fastify.register(jobsPlugin, {
    queue: ports.jobQueue,
    jobs: [
      ...journeyJobs(journey, log),
      ...submissionsJobs({ ...submissions, log, metrics: deliveryMetrics }),
      ...webhookJobs(webhooks),
      ...onboardingJobs({ ...onboarding, jobQueue: ports.jobQueue }, log),
      ...registryJobs(registryDeps, log),
      ...auditJobs({ db, clock: ports.clock, retentionMs: config.audit.retentionMs }, log),
      ...collectivitiesJobs({ ...hubeeCheck, schedule: config.hubee.subscriptionCheckCron }, log),
    ],
    start: backgroundJobs,
    work: config.jobs.work,
  })
  await fastify.register(healthRoutes, {
    deps: { db, jobQueue: ports.jobQueue, metricsToken: config.metrics.token },
  })
  await fastify.register(
    async (api) => {
      // Deny by default: every route below needs a session unless its operationId is listed here.
      await api.register(authenticationPlugin, {
        publicOperations: [
          ...collectivitiesPublicOperations,
          ...journeyPublicOperations,
          ...submissionsPublicOperations,
          ...onboardingPublicOperations,
        ],
        authenticate: authenticateSession(journey),
        security: sessionSecurity,
      })
      await api.register(collectivitiesModule, { deps: collectivities })
      await api.register(journeyModule, { deps: journey })
      await api.register(submissionsModule, { deps: submissions })
      await api.register(onboardingRoutes, {
        deps: {
          db,
          onboarding,
          jobQueue: ports.jobQueue,
          datapassWebhookSecret: config.registry.datapassWebhookSecret,
        },
      })
    },
    { prefix: '/api/v1' },
  )
  await fastify.register(
    async (api) => {
      // The admin API and the QF lookup: an API key (`Bearer qf_…`) on every route, none public.
      await api.register(authenticationPlugin, {
        publicOperations: [],
        authenticate: authenticateApiKey({ db, clock: ports.clock }),
        security: apiKeySecurity,
      })
      // Every call of this scope is recorded (key id, operation, collectivity, outcome): issue 21, M2.
      await api.register(auditPlugin, { deps: { db, clock: ports.clock } })
      await api.register(registryModule, { deps: registry })
      await api.register(webhooksModule, {
        deps: webhooks,
        demoWebhookUrl: config.demo.seed ? config.demo.webhookUrl : undefined,
      })
      await api.register(diagnosticsRoutes, { deps: diagnostics })
    },
    { prefix: '/api/v1' },
  )
}

/** Not encapsulated: the shell (and tests) see the app's decorators, error handler and hooks. */
export const app = fp(appPlugin, { name: 'formulaire-qf' })
