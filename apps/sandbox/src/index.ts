import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FaultInjector, type FaultSetting } from './core/faults.js'
import { type FaultFamily, faultFamilies, type StandIn, type StandInContext } from './core/stand-in.js'
import { createFranceConnectStandIn, type FranceConnectClient } from './franceconnect/index.js'
import { type ApiParticulierStandInOptions, createApiParticulierStandIn } from './api-particulier/index.js'
import { createHubeeStandIn, type HubeeStandIn, type HubeeStandInOptions } from './hubee/index.js'
import { createInseeStandIn } from './insee/index.js'
import { franceConnectDemoClient } from './seed.js'

export * from './seed.js'
export { demoEditorApiParticulier } from './api-particulier/editor-tokens.js'
export * from './datapass/approve-event.js'
export type { FaultSetting } from './core/faults.js'
export type { FaultFamily } from './core/stand-in.js'
export type { FranceConnectClient } from './franceconnect/index.js'
export type { ApiParticulierStandInOptions } from './api-particulier/index.js'
export { createHubeeStandIn, type HubeeStandIn, type HubeeStandInOptions } from './hubee/index.js'
export { serveStandIn, type ServedStandIn } from './core/serve-stand-in.js'
export { demoClientEncryption } from './franceconnect/keys.js'

export interface SandboxOptions {
  /** Port to listen on; 0 picks a free one (tests). Default 4000. */
  port?: number
  host?: string
  /** Public base URL; defaults to `http://localhost:<port>`. */
  publicUrl?: string
  /** Seed the demo world (collectivities, tokens, subscriptions). Default true. */
  seed?: boolean
  /** FranceConnect relying parties to register, in addition to the demo client. */
  franceConnectClients?: FranceConnectClient[]
  /** Encryption enabled for the demo client (JWE id_token and userinfo); the server reads it from the environment. */
  franceConnectDemoClientEncryption?: FranceConnectClient['encryption']
  /** HubEE stand-in options (token lifetime, clock: tests move it to expire tokens). */
  hubee?: HubeeStandInOptions
  /** API Particulier stand-in options (the collectivities' habilitations: which data they may read). */
  apiParticulier?: ApiParticulierStandInOptions
}

export interface Sandbox {
  url: string
  port: number
  faults: FaultInjector
  close(): Promise<void>
}

const listen = (server: Server, port: number, host: string) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port))
  })

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text ? JSON.parse(text) : {}
}

/**
 * Admin endpoint of the sandbox (not part of any real system): fault settings per route family.
 * GET /__admin/faults, PUT /__admin/faults/<family> (partial FaultSetting), DELETE /__admin/faults[/<family>].
 * POST /__admin/hubee/subscriptions/<SIRET>/activate (or `/deactivate`), `?process=<code>` (default
 * `FormulaireQF`): what HubEE's staff do by hand since July 2026 (the organization's subscription to
 * that process becomes `Actif`, or `Inactif`).
 */
async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  faults: FaultInjector,
  hubee: HubeeStandIn | undefined,
) {
  const url = new URL(req.url ?? '/', 'http://sandbox')
  const [, , resource, family, siret, action] = url.pathname.split('/')
  if (
    resource === 'hubee' &&
    family === 'subscriptions' &&
    (action === 'activate' || action === 'deactivate')
  ) {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method_not_allowed' })
    const status = action === 'activate' ? 'Actif' : 'Inactif'
    const processCode = url.searchParams.get('process') ?? 'FormulaireQF'
    const activated = hubee?.referential.setSubscriptionStatus(siret ?? '', processCode, status)
    return activated
      ? sendJson(res, 200, activated)
      : sendJson(res, 404, { error: 'no_subscription', siret: siret ?? null })
  }
  if (resource !== 'faults') return sendJson(res, 404, { error: 'not_found' })
  if (family && !faultFamilies.includes(family as FaultFamily))
    return sendJson(res, 404, { error: 'unknown_family', families: faultFamilies })
  if (req.method === 'GET')
    return sendJson(res, 200, family ? faults.get(family as FaultFamily) : faults.all())
  if (req.method === 'DELETE') {
    faults.reset(family as FaultFamily | undefined)
    return sendJson(res, 200, faults.all())
  }
  if (req.method === 'PUT' && family) {
    let body: unknown
    try {
      body = await readJson(req)
    } catch {
      return sendJson(res, 400, { error: 'invalid_json' })
    }
    const patch = parseFaultPatch(body)
    if (typeof patch === 'string') return sendJson(res, 400, { error: 'invalid_setting', detail: patch })
    return sendJson(res, 200, faults.set(family as FaultFamily, patch))
  }
  return sendJson(res, 405, { error: 'method_not_allowed' })
}

