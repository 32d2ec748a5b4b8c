// Shared helpers of the root scripts. Node built-ins only: these run before anything is installed.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('..', import.meta.url))
export const PNPM_VERSION = '12.4.2'

const log = (msg) => process.stdout.write(`\x1b[1m▶ ${msg}\x1b[0m\n`)
export { log }

function version(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' })
  return r.status === 0 ? r.stdout.trim() : undefined
}

let pnpmCommand
/** The pnpm to use: the pinned version, installed globally when missing (or run through npx). */
export function pnpmCmd() {
  if (pnpmCommand) return pnpmCommand
  if (version('pnpm', ['--version']) !== PNPM_VERSION) {
    log(`installing pnpm ${PNPM_VERSION}`)
    const r = spawnSync('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`], { stdio: 'inherit' })
    if (r.status !== 0 || version('pnpm', ['--version']) !== PNPM_VERSION) {
      pnpmCommand = ['npx', '--yes', `pnpm@${PNPM_VERSION}`]
      return pnpmCommand
    }
  }
  pnpmCommand = ['pnpm']
  return pnpmCommand
}

/** Runs a command to completion in the repository root; resolves with its exit code. */
export function run(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...options })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
    child.on('error', () => resolve(127))
  })
}

export function pnpm(args, options = {}) {
  const [cmd, ...pre] = pnpmCmd()
  return run(cmd, [...pre, ...args], options)
}

/** Installs the workspace's dependencies (fast when nothing changed). */
export async function bootstrap() {
  log('installing dependencies (pnpm install --frozen-lockfile)')
  const code = await pnpm(['install', '--frozen-lockfile', '--prefer-offline'])
  if (code !== 0) {
    process.stderr.write('Dependency installation failed.\n')
    process.exit(code)
  }
}

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Debian's Chromium for the browser tests: installed when missing and we are root. */
export async function ensureChromium() {
  if (existsSync(chromiumPath)) return true
  if (process.getuid?.() !== 0) {
    process.stderr.write(`Chromium is missing at ${chromiumPath}: install the Debian package "chromium".\n`)
    return false
  }
  log('installing Debian chromium for the browser tests')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  if ((await run('apt-get', ['update'], { env })) !== 0) return false
  return (await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env })) === 0
}
