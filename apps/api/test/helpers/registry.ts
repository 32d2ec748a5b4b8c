import type { FastifyInstance } from 'fastify'
import { buildServer } from '../../src/build-server.js'
import { createApiKey, type Scope } from '../../src/modules/registry/index.js'
import type { Ports } from '../../src/ports.js'
import { testConfig } from './app.js'
import type { LogCapture } from './log-capture.js'

/** The app on a real database with the demo seed, optional port overrides and a log capture, ready. */
export async function buildRegistryServer(
  databaseUrl: string,
  options: { env?: Record<string, string>; ports?: Partial<Ports>; logs?: LogCapture } = {},
): Promise<FastifyInstance> {
  const config = testConfig(databaseUrl, { RATE_LIMIT_MAX: '10000', DEMO_SEED: 'true', ...options.env })
  const server = await buildServer(
    { config, databaseUrl, ...(options.ports ? { ports: options.ports } : {}) },
    options.logs ? { logStream: options.logs } : {},
  )
  await server.ready()
  return server
}

/** A fresh API key of that scope, as `Authorization` header value. */
export async function bearer(server: FastifyInstance, scope: Scope, label = 'test'): Promise<string> {
  const { key } = await createApiKey(server.db, { scope, label })
  return `Bearer ${key}`
}

/** The demo editor of the sandbox (DataPass's service provider). */
export const demoEditorSiret = '99900000100019'
/** Another (Luhn-valid) editor. */
export const otherEditorSiret = '99900000200017'
