import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DELIVER_SUBMISSION_JOB } from '../../src/modules/submissions/index.js'
import { loginAndSubmit, startSubmissionWorld, traceOf, type SubmissionWorld } from './submission-world.js'

let w: SubmissionWorld

beforeAll(async () => {
  w = await startSubmissionWorld({ instances: 2 })
})
afterAll(async () => {
  await w?.close()
})

describe('two API instances, both workers running', () => {
  it('deliver every dossier exactly once, even with its job enqueued again on each instance', async () => {
    const references: string[] = []
    for (let i = 0; i < 6; i++) {
      const instance = w.world.instances[i % 2]!
      references.push(
        (await loginAndSubmit(w, i % 2 ? 'test' : 'avec_nom_dusage', {}, instance.url)).reference,
      )
    }
    // Duplicate jobs (a replayed enqueue, an operator's retry): two workers may now race on a reference.
    for (const reference of references)
      for (const server of w.servers) await server.jobQueue.send(DELIVER_SUBMISSION_JOB, { reference })

    await vi.waitFor(
      async () => {
        const { rows } = await sql<{ pending: number }>`select count(*)::int as pending from pgboss.job
          where name = ${DELIVER_SUBMISSION_JOB} and state::text <> 'completed'`.execute(w.db)
        if (rows[0]?.pending !== 0) throw new Error(`${rows[0]?.pending} delivery jobs not completed yet`)
      },
      { timeout: 60_000, interval: 300 },
    )
    const { rows: jobs } = await sql<{ count: number }>`select count(*)::int as count from pgboss.job
      where name = ${DELIVER_SUBMISSION_JOB}`.execute(w.db)
    expect(jobs[0]?.count).toBe(18)

    const cases = new Map<string, string[]>()
    for (const n of await w.si.notifications()) {
      if (n.eventId !== null || !n.caseId) continue
      const { externalId } = await w.si.readCase(n.caseId)
      cases.set(externalId, [...(cases.get(externalId) ?? []), n.caseId])
    }
    for (const reference of references) {
      const trace = await traceOf(w.db, reference)
      expect(trace?.status).toBe('delivered')
      expect(trace?.sealed_dossier).toBeNull()
      expect(cases.get(`Formulaire-QF-${reference}-01`), reference).toHaveLength(1)
      expect(trace?.hubee_case_id).toBe(cases.get(`Formulaire-QF-${reference}-01`)?.[0])
    }
    expect([...cases.values()].flat()).toHaveLength(references.length)
  })
})
