import type { FastifyPluginAsync } from 'fastify'
import type { Db } from '../../db/connection.js'
import type { SealedBox } from '../../lib/sealed-box.js'
import { seedDemoCollectivities } from './demo-seed.js'
import { qrCodeRoutes, type QrCodeRoutesOptions } from './qrcode.js'
import { collectivitiesRoutes } from './routes.js'

export interface CollectivitiesDeps {
  db: Db
  /** Upsert the demo collectivities when the app is ready (`DEMO_SEED=true`). */
  seedDemo: boolean
  /** Seals the demo collectivities' sandbox tokens (the registry's secrets box). */
  secretsBox: SealedBox
  /** What the QR code routes need: the SPA's public URL and the local-http allowance. */
  qrCode: QrCodeRoutesOptions
}

/** The operations of this module anyone may call (the directory of collectivities is public). */
export const collectivitiesPublicOperations = [
  'listCollectivities',
  'getCollectivity',
  'getCollectivityQrCodeSvg',
  'getCollectivityQrCodePng',
  'getCollectivityLink',
] as const

/** The collectivities module: its routes, and the demo seed at start when asked for. Mounted under `/api/v1`. */
export const collectivitiesModule: FastifyPluginAsync<{ deps: CollectivitiesDeps }> = async (
  app,
  { deps },
) => {
  if (deps.seedDemo) {
    app.addHook('onReady', async () => {
      const count = await seedDemoCollectivities(deps.db, deps.secretsBox)
      app.log.info({ count }, 'demo collectivities seeded')
    })
  }
  await app.register(collectivitiesRoutes, { deps })
  await app.register(qrCodeRoutes, deps.qrCode)
}
