import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../src/cli/run.js'
import { loadConfig } from '../../src/config/load.js'
import { DELIVER_SUBMISSION_JOB } from '../../src/modules/submissions/index.js'
import { personalData } from './hub-helpers.js'
import {
  casesOf,
  loginAndSubmit,
  logLinesOf,
  metricsOf,
  sample,
  startSubmissionWorld,
  traceOf,
  waitForStatus,
  type SubmissionWorld,
} from './submission-world.js'

// Issue 16 §3: rotating the key that seals the dossiers waiting for delivery loses none of them.
const key = (fill: number) => Buffer.alloc(32, fill).toString('base64')
const oldKey = key(11)
const newKey = key(22)
const newerKey = key(33)
let w: SubmissionWorld

beforeAll(async () => {
  // Deployed as before the keyring: the legacy single key, whose rows read `v2.k0.…`.
  w = await startSubmissionWorld({ env: { SESSION_ENCRYPTION_KEY: oldKey } })
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

const retries = (reference: string) => logLinesOf(w.logs, reference, 'delivery attempt failed, will retry')

/** HubEE down; `count` citizens submit; each dossier has failed one attempt at least (queued, retrying). */
async function queuedDuringOutage(count: number): Promise<string[]> {
  expect((await faults({ outage: true, failureMode: '5xx', failureStatus: 503 })).status).toBe(200)
  const references: string[] = []
  for (let i = 0; i < count; i++) references.push((await loginAndSubmit(w)).reference)
  await vi.waitFor(
    () => {
      for (const reference of references)
        if (retries(reference).length < 1) throw new Error(`${reference} not attempted yet`)
    },
    { timeout: 30_000, interval: 200 },
  )
  for (const reference of references) expect((await traceOf(w.db, reference))?.status).toBe('queued')
  return references
}

/** The ops CLI, as `npm run cli` runs it, with this environment. */
async function cli(args: string[], env: Record<string, string>) {
  let stdout = ''
  let stderr = ''
  const config = loadConfig({ ...w.world.env, ...env, DATABASE_URL: w.world.database.url })
  const code = await runCli(
    args,
    { config, databaseUrl: w.world.database.url },
    {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      readStdin: async () => '',
    },
  )
  return { code, stdout, stderr }
}

const deliveryJobStates = async (reference: string) => {
  const { rows } = await sql<{ state: string }>`select state::text as state from pgboss.job
    where name = ${DELIVER_SUBMISSION_JOB} and data->>'reference' = ${reference}`.execute(w.db)
  return rows.map((r) => r.state)
}

describe('rotating SESSION_ENCRYPTION_KEYS while dossiers wait for HubEE', () => {
  it('old key kept second, re-sealed, outage over: every queued dossier is delivered exactly once', async () => {
    const references = await queuedDuringOutage(3)
    for (const reference of references)
      expect((await traceOf(w.db, reference))?.sealed_dossier).toMatch(/^v2\.k0\./)

    // Switch: the new key first, the legacy one second under the id its rows carry.
    const keyring = { SESSION_ENCRYPTION_KEYS: `k2026-12:${newKey},k0:${oldKey}`, SESSION_ENCRYPTION_KEY: '' }
    await w.restart(keyring)
    const resealed = await cli(['personal-data', 'reseal'], keyring)
    expect(resealed.stderr).toBe('')
    expect(resealed.code).toBe(0)
    expect(resealed.stdout).toMatch(/^resealed \d+ \(sessions \d+, dossiers 3\), left 0, key k2026-12\n$/)
    for (const reference of references)
      expect((await traceOf(w.db, reference))?.sealed_dossier).toMatch(/^v2\.k2026-12\./)

    expect((await faults(null)).status).toBe(200)
    for (const reference of references) {
      const delivered = await waitForStatus(w.db, reference, ['delivered'], 90_000)
      expect(delivered.sealed_dossier).toBeNull()
      expect(delivered.failure_reason).toBeNull()
      expect(await casesOf(w, reference)).toHaveLength(1)
      const seen = await fetch(`${w.world.apiUrl}/api/v1/submissions/${reference}`)
      const body = (await seen.json()) as Record<string, unknown>
      expect(body).toMatchObject({ reference, status: 'delivered' })
      expect(body).not.toHaveProperty('failureReason')
      expect(logLinesOf(w.logs, reference, 'delivery failed')).toHaveLength(0)
    }
    expect(sample(await metricsOf(w.servers[0]!), 'qf_deliveries_total', '{outcome="delivered"}')).toBe(3)
  })

  it('old key dropped without a re-seal: each dossier fails at once as dossier_unreadable, loudly, no retry', async () => {
    const references = await queuedDuringOutage(2)
    for (const reference of references)
      expect((await traceOf(w.db, reference))?.sealed_dossier).toMatch(/^v2\.k2026-12\./)

    // The mistake: the next key alone, k2026-12 retired before its dossiers were re-sealed.
    await w.restart({ SESSION_ENCRYPTION_KEYS: `k2027-06:${newerKey}`, SESSION_ENCRYPTION_KEY: '' })
    const started = Date.now()
    for (const reference of references) {
      const failed = await waitForStatus(w.db, reference, ['failed'], 60_000)
      expect(failed.failure_reason).toBe('dossier_unreadable')
      expect(failed.failed_at).not.toBeNull()
    }
    // Immediate: on the next attempt (seconds), not at the 24-hour horizon.
    expect(Date.now() - started).toBeLessThan(60_000)
    await faults(null)

    const metrics = await metricsOf(w.servers[0]!)
    expect(sample(metrics, 'qf_deliveries_total', '{outcome="unreadable"}')).toBe(2)
    for (const reference of references) {
      const [line, ...more] = logLinesOf(w.logs, reference, 'delivery failed')
      expect(more).toHaveLength(0)
      expect(line).toMatchObject({
        level: 50,
        reference,
        reason: 'unreadable',
        failureReason: 'dossier_unreadable',
        cause: 'unknown_key',
        keyId: 'k2026-12',
        currentKeyId: 'k2027-06',
      })
      const text = JSON.stringify(line)
      for (const word of personalData) expect(text).not.toContain(word)

      const seen = await fetch(`${w.world.apiUrl}/api/v1/submissions/${reference}`)
      expect(await seen.json()).toMatchObject({
        reference,
        status: 'failed',
        failureReason: 'dossier_unreadable',
      })
      // Nothing retries it: its job is completed, no attempt is logged after the failure.
      await vi.waitFor(
        async () => {
          const states = await deliveryJobStates(reference)
          if (states.join() !== 'completed') throw new Error(`job states ${states.join()}`)
        },
        { timeout: 10_000, interval: 200 },
      )
      const retriesAtFailure = retries(reference).length
      await new Promise((resolve) => setTimeout(resolve, 3_000))
      expect(retries(reference)).toHaveLength(retriesAtFailure)
      expect(await casesOf(w, reference)).toHaveLength(0)
    }
  })

  it('a corrupt sealed row fails at once as dossier_unreadable (cause not_authentic), the others unharmed', async () => {
    const [corrupt, sound] = await queuedDuringOutage(2)
    const row = await traceOf(w.db, corrupt!)
    const sealed = row?.sealed_dossier ?? ''
    const last = sealed.at(-2) === 'A' ? 'B' : 'A'
    await w.db
      .updateTable('submissions')
      .set({ sealed_dossier: `${sealed.slice(0, -2)}${last}${sealed.slice(-1)}` })
      .where('reference', '=', corrupt!)
      .execute()
    expect((await faults(null)).status).toBe(200)
    const failed = await waitForStatus(w.db, corrupt!, ['failed'], 60_000)
    expect(failed.failure_reason).toBe('dossier_unreadable')
    expect(logLinesOf(w.logs, corrupt!, 'delivery failed')).toMatchObject([
      { level: 50, reason: 'unreadable', cause: 'not_authentic', keyId: 'k2027-06' },
    ])
    await waitForStatus(w.db, sound!, ['delivered'], 60_000)
    expect(await casesOf(w, sound!)).toHaveLength(1)
  })
})
