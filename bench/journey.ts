// Journey benchmark: full FranceConnect logins (landing → stand-in login page → callback with the
// API Particulier call → review) against the real API and the sandbox over loopback HTTP, on the
// Postgres of DATABASE_URL or an embedded PGlite. Prints throughput, latency percentiles and memory.
// Run: `pnpm bench` (or DATABASE_URL=… pnpm bench). Bounded: JOURNEYS (default 200) at CONCURRENCY (default 4).
import { performance } from 'node:perf_hooks'
import { startSandbox } from '@qf/sandbox'
import { MAJASTRES, currentSession, fullLogin, startJourneyWorld } from '@qf/testing'
import { inProcessApi } from '../apps/api/src/in-process.js'

const total = Number(process.env.JOURNEYS ?? 200)
const concurrency = Number(process.env.CONCURRENCY ?? 4)
const logins = ['test', 'avec_nom_dusage', 'test_CINDY', 'yogo', 'sans_nom_dusage']

const world = await startJourneyWorld({ api: inProcessApi, startSandbox })
const durations: number[] = []
let failures = 0
let next = 0

async function worker() {
  while (next < total) {
    const i = next++
    const started = performance.now()
    try {
      const { browser, landing } = await fullLogin(world, MAJASTRES, logins[i % logins.length] ?? 'test')
      const { status } = await currentSession(world, browser)
      if (status !== 200 || !landing.pathname.endsWith('envoyer_mes_donnees')) failures++
    } catch {
      failures++
    }
    durations.push(performance.now() - started)
  }
}

// Warm-up (discovery, JIT, pools), not counted.
await fullLogin(world, MAJASTRES, 'test')
const rssBefore = process.memoryUsage().rss
const started = performance.now()
await Promise.all(Array.from({ length: concurrency }, () => worker()))
const elapsed = (performance.now() - started) / 1000
const rssAfter = process.memoryUsage().rss
await world.close()

durations.sort((a, b) => a - b)
const pct = (p: number) =>
  durations[Math.min(durations.length - 1, Math.floor((p / 100) * durations.length))] ?? 0
const mb = (b: number) => (b / 1024 / 1024).toFixed(0)
process.stdout.write(
  [
    `journeys: ${total} at concurrency ${concurrency} on ${process.env.DATABASE_URL ? 'Postgres (DATABASE_URL)' : 'embedded PGlite'}`,
    `throughput: ${(total / elapsed).toFixed(1)} journeys/s (${elapsed.toFixed(1)} s)`,
    `latency per journey (6 HTTP round trips + API Particulier): p50 ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms, max ${pct(100).toFixed(0)} ms`,
    `failures: ${failures}`,
    `process RSS (sandbox + API + bench in one process): ${mb(rssBefore)} MB before, ${mb(rssAfter)} MB after`,
    '',
  ].join('\n'),
)
process.exit(failures === 0 ? 0 : 1)
