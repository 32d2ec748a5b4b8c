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

const insertWithStep = (step: string, submissionReference: string | null = null) =>
  sql`insert into journey_sessions (id, secret_hash, siret, step, submission_reference, expires_at)
      values (${randomUUID()}, ${randomUUID()}, '21040107100019', ${step}, ${submissionReference}, now())`.execute(
    db,
  )

describe('journey_sessions.step', () => {
  it('accepts every step of the contract', async () => {
    const steps = JourneyStep.anyOf.map((s) => s.const)
    expect(steps).toEqual(['created', 'login_pending', 'authenticated', 'submitted'])
    for (const step of steps) await insertWithStep(step, step === 'submitted' ? '7KQ4MXD9HTCW3' : null)
  })

  it('a submitted session, and only one, points at its sending', async () => {
    await expect(insertWithStep('submitted')).rejects.toThrow(/journey_sessions_submitted_check/)
    await expect(insertWithStep('authenticated', '7KQ4MXD9HTCW3')).rejects.toThrow(
      /journey_sessions_submitted_check/,
    )
  })

  it('refuses any other value (CHECK constraint)', async () => {
    await expect(insertWithStep('hacked')).rejects.toThrow(/journey_sessions_step_check/)
  })
})
