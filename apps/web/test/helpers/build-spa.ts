import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

export interface BuiltSpa {
  dir: string
  remove(): Promise<void>
}

/**
 * Runs the production build (`vite build`, as `pnpm --filter @qf/web build` does) into a fresh temporary
 * directory, in a child process so the test runner's NODE_ENV=test cannot leak into the bundle.
 */
export async function buildSpa(env: Record<string, string> = {}): Promise<BuiltSpa> {
  const dir = await mkdtemp(join(tmpdir(), 'qf-web-dist-'))
  const viteBin = join(
    dirname(createRequire(join(WEB_ROOT, 'package.json')).resolve('vite/package.json')),
    'bin/vite.js',
  )
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, NODE_ENV: 'production' }
  for (const key of Object.keys(childEnv))
    if (key.startsWith('VITEST') || key === 'TEST') delete childEnv[key]

  const output: string[] = []
  const code = await new Promise<number | null>((resolveRun, reject) => {
    const child = spawn(
      process.execPath,
      [viteBin, 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'],
      {
        cwd: WEB_ROOT,
        env: childEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.once('error', reject)
    child.once('close', resolveRun)
  })
  const remove = () => rm(dir, { recursive: true, force: true })
  if (code !== 0) {
    await remove()
    throw new Error(`vite build failed (exit ${code}):\n${output.join('')}`)
  }
  return { dir, remove }
}
