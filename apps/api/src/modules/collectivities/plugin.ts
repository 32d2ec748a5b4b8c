import type { FastifyPluginAsync } from 'fastify'
import { seedDemoCollectivities } from './demo-seed.js'
import { qrCodeRoutes, type QrCodeRoutesOptions } from './qrcode.js'
import { collectivitiesRoutes } from './routes.js'

export interface CollectivitiesModuleOptions {
  /** Upsert the demo collectivities when the app is ready (`DEMO_SEED=true`). */
  seedDemo: boolean
  /** What the QR code routes need: the SPA's public URL and the local-http allowance. */
  qrCode: QrCodeRoutesOptions
}

/** The collectivities module: its routes, and the demo seed at start when asked for. */
export const collectivitiesModule: FastifyPluginAsync<CollectivitiesModuleOptions> = async (
  app,
  { seedDemo, qrCode },
) => {
  if (seedDemo) {
    app.addHook('onReady', async () => {
      const count = await seedDemoCollectivities(app.db)
      app.log.info({ count }, 'demo collectivities seeded')
    })
  }
  await app.register(collectivitiesRoutes)
  await app.register(qrCodeRoutes, qrCode)
}
