import { buildServer, type ServerOptions } from './build-server.js'
import { loadConfig } from './config/load.js'
import { createDb } from './db/connection.js'
import { startEmbeddedPostgres } from './db/embedded.js'
import { SealedBox } from './lib/sealed-box.js'
import { seedDemoCollectivities } from './modules/collectivities/index.js'
import { migrate } from './open-database.js'
import type { Ports } from './ports.js'

/**
 * The API run inside another Node process (the journey world of the tests and of the bench, in
 * `@qf/testing`): the same shell steps as `server.ts` — configuration from an environment,
 * migrations, the app, listen — with adapters optionally replaced (`overrides`).
 */
export const inProcessApi = {
  migrate,
  startEmbedded: () => startEmbeddedPostgres(),
  async seedDemo(databaseUrl: string, env: Record<string, string> = {}): Promise<number> {
    const db = createDb(databaseUrl, 1)
    const { security } = loadConfig({ NODE_ENV: 'test', ...env, DATABASE_URL: databaseUrl })
    try {
      return await seedDemoCollectivities(db, new SealedBox(security.secretsKeyring))
    } finally {
      await db.destroy()
    }
  },
  async listen(options: {
    env: Record<string, string>
    databaseUrl: string
    port: number
    overrides?: Partial<Ports> | undefined
    logStream?: ServerOptions['logStream'] | undefined
  }) {
    const config = loadConfig({ ...options.env, DATABASE_URL: options.databaseUrl })
    const server = await buildServer(
      {
        config,
        databaseUrl: options.databaseUrl,
        ...(options.overrides ? { ports: options.overrides } : {}),
      },
      options.logStream ? { logStream: options.logStream } : {},
    )
    await server.listen({ host: '127.0.0.1', port: options.port })
    return { server, close: () => server.close() }
  },
}
