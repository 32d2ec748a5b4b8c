// The load driver (runs in the bench process): whole citizen journeys over loopback HTTP with the
// cookie-jar Browser of @qf/testing, each API step timed on its own. With several instances, the
// steps of one journey go to different instances (step s of journey n → instance (n + s) mod N).
import { performance } from 'node:perf_hooks'
import { Browser, MAJASTRES, SPA_ORIGIN } from '@qf/testing'
import type { PgCounter } from './pg-counter.js'

/** The API steps of a journey, in order (`franceconnect` is the sandbox's pages, not an API step). */
export const apiSteps = ['landing', 'login', 'callback', 'review', 'submission'] as const
export type Step = (typeof apiSteps)[number] | 'franceconnect'

export interface Target {
  /** Instances serving the same public URL (one database). */
  instances: string[]
  /** The public URL the API builds its links with (FranceConnect comes back there). */
  publicUrl: string
  /** Whether the journey ends with the submission (the route exists). */
  submission: boolean
  /** The collectivity the citizens land on. */
  siret?: string
}

export interface PhaseResult {
  journeys: number
  failures: number
  failureSamples: string[]
  elapsedMs: number
  durations: Map<Step, number[]>
}

const logins = ['test', 'avec_nom_dusage', 'test_CINDY', 'yogo', 'sans_nom_dusage']
const TIMEOUT_MS = 15_000

function onInstance(url: string | URL, instance: string): URL {
  const u = new URL(url)
  const base = new URL(instance)
  u.protocol = base.protocol
  u.host = base.host
  return u
}

async function journey(
  target: Target,
  n: number,
  record: (step: Step, ms: number) => void,
  counter?: PgCounter,
) {
  const browser = new Browser(SPA_ORIGIN)
  const at = (s: number) => target.instances[(n + s) % target.instances.length] ?? target.publicUrl
  const signal = () => AbortSignal.timeout(TIMEOUT_MS)
  const timed = async <T>(step: Step, run: () => Promise<T>): Promise<T> => {
    if (counter) counter.step = step
    const started = performance.now()
    try {
      return await run()
    } finally {
      record(step, performance.now() - started)
      if (counter) counter.step = null
    }
  }

  const created = await timed('landing', async () => {
    const res = await browser.fetch(`${at(0)}/api/v1/sessions`, {
      method: 'POST',
      json: { siret: target.siret ?? MAJASTRES },
      signal: signal(),
    })
    if (res.status !== 201) throw new Error(`landing ${res.status}`)
    return (await res.json()) as { loginUrl: string }
  })
  const authorize = await timed('login', async () => {
    const res = await browser.fetch(onInstance(created.loginUrl, at(1)), { signal: signal() })
    await res.arrayBuffer()
    const location = res.headers.get('location')
    if (res.status !== 302 || !location) throw new Error(`login ${res.status}`)
    return new URL(location)
  })
  const callbackPrefix = `${target.publicUrl}/api/v1/auth/franceconnect/callback`
  const callback = await timed('franceconnect', async () => {
    const page = await browser.follow(authorize, (u) => u.pathname.includes('/interaction/'))
    const html = await (await browser.fetch(page, { signal: signal() })).text()
    if (!html.includes('<form')) throw new Error('no FranceConnect form')
    const res = await browser.fetch(page, {
      method: 'POST',
      body: new URLSearchParams({ login: logins[n % logins.length] ?? 'test' }),
      signal: signal(),
    })
    await res.arrayBuffer()
    return browser.follow(new URL(res.headers.get('location') ?? '', page), (u) =>
      u.href.startsWith(callbackPrefix),
    )
  })
  await timed('callback', async () => {
    const res = await browser.fetch(onInstance(callback, at(2)), { signal: signal() })
    await res.arrayBuffer()
    const location = res.headers.get('location') ?? ''
    if (res.status !== 302 || !location.endsWith('/envoyer_mes_donnees'))
      throw new Error(`callback ${res.status} → ${location.replace(/[?#].*/, '')}`)
  })
  await timed('review', async () => {
    const res = await browser.fetch(`${at(3)}/api/v1/sessions/current`, { signal: signal() })
    const body = (await res.json()) as { quotientFamilial?: unknown }
    if (res.status !== 200 || !body.quotientFamilial) throw new Error(`review ${res.status}`)
  })
  if (target.submission)
    await timed('submission', async () => {
      const res = await browser.fetch(`${at(4)}/api/v1/sessions/current/submission`, {
        method: 'POST',
        json: { consent: true },
        signal: signal(),
      })
      const body = (await res.json()) as { reference?: unknown }
      if (res.status !== 202 || typeof body.reference !== 'string')
        throw new Error(`submission ${res.status}`)
    })
}

/** `journeys` journeys, `concurrency` at a time, stopped at `deadlineMs` (what did not start is not run). */
export async function runPhase(
  target: Target,
  options: {
    journeys: number
    concurrency: number
    deadlineMs: number
    counter?: PgCounter
    offset?: number
  },
): Promise<PhaseResult> {
  const durations = new Map<Step, number[]>()
  const record = (step: Step, ms: number) => {
    const list = durations.get(step) ?? []
    list.push(ms)
    durations.set(step, list)
  }
  let next = 0
  let done = 0
  let failures = 0
  const failureSamples: string[] = []
  const started = performance.now()
  const stopAt = started + options.deadlineMs
  async function worker() {
    while (next < options.journeys && performance.now() < stopAt) {
      const n = (options.offset ?? 0) + next++
      try {
        await journey(target, n, record, options.counter)
      } catch (err) {
        failures++
        if (failureSamples.length < 5) failureSamples.push(err instanceof Error ? err.message : String(err))
      }
      done++
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, () => worker()))
  return { journeys: done, failures, failureSamples, elapsedMs: performance.now() - started, durations }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}
