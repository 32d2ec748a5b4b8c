// Journey benchmark (issue 13): the API, the sandbox and the load driver in separate processes, the
// floor (bench/floor/server.ts) driven by the same load in the same run, and two API instances on one
// Postgres. Run: `pnpm bench` (needs DATABASE_URL, a Postgres server: a fresh database per run).
// Bounded: JOURNEYS per phase (default 300) at CONCURRENCY (default 16), LATENCY_CONCURRENCY (64)
// for the latency phase, each phase stopped after PHASE_TIMEOUT_S (120). BENCH_CPU_PROF=1 writes a
// CPU profile of the (single-instance) API to .tmp/bench/. Prints the figures; exit 1 on any failed step.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import pg from 'pg'
import { HAUTELUCE, HubeeClient, MAJASTRES } from '@qf/testing'
import { apiSteps, percentile, runPhase, type PhaseResult, type Step, type Target } from './lib/driver.js'
import { PgCounter } from './lib/pg-counter.js'
import { summariseProfile } from './lib/profile.js'
import {
  firstLine,
  freePort,
  procCpuMs,
  procMemory,
  sampleRss,
  scrapeMetrics,
  spawnChild,
  stopAll,
  waitReady,
  type Child,
} from './lib/processes.js'

const root = resolve(import.meta.dirname, '..')
const out = resolve(root, '.tmp/bench')
mkdirSync(out, { recursive: true })
const journeys = Number(process.env.JOURNEYS ?? 300)
const concurrency = Number(process.env.CONCURRENCY ?? 16)
const latencyConcurrency = Number(process.env.LATENCY_CONCURRENCY ?? 64)
const phaseTimeoutMs = Number(process.env.PHASE_TIMEOUT_S ?? 120) * 1000
const drainDossiers = Number(process.env.DRAIN_DOSSIERS ?? 5000)
const drainTimeoutMs = Number(process.env.DRAIN_TIMEOUT_S ?? 600) * 1000
const warmup = Number(process.env.WARMUP ?? 150)
const cpuProfile = process.env.BENCH_CPU_PROF === '1'
const baseUrl = process.env.DATABASE_URL
if (!baseUrl) {
  process.stderr.write(
    'pnpm bench needs DATABASE_URL (a Postgres server; the bench creates its own database)\n',
  )
  process.exit(2)
}
const hardStop = setTimeout(() => {
  process.stderr.write('bench: overall time limit reached\n')
  void stopAll().finally(() => process.exit(1))
}, 15 * 60_000)
hardStop.unref()
process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)))

const runStarted = Date.now()
const lines: string[] = []
const say = (line = '') => {
  lines.push(line)
  process.stdout.write(`${line}\n`)
}
const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–')
const mb = (b: number) => (b / 1024 / 1024).toFixed(0)

// --- a fresh database -------------------------------------------------------------------------
const dbName = `qf_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
{
  const admin = new pg.Client({ connectionString: baseUrl })
  await admin.connect()
  await admin.query(`create database ${dbName}`)
  await admin.end()
}
const dbUrl = new URL(baseUrl)
dbUrl.pathname = `/${dbName}`
const databaseUrl = dbUrl.toString()
async function dropDatabase() {
  const admin = new pg.Client({ connectionString: baseUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${dbName} with (force)`)
  await admin.end()
}

