// `npm run demo`: installs what is missing, builds the API, then starts the sandbox (stand-ins of
// FranceConnect, API Particulier, HubEE, INSEE) on :4000, the API on :3000 (migrations at start, an
// embedded PGlite under .data/ unless DATABASE_URL is set, demo collectivities seeded) and the SPA's
// production build (as citizens get it: `vite build`, then apps/web/scripts/serve-dist.ts, which serves
// it like the nginx image and forwards the API paths to :3000) on :5173. Ctrl-C stops everything.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { bootstrap, log, pnpm, root } from './lib.mjs'

await bootstrap()
log('building the API')
if ((await pnpm(['--filter', '@qf/api', 'build'])) !== 0) process.exit(1)
log('building the SPA (production build)')
if ((await pnpm(['--filter', '@qf/web', 'build'])) !== 0) process.exit(1)

const children = []
/** Runs `node <args>` in a workspace folder (no package-manager wrapper between Ctrl-C and the process). */
function start(name, color, dir, args, env = {}) {
  const child = spawn(process.execPath, args, {
    cwd: join(root, dir),
    env: { ...process.env, FORCE_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const prefix = `\x1b[${color}m[${name}]\x1b[0m `
  const relay = (stream, out) => {
    let rest = ''
    stream.on('data', (chunk) => {
      const lines = (rest + chunk.toString()).split('\n')
      rest = lines.pop() ?? ''
      for (const line of lines) out.write(prefix + line + '\n')
    })
  }
  relay(child.stdout, process.stdout)
  relay(child.stderr, process.stderr)
  child.on('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`${prefix}exited with code ${code}; stopping the demo\n`)
      void stop(1)
    }
  })
  children.push(child)
  return child
}

let stopping = false
async function stop(code = 0) {
  if (stopping) return
  stopping = true
  log('stopping')
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve()
          child.once('exit', resolve)
          try {
            process.kill(-child.pid, 'SIGTERM')
          } catch {
            resolve()
          }
          setTimeout(() => {
            try {
              process.kill(-child.pid, 'SIGKILL')
            } catch {
              // already gone
            }
            resolve()
          }, 15_000).unref()
        }),
    ),
  )
  process.exit(code)
}
process.on('SIGINT', () => void stop(0))
process.on('SIGTERM', () => void stop(0))

async function waitFor(url, name, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  process.stderr.write(`${name} did not answer at ${url}\n`)
  await stop(1)
}

start('sandbox', 35, 'apps/sandbox', ['--import', 'tsx', 'src/server.ts'])
await waitFor('http://localhost:4000/franceconnect/api/v2/.well-known/openid-configuration', 'sandbox')
start('api', 36, 'apps/api', ['dist/server.js'], {
  DEMO_SEED: 'true',
  // The SPA, and http://localhost:8080 standing for a commune's own portal (third-party front end).
  CORS_ORIGINS: process.env.CORS_ORIGINS ?? 'http://localhost:5173,http://localhost:8080',
})
await waitFor('http://localhost:3000/ready', 'api')
start('web', 32, 'apps/web', ['--import', 'tsx', 'scripts/serve-dist.ts'], {
  PORT: '5173',
  API_URL: 'http://localhost:3000',
})
await waitFor('http://localhost:5173/', 'web')

process.stdout.write(`
\x1b[1mFormulaire QF is running\x1b[0m
  Citizen site (SPA)      http://localhost:5173
  API                     http://localhost:3000   (OpenAPI explorer http://localhost:3000/docs,
                                                   document http://localhost:3000/openapi.json,
                                                   readiness http://localhost:3000/ready)
  Sandbox (stand-ins)     http://localhost:4000   (FranceConnect, API Particulier, HubEE, INSEE)
  Try a journey           http://localhost:5173/collectivites/21040107100019
Press Ctrl-C to stop.
`)
