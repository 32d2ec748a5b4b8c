import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgBossJobQueue } from '../src/adapters/pg-boss/pg-boss-job-queue.js'
import { defineJob } from '../src/ports/job-queue.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'
import { strandedProbe } from './helpers/stranded-probe.js'

// Issue 22, item 3: the jobs a dead worker was running (kill -9, OOM) waited for pg-boss's expiry
// (here 10 minutes; 180 s + up to 120 s for deliveries). Each worker holds a Postgres advisory lock per
// running job on a connection of its own; Postgres drops them when the process dies, and any live
// instance re-queues the active jobs nobody holds.
const apiDir = fileURLToPath(new URL('..', import.meta.url))
let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.drop()
})

describe('jobs of a dead worker', () => {
  it('are run by another instance within a minute, not at their expiry', async () => {
    if (!process.env.DATABASE_URL) return // advisory locks need real sessions (PGlite has one)
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/stranded-worker.ts'], {
      cwd: apiDir,
      env: { ...process.env, DATABASE_URL: database.url },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    const until = async (check: () => boolean, ms: number) => {
      const end = Date.now() + ms
      while (Date.now() < end && !check()) await new Promise((r) => setTimeout(r, 100))
      return check()
    }
    const ran: string[] = []
    const survivor = new PgBossJobQueue({
      connectionString: database.url,
      schema: 'pgboss',
      graceMs: 1_000,
      onError: () => undefined,
      reclaimStranded: true,
    })
    try {
      expect(await until(() => output.includes('working'), 60_000)).toBe(true)
      const sender = new PgBossJobQueue({
        connectionString: database.url,
        schema: 'pgboss',
        graceMs: 1_000,
        onError: () => undefined,
      })
      await sender.start([defineJob({ ...strandedProbe, handler: async () => undefined })], { work: false })
      const id = await sender.send(strandedProbe.name, {})
      await sender.stop()
      expect(await until(() => output.includes(`started ${id}`), 30_000)).toBe(true)
      child.kill('SIGKILL')
      const killedAt = Date.now()
      await survivor.start(
        [
          defineJob({
            ...strandedProbe,
            handler: async (_data, job) => {
              ran.push(job.id)
            },
          }),
        ],
        { work: true },
      )
      expect(await until(() => ran.includes(id ?? ''), 60_000)).toBe(true)
      expect(Date.now() - killedAt).toBeLessThan(60_000)
    } finally {
      child.kill('SIGKILL')
      await survivor.stop()
    }
  }, 180_000)
})
