import { createServer } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { startSandbox, type Sandbox } from '@qf/sandbox'
import { buildServer, type ServerOptions } from '../../src/build-server.js'
import type { Ports } from '../../src/app.js'
import { seedDemoCollectivities } from '../../src/modules/collectivities/index.js'
import { createDb } from '../../src/db/connection.js'
import { testConfig } from './app.js'
import { Browser } from './browser.js'
import { createTestDatabase, type TestDatabase } from './database.js'

export const SPA_ORIGIN = 'http://localhost:5173'
/** Stands for a commune's portal: a third-party front end, allowed by the API and by the demo collectivities. */
export const PORTAL_ORIGIN = 'http://localhost:8080'
export const MAJASTRES = '21040107100019'
export const HAUTELUCE = '21730132400018'

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export interface JourneyWorld {
  sandbox: Sandbox
  database: TestDatabase
  apiUrl: string
  /** The API instances listening (several share one database and one public URL). */
  instances: { server: FastifyInstance; url: string }[]
  close(): Promise<void>
}

/**
 * The whole system over real HTTP: the sandbox's stand-ins, a migrated database seeded with the demo
 * collectivities, and `instances` API processes-in-process sharing it, registered at the
 * FranceConnect stand-in with their public URL.
 */
export async function startJourneyWorld(
  options: {
    instances?: number
    ports?: Partial<Ports>
    /** Variables on top of the world's own (e.g. `LOG_LEVEL`). */
    env?: Record<string, string>
    /** Where the API instances write their log lines. */
    logStream?: ServerOptions['logStream']
    /** An embedded PGlite even when DATABASE_URL names a server. */
    embedded?: boolean
  } = {},
): Promise<JourneyWorld> {
  const database = await createTestDatabase({ embedded: options.embedded ?? false })
  const seedDb = createDb(database.url, 1)
  await seedDemoCollectivities(seedDb)
  await seedDb.destroy()
  const ports = await Promise.all(Array.from({ length: options.instances ?? 1 }, () => freePort()))
  const apiUrl = `http://localhost:${ports[0]}`
  const client = { clientId: 'qf-test', clientSecret: 'qf-test-secret-0123456789abcdefghij' }
  const sandbox = await startSandbox({
    port: 0,
    franceConnectClients: [
      {
        ...client,
        redirectUris: [`${apiUrl}/api/v1/auth/franceconnect/callback`],
        postLogoutRedirectUris: [`${apiUrl}/api/v1/auth/franceconnect/logout-callback`],
      },
    ],
  })
  const env = {
    API_PUBLIC_URL: apiUrl,
    WEB_PUBLIC_URL: SPA_ORIGIN,
    CORS_ORIGINS: `${SPA_ORIGIN},${PORTAL_ORIGIN}`,
    RATE_LIMIT_MAX: '10000',
    FRANCECONNECT_ISSUER: `${sandbox.url}/franceconnect/api/v2`,
    FRANCECONNECT_CLIENT_ID: client.clientId,
    FRANCECONNECT_CLIENT_SECRET: client.clientSecret,
    API_PARTICULIER_URL: `${sandbox.url}/api-particulier`,
    HUBEE_API_URL: `${sandbox.url}/hubee`,
    HUBEE_TOKEN_URL: `${sandbox.url}/hubee-auth/oauth2/token`,
    INSEE_API_URL: `${sandbox.url}/insee/api-sirene/3.11`,
    ...options.env,
  }
  const instances: JourneyWorld['instances'] = []
  for (const port of ports) {
    const server = await buildServer(
      {
        config: testConfig(database.url, env),
        databaseUrl: database.url,
        ...(options.ports ? { ports: options.ports } : {}),
      },
      options.logStream ? { logStream: options.logStream } : {},
    )
    await server.listen({ host: '127.0.0.1', port })
    instances.push({ server, url: `http://localhost:${port}` })
  }
  return {
    sandbox,
    database,
    apiUrl,
    instances,
    async close() {
      for (const i of instances) await i.server.close()
      await sandbox.close()
      await database.drop()
    },
  }
}

export interface LandingResult {
  browser: Browser
  created: { id: string; loginUrl: string; collectivity: { siret: string; name: string }; expiresAt: string }
}

/** The citizen lands on the SPA of a collectivity: the SPA opens a session. */
export async function land(
  world: JourneyWorld,
  body: Record<string, unknown>,
  browser = new Browser(SPA_ORIGIN),
): Promise<LandingResult> {
  const res = await browser.fetch(`${world.apiUrl}/api/v1/sessions`, { method: 'POST', json: body })
  if (res.status !== 201) throw new Error(`createSession answered ${res.status}: ${await res.text()}`)
  return { browser, created: (await res.json()) as LandingResult['created'] }
}

/** From the login URL through the FranceConnect stand-in's page to our callback URL (not fetched). */
export async function loginAtFranceConnect(
  world: JourneyWorld,
  browser: Browser,
  loginUrl: string,
  choice: { login: string } | { cancel: true },
): Promise<URL> {
  const callback = `${world.apiUrl}/api/v1/auth/franceconnect/callback`
  const page = await browser.follow(loginUrl, (u) => u.pathname.includes('/interaction/'))
  const html = await (await browser.fetch(page)).text()
  if (!html.includes('<form')) throw new Error('no login form on the FranceConnect page')
  const form: Record<string, string> = 'login' in choice ? { login: choice.login } : { cancel: '1' }
  const res = await browser.fetch(page, { method: 'POST', body: new URLSearchParams(form) })
  await res.arrayBuffer()
  const next = new URL(res.headers.get('location') ?? '', page)
  return browser.follow(next, (u) => u.href.startsWith(callback))
}

/** Opens the callback URL (on `apiUrl`, or another instance); returns where the API sends the browser. */
export async function openCallback(browser: Browser, callbackUrl: URL, apiUrl?: string): Promise<URL> {
  const target = apiUrl ? new URL(callbackUrl.pathname + callbackUrl.search, apiUrl) : callbackUrl
  const res = await browser.fetch(target)
  await res.arrayBuffer()
  if (res.status !== 302) throw new Error(`callback answered ${res.status}`)
  return new URL(res.headers.get('location') ?? '')
}

/** A whole login: landing → FranceConnect → callback; returns the browser and where it was sent. */
export async function fullLogin(
  world: JourneyWorld,
  siret: string,
  login: string,
  extra: Record<string, unknown> = {},
) {
  const { browser, created } = await land(world, { siret, ...extra })
  const callback = await loginAtFranceConnect(world, browser, created.loginUrl, { login })
  const landing = await openCallback(browser, callback)
  return { browser, created, landing }
}

export async function currentSession(
  world: JourneyWorld,
  browser: Browser,
  headers: Record<string, string> = {},
) {
  const res = await browser.fetch(`${world.apiUrl}/api/v1/sessions/current`, { headers })
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { [k: string]: unknown },
  }
}
