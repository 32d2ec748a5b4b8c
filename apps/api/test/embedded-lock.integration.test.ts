import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres } from '../src/db/embedded.js'

// Issue 22, item 6: two processes on the same PGlite files (a second `npm run demo`, the CLI while the
// demo runs) left a database that never opened again, or lost the CLI's writes. A lock file with the
// owner's pid refuses a second opener; it is taken over only from a dead process.
let root: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'qf-embedded-lock-'))
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

const count = async (url: string) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ n: number }>('select count(*)::int as n from probe')
    return rows[0]?.n
  } finally {
    await client.end()
  }
}

describe('the embedded database lock', () => {
  it('refuses a second opener of the same directory, naming the owner, and frees the lock at stop', async () => {
    const dataDir = join(root, 'one')
    const first = await startEmbeddedPostgres({ dataDir })
    try {
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(
        new RegExp(`in use by process ${process.pid}`),
      )
      expect((await readFile(`${dataDir}.lock`, 'utf8')).trim()).toBe(String(process.pid))
      const client = new pg.Client({ connectionString: first.url })
      await client.connect()
      await client.query('create table probe (n int)')
      await client.query('insert into probe values (1)')
      await client.end()
    } finally {
      await first.stop()
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false)
    // The refused opener changed nothing: the files open again, with what the owner wrote.
    const again = await startEmbeddedPostgres({ dataDir })
    try {
      expect(await count(again.url)).toBe(1)
    } finally {
      await again.stop()
    }
  }, 120_000)

  it('takes the lock over from a process that is gone (a kill -9, a crash)', async () => {
    const dataDir = join(root, 'two')
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    })
    await writeFile(`${dataDir}.lock`, `${dead.stdout}\n`)
    const db = await startEmbeddedPostgres({ dataDir })
    try {
      expect((await readFile(`${dataDir}.lock`, 'utf8')).trim()).toBe(String(process.pid))
    } finally {
      await db.stop()
    }
  }, 120_000)

  it('an in-memory database takes no lock', async () => {
    const a = await startEmbeddedPostgres()
    const b = await startEmbeddedPostgres()
    await Promise.all([a.stop(), b.stop()])
  }, 120_000)
})
