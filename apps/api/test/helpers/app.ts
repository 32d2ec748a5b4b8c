import type { FastifyInstance } from 'fastify'
import { buildServer } from '../../src/build-server.js'
import { loadConfig, type Config } from '../../src/config/load.js'

/** The configuration tests start from: quiet logs, the given database, overrides on top. */
export function testConfig(databaseUrl: string, env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, ...env })
}

/** The app on a real database, ready (job queue started), not listening. */
export async function buildTestServer(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<FastifyInstance> {
  const server = await buildServer({ config: testConfig(databaseUrl, env), databaseUrl })
  await server.ready()
  return server
}
