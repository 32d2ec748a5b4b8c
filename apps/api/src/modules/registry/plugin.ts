import type { FastifyPluginAsync } from 'fastify'
import { Gauge } from 'prom-client'
import type { JobQueue } from '../../ports/job-queue.js'
import { countExpiringTokens, type HubeeCheckDeps } from '../collectivities/index.js'
import type { OnboardingDeps } from '../onboarding/index.js'
import type { RegistryDeps } from './collectivity-admin.js'
import type { LookupDeps } from './lookup.js'
import { registryRoutes } from './routes.js'

export interface RegistryModuleDeps {
  registry: RegistryDeps
  lookup: LookupDeps
  onboarding: OnboardingDeps
  /** Reading a collectivity's HubEE subscription back (ops, on demand). */
  hubeeCheck: HubeeCheckDeps
  jobQueue: JobQueue
}

/**
 * The registry's write side: the admin API and the QF lookup by identity (API-key scope), and the
 * `/metrics` gauge of the tokens to renew. Mounted under `/api/v1`.
 */
export const registryModule: FastifyPluginAsync<{ deps: RegistryModuleDeps }> = async (app, { deps }) => {
  if (
    app.hasDecorator('metrics') &&
    !app.metrics.getSingleMetric('collectivities_api_particulier_token_expiring')
  ) {
    new Gauge({
      name: 'collectivities_api_particulier_token_expiring',
      help: 'Active collectivities whose API Particulier token expires within 90 days (or has expired), as marked by the daily job',
      registers: [app.metrics],
      async collect() {
        try {
          this.set(await countExpiringTokens(deps.registry.db, true))
        } catch {
          // The database is unreachable: the gauge keeps its last value.
        }
      },
    })
  }
  await app.register(registryRoutes, { deps })
}
