// `npm test`: every check of the project, in order: format, lint, typecheck, unit + integration +
// end-to-end tests (vitest, real Postgres when DATABASE_URL is set, else embedded PGlite per test
// file; headless Debian Chromium), OpenAPI drift (a test) and OpenAPI lint. Exit 0 only when all pass.
import { readFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { bootstrap, ensureChromium, log, pnpm, root } from './lib.mjs'

await bootstrap()

const results = []
async function step(name, fn) {
  log(name)
  const started = Date.now()
  const ok = await fn()
  results.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) })
}

await step('format (prettier --check)', async () => (await pnpm(['exec', 'prettier', '--check', '.'])) === 0)
await step('lint (eslint)', async () => (await pnpm(['exec', 'eslint', '.', '--max-warnings=0'])) === 0)
await step(
  'typecheck (tsc, vue-tsc)',
  async () =>
    (await pnpm(['-r', '--workspace-concurrency=1', 'typecheck'])) === 0 &&
    (await pnpm(['exec', 'tsc', '-p', 'bench/tsconfig.json'])) === 0,
)

const chromium = await ensureChromium()
if (!chromium) results.push({ name: 'chromium available', ok: false, seconds: '0' })

let tests = { passed: 0, failed: 0, skipped: 0 }
await step(
  `tests (vitest: unit, integration, e2e) on ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PGlite'}`,
  async () => {
    mkdirSync(join(root, '.tmp'), { recursive: true })
    const report = join(root, '.tmp', 'vitest.json')
    const code = await pnpm([
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ])
    try {
      const r = JSON.parse(readFileSync(report, 'utf8'))
      tests = {
        passed: r.numPassedTests,
        failed: r.numFailedTests,
        skipped: r.numPendingTests + r.numTodoTests,
      }
    } catch {
      tests.failed += 1
    }
    return code === 0 && tests.passed > 0
  },
)
await step(
  'OpenAPI lint (redocly)',
  async () =>
    (await pnpm(['exec', 'redocly', 'lint', 'openapi.yaml'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off' },
    })) === 0,
)

process.stdout.write('\n')
for (const r of results) process.stdout.write(`${r.ok ? '✔' : '✘'} ${r.name} (${r.seconds}s)\n`)
const failedSteps = results.filter((r) => !r.ok).length
process.stdout.write(`checks: ${results.length - failedSteps} passed, ${failedSteps} failed\n`)
process.stdout.write(`tests: ${tests.passed} passed, ${tests.failed} failed, ${tests.skipped} skipped\n`)
process.exit(failedSteps === 0 ? 0 : 1)