// --- ports, the sandbox --------------------------------------------------------------------------
const [sandboxPort, apiPort, apiPort2, floorPort] = await Promise.all([
  freePort(),
  freePort(),
  freePort(),
  freePort(),
])
const apiPublic = `http://127.0.0.1:${apiPort}`
const floorPublic = `http://127.0.0.1:${floorPort}`
const apiClient = { clientId: 'qf-bench', clientSecret: `bench-${randomBytes(16).toString('hex')}` }
const floorClient = { clientId: 'qf-bench-floor', clientSecret: `bench-${randomBytes(16).toString('hex')}` }
const rp = (client: typeof apiClient, base: string) => ({
  ...client,
  redirectUris: [`${base}/api/v1/auth/franceconnect/callback`],
  postLogoutRedirectUris: [`${base}/api/v1/auth/franceconnect/logout-callback`],
})
const sandbox = spawnChild(
  'sandbox',
  process.execPath,
  ['--import', 'tsx', resolve(root, 'bench/sandbox-process.ts')],
  {
    cwd: root,
    env: {
      BENCH_SANDBOX: JSON.stringify({
        port: sandboxPort,
        franceConnectClients: [rp(apiClient, apiPublic), rp(floorClient, floorPublic)],
      }),
    },
    logFile: resolve(out, 'sandbox.log'),
    stdout: 'pipe',
  },
)
const { url: sandboxUrl } = await firstLine<{ url: string }>(sandbox)

// --- the API (its built bundle) -------------------------------------------------------------------
if (process.env.BENCH_NO_BUILD !== '1')
  execFileSync('pnpm', ['--filter', '@qf/api', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
const metricsToken = randomBytes(32).toString('hex')
const apiEnv = (port: number, database: string, work = false): Record<string, string> => ({
  NODE_ENV: 'development',
  // Journey phases: instances that serve and enqueue only; the drain phase starts a worker instance.
  JOBS_WORK: String(work),
  LOG_LEVEL: 'info',
  HOST: '127.0.0.1',
  PORT: String(port),
  DATABASE_URL: database,
  API_PUBLIC_URL: apiPublic,
  WEB_PUBLIC_URL: 'http://localhost:5173',
  CORS_ORIGINS: 'http://localhost:5173',
  RATE_LIMIT_MAX: '1000000',
  METRICS_TOKEN: metricsToken,
  DEMO_SEED: 'true',
  FRANCECONNECT_ISSUER: `${sandboxUrl}/franceconnect/api/v2`,
  FRANCECONNECT_CLIENT_ID: apiClient.clientId,
  FRANCECONNECT_CLIENT_SECRET: apiClient.clientSecret,
  API_PARTICULIER_URL: `${sandboxUrl}/api-particulier`,
  HUBEE_API_URL: `${sandboxUrl}/hubee`,
  HUBEE_TOKEN_URL: `${sandboxUrl}/hubee-auth/oauth2/token`,
  INSEE_API_URL: `${sandboxUrl}/insee/api-sirene/3.11`,
})
const apiDir = resolve(root, 'apps/api')
function startApi(name: string, port: number, database: string, profile = false, work = false): Child {
  const args = profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(out, 'profiles')}`] : []
  return spawnChild(name, process.execPath, [...args, 'dist/server.js'], {
    env: apiEnv(port, database, work),
    cwd: apiDir,
    logFile: resolve(out, `${name}.log`),
  })
}

function startFloor(name: string, database: string): Child {
  return spawnChild(name, process.execPath, ['--import', 'tsx', resolve(root, 'bench/floor/server.ts')], {
    cwd: root,
    env: {
      BENCH_FLOOR: JSON.stringify({
        port: floorPort,
        databaseUrl: database,
        publicUrl: floorPublic,
        issuer: `${sandboxUrl}/franceconnect/api/v2`,
        clientId: floorClient.clientId,
        clientSecret: floorClient.clientSecret,
        apiParticulierUrl: `${sandboxUrl}/api-particulier`,
        frontendUrl: 'http://localhost:5173',
      }),
    },
    logFile: resolve(out, `${name}.log`),
  })
}
const floorCpu = async () => {
  const usage = (await (await fetch(`${floorPublic}/cpu`)).json()) as { user: number; system: number }
  return (usage.user + usage.system) / 1e6
}

/** Whether this build has the submission route (journey part 2). */
async function hasSubmission(url: string): Promise<boolean> {
  const doc = (await (await fetch(`${url}/openapi.json`)).json()) as { paths?: Record<string, unknown> }
  return Boolean(doc.paths?.['/api/v1/sessions/current/submission'])
}

// --- figures ----------------------------------------------------------------------------------------
interface Measured {
  phase: PhaseResult
  cpuMsPerJourney: number
  procCpuMsPerJourney: number
  peakRss: number
  sandboxCpuMsPerJourney: number
}

async function measure(
  name: string,
  target: Target,
  procs: Child[],
  cpu: () => Promise<number>,
  opts: { concurrency: number; offset: number },
): Promise<Measured> {
  const cpuBefore = await cpu()
  const procBefore = procs.reduce((sum, p) => sum + procCpuMs(p.pid), 0)
  const sandboxBefore = procCpuMs(sandbox.pid)
  const rss = sampleRss(procs.map((p) => p.pid))
  const phase = await runPhase(target, {
    journeys,
    concurrency: opts.concurrency,
    deadlineMs: phaseTimeoutMs,
    offset: opts.offset,
  })
  const peaks = rss.stop()
  const cpuAfter = await cpu()
  const procAfter = procs.reduce((sum, p) => sum + procCpuMs(p.pid), 0)
  const n = Math.max(1, phase.journeys - phase.failures)
  const result: Measured = {
    phase,
    cpuMsPerJourney: ((cpuAfter - cpuBefore) * 1000) / n,
    procCpuMsPerJourney: (procAfter - procBefore) / n,
    peakRss: Math.max(...peaks.values()),
    sandboxCpuMsPerJourney: (procCpuMs(sandbox.pid) - sandboxBefore) / n,
  }
  report(name, result, opts.concurrency)
  return result
}

function report(name: string, m: Measured, c: number) {
  const { phase } = m
  say(`## ${name} — ${phase.journeys} journeys at concurrency ${c}`)
  say(
    `journeys/s ${((phase.journeys * 1000) / phase.elapsedMs).toFixed(1)} · failed ${phase.failures}` +
      (phase.failureSamples.length ? ` (${phase.failureSamples.join('; ')})` : ''),
  )
  say(
    `CPU per journey: ${ms(m.cpuMsPerJourney)} ms (own accounting) · ${ms(m.procCpuMsPerJourney)} ms (/proc) · peak RSS ${mb(m.peakRss)} MB · sandbox ${ms(m.sandboxCpuMsPerJourney)} ms`,
  )
  const steps: Step[] = [...apiSteps.filter((s) => phase.durations.has(s)), 'franceconnect']
  say(
    `latency ms p50/p99: ${steps
      .map(
        (s) =>
          `${s} ${ms(percentile(phase.durations.get(s) ?? [], 50))}/${ms(percentile(phase.durations.get(s) ?? [], 99))}`,
      )
      .join(' · ')}`,
  )
  say()
}

interface DrainResult {
  queued: number
  delivered: number
  failed: number
  elapsedMs: number
  cpuMsPerDossier: number
  peakRss: number
  atHub: number
  duplicates: number
  missing: number
  other: string
}

async function sqlRows<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return (await client.query(text, values)).rows as T[]
  } finally {
    await client.end()
  }
}

