import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DrivenClock, currentSession } from '@qf/testing'
import { FAIL_OVERDUE_DELIVERIES_JOB, PURGE_SUBMISSIONS_JOB } from '../../src/modules/submissions/index.js'
import { PURGE_SESSIONS_JOB } from '../../src/modules/journey/index.js'
import {
  loginAndSubmit,
  logLinesOf,
  metricsOf,
  sample,
  startSubmissionWorld,
  traceOf,
  waitForStatus,
  type SubmissionWorld,
} from './submission-world.js'

const hour = 3600 * 1000
const day = 24 * hour
// Our clock only: HubEE's (the sandbox's) stays real, its tokens valid.
const clock = new DrivenClock()
let w: SubmissionWorld

beforeAll(async () => {
  w = await startSubmissionWorld({
    ports: { clock },
    env: { DELIVERY_HORIZON_HOURS: '24', FAILED_DOSSIER_RETENTION_HOURS: '72' },
  })
})
afterAll(async () => {
  await w?.close()
})

const faults = (body: unknown) =>
  fetch(`${w.world.sandbox.url}/__admin/faults/hubee`, {
    method: body === null ? 'DELETE' : 'PUT',
    headers: { 'content-type': 'application/json' },
    body: body === null ? undefined : JSON.stringify(body),
  })

/** Enqueues a job on demand and waits until a worker completed it. */
async function runJob(name: string) {
  const id = await w.servers[0]!.jobQueue.send(name, {})
  await vi.waitFor(
    async () => {
      const { rows } = await sql<{
        state: string
      }>`select state::text as state from pgboss.job where id = ${id}`.execute(w.db)
      if (rows[0]?.state !== 'completed') throw new Error(`job ${name} is ${rows[0]?.state ?? 'gone'}`)
    },
    { timeout: 20_000, interval: 200 },
  )
}

const retries = (reference: string) => logLinesOf(w.logs, reference, 'delivery attempt failed, will retry')

