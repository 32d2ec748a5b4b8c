import { randomUUID } from 'node:crypto'
import { JourneyStep } from '@qf/contracts'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../src/db/connection.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'

let database: TestDatabase
let db: Db

beforeAll(async () => {
  database = await createTestDatabase()
  db = createDb(database.url, 1)
})
afterAll(async () => {
  await db?.destroy()
  await database?.drop()
})

const insertWithStep = (step: string) =>
  sql`insert into journey_sessions (id, secret_hash, siret, step, expires_at)
      values (${randomUUID()}, ${randomUUID()}, '21040107100019', ${step}, now())`.execute(db)

describe('journey_sessions.step', () => {
  it('accepts every step of the contract', async () => {
    const steps = JourneyStep.anyOf.map((s) => s.const)
    expect(steps).toEqual(['created', 'login_pending', 'authenticated'])
    for (const step of steps) await insertWithStep(step)
  })

  it('refuses any other value (CHECK constraint)', async () => {
    await expect(insertWithStep('hacked')).rejects.toThrow(/journey_sessions_step_check/)
  })
})
