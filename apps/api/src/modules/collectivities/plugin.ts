import type { FastifyPluginAsync } from 'fastify'
import type { Db } from '../../db/connection.js'
import { seedDemoCollectivities } from './demo-seed.js'
import { collectivitiesRoutes } from './routes.js'

export interface CollectivitiesDeps {
  db: Db
  /** Upsert the demo collectivities when the app is ready (`DEMO_SEED=true`). */
  seedDemo: boolean
}

/** The operations of this module anyone may call (the directory of collectivities is public). */
export const collectivitiesPublicOperations = ['listCollectivities', 'getCollectivity'] as const

/** The collectivities module: its routes, and the demo seed at start when asked for. Mounted under `/api/v1`. */
export const collectivitiesModule: FastifyPluginAsync<{ deps: CollectivitiesDeps }> = async (
  app,
  { deps },
) => {
  if (deps.seedDemo) {
    app.addHook('onReady', async () => {
      const count = await seedDemoCollectivities(deps.db)
      app.log.info({ count }, 'demo collectivities seeded')
    })
  }
  await app.register(collectivitiesRoutes, { deps })
}