function parseFaultPatch(body: unknown): Partial<FaultSetting> | string {
  if (typeof body !== 'object' || body === null) return 'body must be an object'
  const b = body as Record<string, unknown>
  const out: Partial<FaultSetting> = {}
  if ('latencyMs' in b) {
    if (typeof b.latencyMs !== 'number' || b.latencyMs < 0 || b.latencyMs > 120_000)
      return 'latencyMs: 0..120000'
    out.latencyMs = b.latencyMs
  }
  if ('failureRate' in b) {
    if (typeof b.failureRate !== 'number' || b.failureRate < 0 || b.failureRate > 1)
      return 'failureRate: 0..1'
    out.failureRate = b.failureRate
  }
  if ('failureMode' in b) {
    if (b.failureMode !== '5xx' && b.failureMode !== 'reset') return "failureMode: '5xx' | 'reset'"
    out.failureMode = b.failureMode
  }
  if ('failureStatus' in b) {
    if (typeof b.failureStatus !== 'number' || b.failureStatus < 500 || b.failureStatus > 599)
      return 'failureStatus: 500..599'
    out.failureStatus = b.failureStatus
  }
  if ('outage' in b) {
    if (typeof b.outage !== 'boolean') return 'outage: boolean'
    out.outage = b.outage
  }
  if ('refuseDeposits' in b) {
    if (typeof b.refuseDeposits !== 'boolean') return 'refuseDeposits: boolean'
    out.refuseDeposits = b.refuseDeposits
  }
  return out
}

/** Starts every stand-in behind one HTTP server, one path prefix per outside system. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1'
  const faults = new FaultInjector()
  let standIns: StandIn[] = []
  let hubee: HubeeStandIn | undefined
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (path.startsWith('/__admin/')) {
      handleAdmin(req, res, faults, hubee).catch(() => sendJson(res, 500, { error: 'admin_failed' }))
      return
    }
    const standIn = standIns.find((s) => s.prefixes.some((p) => path === p || path.startsWith(`${p}/`)))
    if (!standIn) {
      if (path === '/')
        return sendJson(res, 200, {
          name: 'Formulaire QF sandbox',
          standIns: standIns.map((s) => ({ family: s.family, prefixes: s.prefixes })),
        })
      return sendJson(res, 404, { error: 'not_found' })
    }
    faults
      .apply(standIn.family, req, res)
      .then((answered) => {
        if (!answered) standIn.handle(req, res)
      })
      .catch(() => sendJson(res, 500, { error: 'sandbox_failed' }))
  })
  const port = await listen(server, options.port ?? 4000, host)
  const publicUrl = (options.publicUrl ?? `http://localhost:${port}`).replace(/\/$/, '')
  const ctx: StandInContext = { publicUrl, seed: options.seed ?? true }
  standIns = [
    await createFranceConnectStandIn(ctx, {
      clients: [
        {
          clientId: franceConnectDemoClient.clientId,
          clientSecret: franceConnectDemoClient.clientSecret,
          redirectUris: [...franceConnectDemoClient.redirectUris],
          postLogoutRedirectUris: [...franceConnectDemoClient.postLogoutRedirectUris],
          ...(options.franceConnectDemoClientEncryption
            ? { encryption: options.franceConnectDemoClientEncryption }
            : {}),
        },
        ...(options.franceConnectClients ?? []),
      ],
    }),
    await createApiParticulierStandIn(ctx, options.apiParticulier),
    (hubee = createHubeeStandIn(ctx, {
      ...options.hubee,
      refusesDeposits: () => faults.get('hubee').refuseDeposits,
    })),
    await createInseeStandIn(ctx),
  ]
  return {
    url: publicUrl,
    port,
    faults,
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
      await Promise.all(standIns.map((s) => s.close()))
    },
  }
}