const statusCounts = async () => {
  const rows = await sqlRows<{ status: string; n: number }>(
    'select status, count(*)::int as n from submissions where siret = $1 group by status',
    [MAJASTRES],
  )
  return new Map(rows.map((r) => [r.status, r.n]))
}

/** The references of every case the collectivity's SI can see at the sandbox HubEE (its notifications). */
async function referencesAtHub(): Promise<string[]> {
  const hub = new HubeeClient(sandboxUrl)
  const token = await hub.token(`SI-${MAJASTRES}-04107`, 'sandbox-secret', 'SI')
  const list = await hub.call(token, 'GET', '/teledossiers/v1/notifications?maxResult=1000000')
  const caseIds = [...new Set((list.json as { caseId: string }[]).map((n) => n.caseId))]
  const references: string[] = []
  for (let i = 0; i < caseIds.length; i += 32)
    await Promise.all(
      caseIds.slice(i, i + 32).map(async (id) => {
        const c = await hub.call(token, 'GET', `/teledossiers/v1/cases/${id}?lite=true`)
        const external = (c.json as { externalId?: string }).externalId ?? ''
        references.push(/^Formulaire-QF-(.+)-01$/.exec(external)?.[1] ?? external)
      }),
    )
  return references
}

async function deliveryDrain(journeyApi: Child): Promise<DrainResult> {
  // Floor dossiers (Hauteluce) are not the API's: removed with their jobs before the drain.
  await sqlRows(
    "delete from pgboss.job where name = 'deliver-submission' and singleton_key in (select reference from submissions where siret = $1)",
    [HAUTELUCE],
  )
  await sqlRows('delete from submissions where siret = $1', [HAUTELUCE])
  const already = (await statusCounts()).get('queued') ?? 0
  const more = Math.max(0, drainDossiers - already)
  if (more > 0) {
    const fill = await runPhase(
      { instances: [apiPublic], publicUrl: apiPublic, submission: true },
      { journeys: more, concurrency: latencyConcurrency, deadlineMs: drainTimeoutMs, offset: 10_000 },
    )
    say(
      `## Delivery drain — ${already} dossiers queued by the phases above, ${fill.journeys - fill.failures} more by journeys (${((fill.journeys * 1000) / fill.elapsedMs).toFixed(1)} journeys/s, ${fill.failures} failed)`,
    )
    failed += fill.failures
  }
  await journeyApi.stop()
  const queued = (await statusCounts()).get('queued') ?? 0
  const worker = startApi('api-worker', apiPort2, databaseUrl, cpuProfile, true)
  const workerUrl = `http://127.0.0.1:${apiPort2}`
  await waitReady(worker, `${workerUrl}/ready`)
  const rss = sampleRss([worker.pid])
  const cpuBefore = (await scrapeMetrics(workerUrl, metricsToken)).cpuSeconds
  const before = queued - ((await statusCounts()).get('queued') ?? 0)
  const started = performance.now()
  let counts = await statusCounts()
  while ((counts.get('queued') ?? 0) > 0 && performance.now() - started < drainTimeoutMs) {
    await new Promise((r) => setTimeout(r, 250))
    counts = await statusCounts()
  }
  const elapsedMs = performance.now() - started
  const cpuAfter = (await scrapeMetrics(workerUrl, metricsToken)).cpuSeconds
  const peakRss = Math.max(...rss.stop().values())
  const delivered = counts.get('delivered') ?? 0
  await worker.stop()
  const atHub = await referencesAtHub()
  const deliveredRefs = new Set(
    (
      await sqlRows<{ reference: string }>(
        "select reference from submissions where siret = $1 and status = 'delivered'",
        [MAJASTRES],
      )
    ).map((r) => r.reference),
  )
  const hubSet = new Set(atHub)
  return {
    queued,
    delivered,
    failed: counts.get('failed') ?? 0,
    elapsedMs,
    cpuMsPerDossier: ((cpuAfter - cpuBefore) * 1000) / Math.max(1, delivered - before),
    peakRss,
    atHub: atHub.length,
    duplicates: atHub.length - hubSet.size,
    missing: [...deliveredRefs].filter((r) => !hubSet.has(r)).length,
    other: [...counts].map(([k, v]) => `${k} ${v}`).join(', '),
  }
}

