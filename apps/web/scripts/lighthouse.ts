// `npm run lighthouse`: Lighthouse 12 (mobile: emulated phone, simulated slow 4G and CPU) in Debian's
// Chromium on the SPA's production build, served as in production (scripts/serve-dist.ts: gzip, cache
// headers) with the canned same-origin API of the browser tests for its data. Audits the home, a
// collectivity's landing, the review page (after a login through the canned API) and the
// confirmation page (after a sending), prints the scores, and exits 1 when a page is under the aims
// (performance 95, accessibility 100).
//   CHROME_PATH=/usr/bin/chromium npm run lighthouse
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import lighthouse from 'lighthouse'
import { REFERENCE, SIRET } from '../test/fixtures/journey.js'
import { buildSpa } from '../test/helpers/build-spa.js'
import { createFakeJourneyApi } from '../test/helpers/fake-journey-api.js'
import { startDistServer } from './serve-dist.js'

const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium'
const DEBUGGING_PORT = Number(process.env.LIGHTHOUSE_PORT ?? 9333)
const AIMS = { performance: 95, accessibility: 100 }
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const

async function waitForDevtools(): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${DEBUGGING_PORT}/json/version`)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`Chromium did not open its DevTools port ${DEBUGGING_PORT}`)
}

/** Logs in through the canned API (as the browser would) and returns the session cookie. */
async function authenticatedCookie(base: string): Promise<string> {
  const created = await fetch(`${base}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ siret: SIRET }),
  })
  const cookie = created.headers.get('set-cookie')?.split(';')[0]
  if (!cookie) throw new Error('the canned API gave no session cookie')
  await fetch(`${base}/api/v1/auth/franceconnect/login`, { headers: { cookie }, redirect: 'manual' })
  return cookie
}

/** Logs in and sends (consent given), as the confirmation page needs; returns the session cookie. */
async function submittedCookie(base: string): Promise<string> {
  const cookie = await authenticatedCookie(base)
  const sent = await fetch(`${base}/api/v1/sessions/current/submission`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ consent: true }),
  })
  if (sent.status !== 202) throw new Error(`the canned API refused the sending: ${sent.status}`)
  return cookie
}

const spa = await buildSpa()
const api = createFakeJourneyApi()
const server = await startDistServer({ root: spa.dir, handle: api.handle })
const profile = await mkdtemp(join(tmpdir(), 'qf-lighthouse-'))
const chromium = spawn(
  CHROME_PATH,
  [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--remote-debugging-port=${DEBUGGING_PORT}`,
    `--user-data-dir=${profile}`,
    'about:blank',
  ],
  { stdio: 'ignore' },
)

let failed = false
try {
  await waitForDevtools()
  const cookie = await authenticatedCookie(server.url)
  const sentCookie = await submittedCookie(server.url)
  const pages = [
    { name: 'home', path: '/' },
    { name: 'landing', path: `/collectivites/${SIRET}` },
    { name: 'review', path: `/collectivites/${SIRET}/envoyer_mes_donnees`, headers: { cookie } },
    {
      name: 'confirmation',
      path: `/collectivites/${SIRET}/confirmation/${REFERENCE}`,
      headers: { cookie: sentCookie },
    },
  ]
  process.stdout.write(`Lighthouse (mobile) on the production build, ${server.url}\n\n`)
  process.stdout.write(`${'page'.padEnd(14)}${CATEGORIES.map((c) => c.padStart(16)).join('')}\n`)
  for (const page of pages) {
    const result = await lighthouse(`${server.url}${page.path}`, {
      port: DEBUGGING_PORT,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      ...(page.headers ? { extraHeaders: page.headers } : {}),
    })
    if (!result) throw new Error(`Lighthouse returned nothing for ${page.path}`)
    const scores = Object.fromEntries(
      CATEGORIES.map((c) => [c, Math.round((result.lhr.categories[c]?.score ?? 0) * 100)]),
    )
    process.stdout.write(
      `${page.name.padEnd(14)}${CATEGORIES.map((c) => String(scores[c]).padStart(16)).join('')}\n`,
    )
    if ((scores.performance ?? 0) < AIMS.performance || (scores.accessibility ?? 0) < AIMS.accessibility)
      failed = true
    for (const audit of Object.values(result.lhr.audits)) {
      if (audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative')
        process.stdout.write(`    ${audit.id}: ${audit.displayValue ?? audit.title}\n`)
    }
  }
} finally {
  chromium.kill('SIGTERM')
  await server.close()
  await spa.remove()
  await rm(profile, { recursive: true, force: true })
}
process.stdout.write(
  failed
    ? `\nunder the aims (performance ≥ ${AIMS.performance}, accessibility ${AIMS.accessibility})\n`
    : '\nall pages meet the aims\n',
)
process.exit(failed ? 1 : 0)
