import { stringify } from 'yaml'
import { buildServer } from './build-server.js'
import { loadConfig } from './config/load.js'

/**
 * The OpenAPI document as the code generates it, independent of the machine: the demo
 * configuration (public URL http://localhost:3000) and no database connection is opened.
 */
export async function generateOpenApiDocument(): Promise<Record<string, unknown>> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' })
  const server = await buildServer({
    config,
    databaseUrl: 'postgres://openapi@127.0.0.1:1/none',
    backgroundJobs: false,
  })
  try {
    await server.ready()
    return server.swagger() as unknown as Record<string, unknown>
  } finally {
    await server.close()
  }
}

export const toYaml = (doc: Record<string, unknown>) =>
  `# Generated from the route schemas by \`pnpm openapi:write\`. Do not edit by hand: a test compares it.\n${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })}`
