import { createServer } from 'node:net'
import { Browser } from './browser.js'
import { createTestDatabase, type DatabaseSetup, type TestDatabase } from './database.js'

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

/** A FranceConnect relying party registered at the stand-in. */
export interface RelyingParty {
  clientId: string
  clientSecret: string
  redirectUris: string[]
  postLogoutRedirectUris: string[]
}

/** The sandbox, as the world needs it (`startSandbox` of `@qf/sandbox`, passed in: no dependency on it). */
export interface SandboxLike {
  url: string
  close(): Promise<void>
}
export type StartSandbox<S extends SandboxLike> = (options: {
  port: number
  franceConnectClients: RelyingParty[]
}) => Promise<S>

/** Where API instances write their log lines (tests capture them to check what is logged). */
export interface LogStream {
  write(line: string): unknown
}

/** The API run in-process: how to migrate and seed its database and start an instance. */
export interface InProcessApi<Overrides> extends DatabaseSetup {
  seedDemo(databaseUrl: string): Promise<unknown>
  listen(options: {
    env: Record<string, string>
    databaseUrl: string
    port: number
    overrides?: Overrides | undefined
    logStream?: LogStream | undefined
  }): Promise<{ close(): Promise<void> }>
}

export interface JourneyWorld<S extends SandboxLike = SandboxLike> {
  sandbox: S
  database: TestDatabase
  apiUrl: string
  /** The API instances listening (several share one database and one public URL). */
  instances: { url: string; close(): Promise<void> }[]
  /** The environment the instances were started with (to start one again, e.g. with other keys). */
  env: Record<string, string>
  close(): Promise<void>
}

/**
 * The whole system over real HTTP: the sandbox's stand-ins, a migrated database seeded with the demo
 * collectivities, and `instances` API processes-in-process sharing it, registered at the
 * FranceConnect stand-in with their public URL.
 */
export async function startJourneyWorld<S extends SandboxLike, Overrides>(options: {
  api: InProcessApi<Overrides>
  startSandbox: StartSandbox<S>
  instances?: number
  overrides?: Overrides
  /** Variables on top of the world's own (e.g. `LOG_LEVEL`). */
  env?: Record<string, string>
  /** Where the API instances write their log lines. */
  logStream?: LogStream
  /** An embedded PGlite even when DATABASE_URL names a server. */
  embedded?: boolean
  /**
   * Where browsers reach the API, when a front proxy forwards its paths (the SPA's server, as the
   * nginx image does): its `API_PUBLIC_URL`, and the callback registered at FranceConnect. Default:
   * the first instance's own URL.
   */
  publicUrl?: string
}): Promise<JourneyWorld<S>> {
  const { api } = options
  const database = await createTestDatabase(api, { embedded: options.embedded ?? false })
  await api.seedDemo(database.url)
  const ports = await Promise.all(Array.from({ length: options.instances ?? 1 }, () => freePort()))
  const apiUrl = `http://localhost:${ports[0]}`
  const publicUrl = options.publicUrl ?? apiUrl
  const client = { clientId: 'qf-test', clientSecret: 'qf-test-secret-0123456789abcdefghij' }
  const sandbox = await options.startSandbox({
    port: 0,
    franceConnectClients: [
      {
        ...client,
        redirectUris: [`${publicUrl}/api/v1/auth/franceconnect/callback`],
        postLogoutRedirectUris: [`${publicUrl}/api/v1/auth/franceconnect/logout-callback`],
      },
    ],
  })
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    API_PUBLIC_URL: publicUrl,
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
    const instance = await api.listen({
      env,
      databaseUrl: database.url,
      port,
      overrides: options.overrides,
      logStream: options.logStream,
    })
    instances.push({ url: `http://localhost:${port}`, close: () => instance.close() })
  }
  return {
    sandbox,
    database,
    apiUrl,
    instances,
    env,
    async close() {
      for (const i of instances) await i.close()
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
  world: Pick<JourneyWorld, 'apiUrl'>,
  body: Record<string, unknown>,
  browser = new Browser(SPA_ORIGIN),
): Promise<LandingResult> {
  const res = await browser.fetch(`${world.apiUrl}/api/v1/sessions`, { method: 'POST', json: body })
  if (res.status !== 201) throw new Error(`createSession answered ${res.status}: ${await res.text()}`)
  return { browser, created: (await res.json()) as LandingResult['created'] }
}

/** From the login URL through the FranceConnect stand-in's page to our callback URL (not fetched). */
export async function loginAtFranceConnect(
  world: Pick<JourneyWorld, 'apiUrl'>,
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
  world: Pick<JourneyWorld, 'apiUrl'>,
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
  world: Pick<JourneyWorld, 'apiUrl'>,
  browser: Browser,
  headers: Record<string, string> = {},
) {
  const res = await browser.fetch(`${world.apiUrl}/api/v1/sessions/current`, { headers })
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { [k: string]: unknown },
  }
}
