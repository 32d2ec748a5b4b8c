import { startSandbox, type Sandbox, type SandboxOptions } from '@qf/sandbox'
import { startJourneyWorld, fullLogin, MAJASTRES, type JourneyWorld } from '@qf/testing'
import type { FastifyInstance } from 'fastify'
import { vi } from 'vitest'
import { UndiciHubee } from '../../src/adapters/hubee/undici-hubee.js'
import { createDb, type Db } from '../../src/db/connection.js'
import { inProcessApi } from '../../src/in-process.js'
import type { DossierHub } from '../../src/ports/dossier-hub.js'
import type { Ports } from '../../src/ports.js'
import { majastres, sandboxRecipient, type HubRecipientSide } from '../contracts/hub-worlds.js'
import { LogCapture } from '../helpers/log-capture.js'
import { intercept, type Interceptor } from './hub-helpers.js'

export interface SubmissionWorld {
  world: JourneyWorld<Sandbox>
  /** The API instances' Fastify apps (to enqueue a job on demand, read /metrics). */
  servers: FastifyInstance[]
  logs: LogCapture
  /** A direct connection to the world's database (to read the traces as stored). */
  db: Db
  /** The form's own HubEE client (OSL) on the world's sandbox. */
  osl: DossierHub
  /** Majastres' software (SI) on the world's sandbox. */
  si: HubRecipientSide
  /** What the API's hub calls go through (set `interceptor.current` to break a call). */
  interceptor: { current: Interceptor }
  /**
   * Stops every API instance and starts them again on the same ports, the same database and the same
   * adapters, with these variables on top of the world's (e.g. another key): a redeploy.
   */
  restart(env: Record<string, string>): Promise<void>
  close(): Promise<void>
}

const hubOn = (sandboxUrl: string) =>
  new UndiciHubee({
    apiUrl: `${sandboxUrl}/hubee`,
    tokenUrl: `${sandboxUrl}/hubee-auth/oauth2/token`,
    clientId: 'formulaire-qf-osl',
    clientSecret: 'sandbox-osl-secret',
    timeoutMs: 5_000,
    softwareVersion: 'test',
  })

/**
 * The journey world with the real delivery: the API's HubEE adapter (undici) on the sandbox, behind
 * an interceptor the tests may arm; logs captured at `info`; retries one second apart.
 */
export async function startSubmissionWorld(
  options: {
    instances?: number
    ports?: Partial<Ports>
    env?: Record<string, string>
    /** Sandbox options added to the world's (e.g. a collectivity's narrower habilitation). */
    sandbox?: Pick<SandboxOptions, 'apiParticulier'>
  } = {},
): Promise<SubmissionWorld> {
  const servers: FastifyInstance[] = []
  const logs = new LogCapture()
  const interceptor: { current: Interceptor } = { current: {} }
  // The sandbox's URL is known once the world starts it: the API's hub is bound then.
  const slot: { hub?: DossierHub } = {}
  const deferred = new Proxy({} as DossierHub, {
    get(_target, property) {
      if (property === 'then') return undefined
      return (...args: unknown[]) => {
        if (!slot.hub) throw new Error('hub not bound yet')
        const value: unknown = Reflect.get(slot.hub, property)
        if (typeof value !== 'function') throw new Error(`hub has no method ${String(property)}`)
        return (value as (...a: unknown[]) => unknown).apply(slot.hub, args)
      }
    },
  })
  const api = {
    ...inProcessApi,
    async listen(o: Parameters<typeof inProcessApi.listen>[0]) {
      const started = await inProcessApi.listen(o)
      servers.push(started.server)
      return started
    },
  }
  let real: UndiciHubee | undefined
  const world = await startJourneyWorld({
    api,
    startSandbox: async (o) => {
      const sandbox = await startSandbox({ ...o, ...options.sandbox })
      real = hubOn(sandbox.url)
      slot.hub = intercept(real, {
        before: (method, args, nth) => interceptor.current.before?.(method, args, nth),
        after: (method, result, nth) => interceptor.current.after?.(method, result, nth),
      })
      return sandbox
    },
    instances: options.instances ?? 1,
    overrides: { dossierHub: deferred, ...options.ports },
    env: {
      LOG_LEVEL: 'info',
      DELIVERY_RETRY_DELAY_SECONDS: '1',
      HUBEE_TIMEOUT_MS: '3000',
      ...options.env,
    },
    logStream: logs,
  })
  const db = createDb(world.database.url, 2)
  const osl = hubOn(world.sandbox.url)
  return {
    world,
    servers,
    logs,
    db,
    osl,
    si: sandboxRecipient(world.sandbox.url, majastres),
    interceptor,
    async restart(env) {
      for (const instance of world.instances) await instance.close()
      servers.length = 0
      for (const [i, instance] of world.instances.entries()) {
        const port = Number(new URL(instance.url).port)
        const started = await api.listen({
          env: { ...world.env, ...env },
          databaseUrl: world.database.url,
          port,
          overrides: { dossierHub: deferred, ...options.ports },
          logStream: logs,
        })
        world.instances[i] = { url: instance.url, close: () => started.close() }
      }
    },
    async close() {
      await db.destroy()
      await osl.close()
      await world.close()
      await real?.close()
    },
  }
}