describe('HubEE down past the horizon, then the purges (driven clock)', () => {
  let failedRef = ''
  let overdueRef = ''
  let deliveredRef = ''

  it('retries with backoff while HubEE is down, then fails the trace past the horizon: counted, logged', async () => {
    expect((await faults({ outage: true, failureMode: '5xx', failureStatus: 503 })).status).toBe(200)
    try {
      const { reference } = await loginAndSubmit(w)
      failedRef = reference
      await vi.waitFor(
        () => {
          if (retries(reference).length < 2) throw new Error('fewer than two attempts yet')
        },
        { timeout: 30_000, interval: 200 },
      )
      const queued = await traceOf(w.db, reference)
      expect(queued?.status).toBe('queued')
      expect(queued?.sealed_dossier).not.toBeNull()
      let metrics = await metricsOf(w.servers[0]!)
      expect(sample(metrics, 'qf_delivery_queue_depth')).toBeGreaterThanOrEqual(1)
      expect(sample(metrics, 'qf_delivery_oldest_undelivered_age_seconds')).toBeGreaterThan(0)

      clock.advance(24 * hour + 60_000)
      const failed = await waitForStatus(w.db, reference, ['failed'], 60_000)
      expect(failed.failed_at).not.toBeNull()
      expect(failed.delivered_at).toBeNull()
      const [line] = logLinesOf(w.logs, reference, 'delivery failed')
      expect(line).toMatchObject({
        level: 50,
        reason: 'expired',
        failureReason: 'hub_unavailable',
        failure: 'unavailable',
      })
      metrics = await metricsOf(w.servers[0]!)
      expect(sample(metrics, 'qf_deliveries_total', '{outcome="expired"}')).toBe(1)
      expect(sample(metrics, 'qf_deliveries_total', '{outcome="retried"}')).toBeGreaterThanOrEqual(2)
      expect(sample(metrics, 'qf_submissions', '{status="failed"}')).toBe(1)
      const seen = await fetch(`${w.world.apiUrl}/api/v1/submissions/${reference}`)
      expect(await seen.json()).toMatchObject({ status: 'failed', failureReason: 'hub_unavailable' })
    } finally {
      await faults(null)
    }
  })

  it('a dossier still queued past the horizon without a pending attempt is failed by the overdue sweep', async () => {
    // A trace whose job was lost (e.g. dropped by an operator): the sweep alone can end it.
    const { reference } = await loginAndSubmit(w)
    await waitForStatus(w.db, reference, ['delivered'])
    await w.db
      .insertInto('submissions')
      .values({
        reference: 'QQQQQQQQQQQQQ',
        siret: '21040107100019',
        status: 'queued',
        submitted_at: new Date(clock.now().getTime() - 25 * hour),
        updated_at: clock.now(),
        sealed_dossier: null,
      })
      .execute()
    overdueRef = 'QQQQQQQQQQQQQ'
    deliveredRef = reference
    await runJob(FAIL_OVERDUE_DELIVERIES_JOB)
    expect((await traceOf(w.db, overdueRef))?.status).toBe('failed')
    expect(logLinesOf(w.logs, overdueRef, 'delivery failed')).toMatchObject([
      { reason: 'expired', failureReason: 'hub_unavailable' },
    ])
    expect((await traceOf(w.db, deliveredRef))?.status).toBe('delivered')
  })

  it('the delivered dossier is deleted at once; a failed one after FAILED_DOSSIER_RETENTION_HOURS', async () => {
    expect((await traceOf(w.db, deliveredRef))?.sealed_dossier).toBeNull()
    expect((await traceOf(w.db, failedRef))?.sealed_dossier).not.toBeNull()
    await runJob(PURGE_SUBMISSIONS_JOB)
    expect((await traceOf(w.db, failedRef))?.sealed_dossier).not.toBeNull()

    clock.advance(72 * hour)
    await runJob(PURGE_SUBMISSIONS_JOB)
    expect((await traceOf(w.db, failedRef))?.sealed_dossier).toBeNull()
    const trace = await traceOf(w.db, failedRef)
    expect(trace).toMatchObject({ status: 'failed', reference: failedRef })
  })

  it('traces go 90 days after the submission; expired sessions go as before', async () => {
    const { browser, reference: recent } = await loginAndSubmit(w)
    await waitForStatus(w.db, recent, ['delivered'])
    // failedRef and deliveredRef were submitted ~4 days (driven) ago, `recent` now.
    clock.advance(87 * day)
    await runJob(PURGE_SUBMISSIONS_JOB)
    for (const ref of [failedRef, deliveredRef, overdueRef]) expect(await traceOf(w.db, ref)).toBeUndefined()
    expect(await traceOf(w.db, recent)).toBeDefined()
    const gone = await fetch(`${w.world.apiUrl}/api/v1/submissions/${deliveredRef}`)
    expect(gone.status).toBe(404)

    await runJob(PURGE_SESSIONS_JOB)
    const session = await w.db
      .selectFrom('journey_sessions')
      .select('id')
      .where('submission_reference', '=', recent)
      .executeTakeFirst()
    expect(session).toBeUndefined()
    expect((await currentSession(w.world, browser)).status).toBe(401)

    clock.advance(3 * day)
    await runJob(PURGE_SUBMISSIONS_JOB)
    expect(await traceOf(w.db, recent)).toBeUndefined()
  })

  it('no personal data in the logs of the whole run', () => {
    const text = w.logs.lines.map((l) => JSON.stringify(l)).join('\n')
    expect(w.logs.lines.some((l) => l.msg === 'delivery failed')).toBe(true)
    for (const word of ['MERCIER', 'DUBOIS', 'Pierre', 'PIERRE', 'ROBERT', 'HENRY', '1969-03-17'])
      expect(text).not.toContain(word)
    expect(text).not.toMatch(/(?<![0-9A-Za-z-])2550(?![0-9A-Za-z-])/)
  })
})
