import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Value } from '@sinclair/typebox/value'
import { FormulaireQfWebhookEvent } from '@qf/contracts'
import '../formats.js'
import type { KitConfig, SubscriptionConfig } from '../config.js'
import { verifyWebhook } from './signature.js'

const maxBodyBytes = 64 * 1024

/** The event types this version of the kit acts on (the schema's `type` literal). */
const knownEventTypes: readonly string[] = [FormulaireQfWebhookEvent.properties.type.const]

export interface WebhookServerOptions {
  config: KitConfig
  /** What to run for the event's subscription (the CLI: a pull with the inbox handler). */
  onEvent: (event: FormulaireQfWebhookEvent, subscription: SubscriptionConfig) => Promise<void>
  /** Reports each outcome (no personal data: the event carries none). */
  log?: (line: string) => void
  now?: () => number
}

export interface WebhookServer {
  url: string
  port: number
  /** Resolves once every pull started so far has finished. */
  idle(): Promise<void>
  close(): Promise<void>
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > maxBodyBytes) return null
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/**
 * Receives the "new dossier" webhook: checks the signature (with the subscription's secrets and the
 * editor-wide ones), refuses replays (timestamp tolerance, event ids already seen), answers 202 at
 * once and runs a pull of that subscription (one at a time per subscription; an event arriving during
 * a pull schedules one more).
 */
export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const { config } = options
  const log = options.log ?? (() => undefined)
  const now = options.now ?? Date.now
  const tolerance = config.webhook.toleranceSeconds
  /** Event ids seen, with when: kept twice the tolerance (older signatures are refused anyway). */
  const seen = new Map<string, number>()
  const running = new Map<string, Promise<void>>()
  const again = new Set<string>()
  const pending = new Set<Promise<void>>()

  function remember(id: string): boolean {
    const at = now()
    for (const [k, t] of seen) if (at - t > 2 * tolerance * 1000) seen.delete(k)
    if (seen.has(id)) return false
    seen.set(id, at)
    return true
  }

  function schedule(event: FormulaireQfWebhookEvent, subscription: SubscriptionConfig) {
    const key = `${subscription.siret}-${subscription.cog}`
    if (running.has(key)) {
      again.add(key)
      return
    }
    const run = (async () => {
      do {
        again.delete(key)
        try {
          await options.onEvent(event, subscription)
        } catch (error) {
          log(`pull ${key} en échec : ${error instanceof Error ? error.message : String(error)}`)
        }
      } while (again.has(key))
    })().finally(() => {
      running.delete(key)
      pending.delete(run)
    })
    running.set(key, run)
    pending.add(run)
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0]
    if (req.method === 'GET' && path === '/health') return send(res, 200, { status: 'ok' })
    if (path !== config.webhook.path) return send(res, 404, { error: 'not_found' })
    if (req.method !== 'POST') return send(res, 405, { error: 'method_not_allowed' })
    const raw = await readBody(req)
    if (!raw) return send(res, 413, { error: 'body_too_large' })
    let parsed: unknown
    try {
      parsed = JSON.parse(raw.toString('utf8'))
    } catch {
      return send(res, 400, { error: 'invalid_json' })
    }
    const siret = (parsed as { collectivity_siret?: unknown } | null)?.collectivity_siret
    const subscriptions = config.subscriptions.filter((s) => s.siret === siret)
    const secrets = [...config.webhook.secrets, ...subscriptions.flatMap((s) => s.webhookSecrets ?? [])]
    const verified = verifyWebhook(raw, req.headers['x-qf-signature'], secrets, {
      toleranceSeconds: tolerance,
      now: now(),
    })
    if (!verified.ok) {
      log(`webhook refusé : ${verified.reason}`)
      return send(res, 401, { error: verified.reason })
    }
    // A validly signed event the kit cannot act on is acknowledged (2xx) and logged, never refused: a
    // refusal would be retried for 24 h then marked failed at the sender (guide §6 « ignorez les types
    // inconnus »).
    const type = (parsed as { type?: unknown } | null)?.type
    if (typeof type === 'string' && !knownEventTypes.includes(type)) {
      log(`webhook de type inconnu « ${type.slice(0, 64)} » : acquitté, ignoré`)
      return send(res, 202, { status: 'ignored', reason: 'unknown_type' })
    }
    if (!Value.Check(FormulaireQfWebhookEvent, parsed)) return send(res, 400, { error: 'invalid_event' })
    const event = parsed
    const subscription = subscriptions[0]
    if (!subscription) {
      log(
        `webhook ${event.id} pour le SIRET ${event.collectivity_siret}, absent de la configuration (subscriptions) : acquitté, ignoré`,
      )
      return send(res, 202, { status: 'ignored', reason: 'unknown_subscription' })
    }
    if (!remember(event.id)) {
      log(`webhook ${event.id} déjà reçu : ignoré`)
      return send(res, 200, { status: 'duplicate' })
    }
    log(`webhook ${event.id} (${event.type}, ${event.reference}) : pull de ${subscription.siret}`)
    schedule(event, subscription)
    return send(res, 202, { status: 'accepted' })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { error: 'internal' })
      else res.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.webhook.port, config.webhook.host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const host = config.webhook.host.includes(':') ? `[${config.webhook.host}]` : config.webhook.host
  return {
    url: `http://${host}:${port}${config.webhook.path}`,
    port,
    async idle() {
      while (pending.size > 0) await Promise.all([...pending])
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
      while (pending.size > 0) await Promise.all([...pending])
    },
  }
}