let failed = 0
try {
  say(`# pnpm bench — ${new Date().toISOString()} · node ${process.version} · ${dbName}`)
  say()
  // Boot on a fresh database (migrations + demo seed included).
  const api = startApi('api', apiPort, databaseUrl, cpuProfile)
  const bootFresh = await waitReady(api, `${apiPublic}/ready`)
  const idleRss = procMemory(api.pid).rss
  const submission = await hasSubmission(apiPublic)
  const apiTarget: Target = { instances: [apiPublic], publicUrl: apiPublic, submission }
  const apiCpu = (urls: string[]) => async () =>
    (await Promise.all(urls.map((u) => scrapeMetrics(u, metricsToken)))).reduce((s, m) => s + m.cpuSeconds, 0)

  // Calibration: statements per step, counted on the wire (a second instance behind the counter).
  const counter = new PgCounter({ host: dbUrl.hostname, port: Number(dbUrl.port || 5432) })
  const counterPort = await counter.listen()
  const viaCounter = new URL(databaseUrl)
  viaCounter.host = `127.0.0.1:${counterPort}`
  const calibration = startApi('api-calibration', apiPort2, viaCounter.toString())
  await waitReady(calibration, `http://127.0.0.1:${apiPort2}/ready`)
  const calTarget: Target = { instances: [`http://127.0.0.1:${apiPort2}`], publicUrl: apiPublic, submission }
  await runPhase(calTarget, { journeys: 3, concurrency: 1, deadlineMs: 30_000, offset: 0, counter })
  counter.reset()
  const cal = await runPhase(calTarget, {
    journeys: 5,
    concurrency: 1,
    deadlineMs: 30_000,
    offset: 3,
    counter,
  })
  await calibration.stop()
  const apiStatements = [...counter.statements]
  const apiCounts = counter.countByStep()
  const calJourneys = cal.journeys - cal.failures
  counter.reset()
  const floorCalibration = startFloor('floor-calibration', viaCounter.toString())
  await waitReady(floorCalibration, `${floorPublic}/ready`)
  const floorTarget: Target = {
    instances: [floorPublic],
    publicUrl: floorPublic,
    submission,
    siret: HAUTELUCE,
  }
  const floorCal = await runPhase(floorTarget, {
    journeys: 5,
    concurrency: 1,
    deadlineMs: 30_000,
    offset: 3,
    counter,
  })
  await floorCalibration.stop()
  const floorCounts = counter.countByStep()
  const floorCalJourneys = floorCal.journeys - floorCal.failures
  if (floorCal.failures) {
    failed++
    say(`floor calibration failed: ${floorCal.failureSamples.slice(0, 1).join('')}`)
  }
  await counter.close()

  say('## SQL statements per journey step (counted on the wire, calibration)')
  for (const step of apiSteps) {
    const n = apiCounts.get(step)
    if (n === undefined) continue
    const f = (floorCounts.get(step) ?? 0) / floorCalJourneys
    const a = n / calJourneys
    say(`${step}: API ${a.toFixed(1)} statements, floor ${f.toFixed(1)}${a === f ? '' : ' (DIFFERENT)'}`)
    if (a !== f) failed++
    const seen = new Set<string>()
    for (const s of apiStatements)
      if (s.step === step && !seen.has(s.sql)) {
        seen.add(s.sql)
        say(`    ${s.sql.length > 160 && !process.env.BENCH_FULL_SQL ? `${s.sql.slice(0, 157)}...` : s.sql}`)
      }
  }
  say()

  // Warm-up then the measured single-instance phase.
  await runPhase(apiTarget, { journeys: warmup, concurrency, deadlineMs: phaseTimeoutMs, offset: 1000 })
  const one = await measure('API, one instance', apiTarget, [api], apiCpu([apiPublic]), {
    concurrency,
    offset: 2000,
  })
  failed += one.phase.failures

  // The floor, same load.
  const floor = startFloor('floor', databaseUrl)
  await waitReady(floor, `${floorPublic}/ready`)
  await runPhase(floorTarget, { journeys: warmup, concurrency, deadlineMs: phaseTimeoutMs, offset: 1000 })
  const bare = await measure('Floor', floorTarget, [floor], floorCpu, { concurrency, offset: 2000 })
  failed += bare.phase.failures
  await floor.stop()

  // Two instances behind the same Postgres, steps of one journey on different instances.
  const api2 = startApi('api-2', apiPort2, databaseUrl)
  const bootMigrated = await waitReady(api2, `http://127.0.0.1:${apiPort2}/ready`)
  const twoTarget: Target = {
    instances: [apiPublic, `http://127.0.0.1:${apiPort2}`],
    publicUrl: apiPublic,
    submission,
  }
  // Each instance gets as much warm-up as the first one had (its JIT starts cold).
  await runPhase(twoTarget, { journeys: 2 * warmup, concurrency, deadlineMs: phaseTimeoutMs, offset: 3000 })
  const two = await measure('API, two instances', twoTarget, [api, api2], apiCpu(twoTarget.instances), {
    concurrency,
    offset: 4000,
  })
  failed += two.phase.failures
  await api2.stop()

  // Latency at high concurrency.
  const high = await measure('API, one instance, latency', apiTarget, [api], apiCpu([apiPublic]), {
    concurrency: latencyConcurrency,
    offset: 5000,
  })
  failed += high.phase.failures

  const hwm = procMemory(api.pid).hwm

  // The delivery drain: DRAIN_DOSSIERS queued dossiers (the journeys' and more), then a worker instance.
  let drain: DrainResult | undefined
  if (submission && drainDossiers > 0) drain = await deliveryDrain(api)
  await api.stop()
  const logLines = readFileSync(resolve(out, 'api.log'), 'utf8').split('\n').filter(Boolean)
  const byMessage = new Map<string, number>()
  for (const line of logLines) {
    let msg = '(not JSON)'
    try {
      msg = String((JSON.parse(line) as { msg?: unknown }).msg)
    } catch {
      // a line that is not pino's
    }
    byMessage.set(msg, (byMessage.get(msg) ?? 0) + 1)
  }

  say('## Summary')
  say(
    `CPU per journey: API ${ms(one.cpuMsPerJourney)} ms · floor ${ms(bare.cpuMsPerJourney)} ms · ratio ${(one.cpuMsPerJourney / bare.cpuMsPerJourney).toFixed(2)}× (target ≤ 1.5× and ≤ 5 ms)`,
  )
  if (drain) {
    say(
      `delivery drain: ${drain.delivered}/${drain.queued} dossiers delivered in ${(drain.elapsedMs / 1000).toFixed(1)} s · ${((drain.delivered * 1000) / drain.elapsedMs).toFixed(1)} dossiers/s · API CPU ${ms(drain.cpuMsPerDossier)} ms per dossier (target ≤ 5 ms) · worker peak RSS ${mb(drain.peakRss)} MB`,
    )
    say(
      `  at the sandbox HubEE (as the SI): ${drain.atHub} folders, ${drain.duplicates} twice, ${drain.missing} missing, ${drain.failed} failed · ${drain.other}`,
    )
    if (drain.duplicates || drain.missing || drain.failed || drain.delivered !== drain.queued) failed++
  }
  say(
    `boot to /ready: ${ms(bootFresh)} ms on a fresh database (migrations, seed) · ${ms(bootMigrated)} ms on a migrated one`,
  )
  say(
    `API RSS ${mb(idleRss)} MB once ready, peak ${mb(Math.max(one.peakRss, high.peakRss))} MB under load (VmHWM ${mb(hwm)} MB)`,
  )
  say(
    `two instances: ${ms(two.cpuMsPerJourney)} ms CPU per journey vs ${ms(one.cpuMsPerJourney)} ms on one (${((two.cpuMsPerJourney / one.cpuMsPerJourney - 1) * 100).toFixed(1)} %)`,
  )
  say(
    `API log: ${logLines.length} lines (${[...byMessage]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([m, n]) => `${n} "${m}"`)
      .join(', ')})`,
  )
  if (cpuProfile) {
    const dir = resolve(out, 'profiles')
    const profiles = readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile') && statSync(resolve(dir, f)).mtimeMs >= runStarted)
      .sort()
    for (const [i, f] of profiles.entries()) {
      say()
      say(
        `CPU profile of the ${i === 0 && profiles.length > 1 ? 'journey API' : profiles.length > 1 ? 'delivery worker' : 'API'} (boot included): .tmp/bench/profiles/${f}`,
      )
      for (const line of summariseProfile(resolve(dir, f))) say(line)
    }
  }
} catch (err) {
  failed++
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
} finally {
  await stopAll()
  await dropDatabase()
}
process.exit(failed === 0 ? 0 : 1)