/** A citizen logs in (FranceConnect + QF) and clicks "Transmettre"; returns the browser and the reference. */
export async function loginAndSubmit(
  w: Pick<SubmissionWorld, 'world'>,
  login = 'avec_nom_dusage',
  extra: Record<string, unknown> = {},
  apiUrl = w.world.apiUrl,
) {
  const { browser } = await fullLogin(w.world, MAJASTRES, login, extra)
  const res = await browser.fetch(`${apiUrl}/api/v1/sessions/current/submission`, {
    method: 'POST',
    json: { consent: true },
  })
  if (res.status !== 202) throw new Error(`submission answered ${res.status}: ${await res.text()}`)
  const accepted = (await res.json()) as { reference: string; status: string; submittedAt: string }
  return { browser, ...accepted }
}

/** The trace row as stored. */
export const traceOf = (db: Db, reference: string) =>
  db.selectFrom('submissions').selectAll().where('reference', '=', reference).executeTakeFirst()

/** Waits (up to `timeout` ms) until the trace has one of these statuses; returns it. */
export async function waitForStatus(db: Db, reference: string, statuses: string[], timeout = 30_000) {
  return vi.waitFor(
    async () => {
      const row = await traceOf(db, reference)
      if (!row || !statuses.includes(row.status))
        throw new Error(
          `trace ${reference} is ${row?.status ?? 'missing'}, waiting for ${statuses.join('|')}`,
        )
      return row
    },
    { timeout, interval: 200 },
  )
}

/** The cases of a reference that reached Majastres (one notification per completed folder's case). */
export async function casesOf(w: Pick<SubmissionWorld, 'si'>, reference: string): Promise<string[]> {
  const cases: string[] = []
  for (const n of await w.si.notifications()) {
    if (n.eventId !== null || !n.caseId) continue
    if ((await w.si.readCase(n.caseId)).externalId === `Formulaire-QF-${reference}-01`) cases.push(n.caseId)
  }
  return cases
}

/** The log lines of one reference with this message. */
export const logLinesOf = (logs: LogCapture, reference: string, msg: string) =>
  logs.lines.filter((l) => l.reference === reference && l.msg === msg)

/** The /metrics text of an instance. */
export async function metricsOf(server: FastifyInstance): Promise<string> {
  const res = await server.inject({ method: 'GET', url: '/metrics' })
  return res.body
}

/** The value of one sample in a Prometheus text exposition (0 when absent). */
export function sample(metrics: string, name: string, labels = ''): number {
  const line = metrics
    .split('\n')
    .find((l) => l.startsWith(`${name}${labels} `) || l.startsWith(`${name}${labels}{`))
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0
}
