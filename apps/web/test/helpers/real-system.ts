import { startSandbox, type Sandbox } from '@qf/sandbox'
import { freePort, HubeeClient, PORTAL_ORIGIN, startJourneyWorld, type JourneyWorld } from '@qf/testing'
import { inProcessApi } from '../../../api/src/in-process.js'
import { startDistServer, type DistServer } from '../../scripts/serve-dist.js'

/**
 * The whole service as citizens reach it, for browser tests: the SPA's production build served by
 * scripts/serve-dist.ts (as the nginx image: same origin, the API paths forwarded), the real API
 * in-process (`apps/api/src/in-process.ts`: configuration from an environment, migrations, the app with
 * its real adapters and jobs) on a fresh database (Postgres of DATABASE_URL, else an embedded PGlite),
 * and the sandbox's stand-ins over HTTP (FranceConnect with this SPA's callback registered, API
 * Particulier, HubEE). Nothing is faked: the browser goes through FranceConnect's stand-in pages.
 */
export interface RealSystem {
  /** The SPA's origin, e.g. http://localhost:41234 (the API behind it under /api). */
  url: string
  world: JourneyWorld<Sandbox>
  spa: DistServer
  close(): Promise<void>
}

export async function startRealSystem(
  distDir: string,
  /** More API variables (e.g. a shortened `SESSION_IDLE_SECONDS`). */
  env: Record<string, string> = {},
): Promise<RealSystem> {
  const port = await freePort()
  const url = `http://localhost:${port}`
  const world = await startJourneyWorld({
    api: inProcessApi,
    startSandbox,
    publicUrl: url,
    env: {
      WEB_PUBLIC_URL: url,
      CORS_ORIGINS: `${url},${PORTAL_ORIGIN}`,
      DELIVERY_RETRY_DELAY_SECONDS: '1',
      ...env,
    },
  })
  const spa = await startDistServer({ root: distDir, port, host: '127.0.0.1', apiUrl: world.apiUrl })
  return {
    url,
    world,
    spa,
    async close() {
      await spa.close()
      await world.close()
    },
  }
}

/** A collectivity's software reading HubEE as the sandbox's subscribed SI (`SI-<SIRET>-<COG>`). */
export function collectivitySoftware(sandboxUrl: string, siret: string, cog: string) {
  const client = new HubeeClient(sandboxUrl)
  const token = () => client.token(`SI-${siret}-${cog}`, 'sandbox-secret', 'SI')
  return {
    /** The externalIds of the cases this collectivity has been notified of. */
    async caseExternalIds(): Promise<string[]> {
      const bearer = await token()
      const answer = await client.call(bearer, 'GET', '/teledossiers/v1/notifications?maxResult=100')
      if (answer.status !== 200) throw new Error(`notifications answered ${answer.status}`)
      const notifications = Array.isArray(answer.json) ? answer.json : []
      const ids: string[] = []
      for (const notification of notifications) {
        const caseId: unknown =
          typeof notification === 'object' && notification !== null && 'caseId' in notification
            ? notification.caseId
            : undefined
        if (typeof caseId !== 'string') continue
        const kase = await client.call(bearer, 'GET', `/teledossiers/v1/cases/${caseId}`)
        const externalId: unknown =
          typeof kase.json === 'object' && kase.json !== null && 'externalId' in kase.json
            ? kase.json.externalId
            : undefined
        if (typeof externalId === 'string') ids.push(externalId)
      }
      return ids
    },
  }
}
