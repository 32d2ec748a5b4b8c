import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '@qf/testing'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'
import { hostOf, TcpProxy } from './helpers/tcp-proxy.js'

// Issue 22, item 1: under a supervisor the API may start (or restart) while Postgres is still down. It
// must wait and retry, with a bound and a clear log line, instead of crash-looping.
const apiDir = fileURLToPath(new URL('..', import.meta.url))
let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.drop()
})

interface Started {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

function startApi(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiDir,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', JOBS_WORK: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => output, exited }
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await check()) return true
    await new Promise((r) => setTimeout(r, 200))
  }
  return false
}

describe('start while Postgres is down', () => {
  it('waits, says so, and starts once Postgres answers', async () => {
    const proxy = await TcpProxy.start(hostOf(database.url), { listening: false })
    const port = await freePort()
    const api = startApi({ DATABASE_URL: proxy.rewrite(database.url), PORT: String(port) })
    try {
      expect(await until(() => api.output().includes('database not reachable yet: retrying'), 60_000)).toBe(
        true,
      )
      // No URL (it may carry a password) in the line: the attempt and the error code only.
      const line = api
        .output()
        .split('\n')
        .find((l) => l.includes('database not reachable yet'))
      expect(line).toContain('"code":"ECONNREFUSED"')
      expect(line).not.toContain('postgres://')
      await proxy.restore()
      const ready = await until(async () => {
        const res = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => null)
        return res?.status === 200
      }, 60_000)
      expect(ready, api.output()).toBe(true)
      api.child.kill('SIGTERM')
      expect(await api.exited).toBe(0)
    } finally {
      api.child.kill('SIGKILL')
      await proxy.close()
    }
  }, 150_000)

  it('gives up after DATABASE_WAIT_SECONDS with a clear message and exit code 1', async () => {
    const proxy = await TcpProxy.start(hostOf(database.url), { listening: false })
    const api = startApi({
      DATABASE_URL: proxy.rewrite(database.url),
      PORT: String(await freePort()),
      DATABASE_WAIT_SECONDS: '2',
    })
    try {
      expect(await api.exited).toBe(1)
      expect(api.output()).toMatch(/API failed to start: Error: database not reachable after \d+ s/)
    } finally {
      api.child.kill('SIGKILL')
      await proxy.close()
    }
  }, 150_000)
})
