import { problemTypes } from '@qf/contracts'
import { sql } from 'kysely'
import { type Sandbox, startSandbox } from '@qf/sandbox'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../src/cli/run.js'
import { purgeExpiredAudit, recordAudit } from '../src/modules/audit/index.js'
import { testConfig } from './helpers/app.js'
import { nominalCivility } from './contracts/quotient-familial-families.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'
import { LogCapture } from './helpers/log-capture.js'
import { bearer, buildRegistryServer, demoEditorSiret } from './helpers/registry.js'

const majastres = '21040107100019'
const foreign = '21730132400018'

let sandbox: Sandbox
let database: TestDatabase
let server: FastifyInstance
let admin: string
let editor: string
const logs = new LogCapture()

/** The key id inside `Bearer qf_<id>_<secret>`. */
const idOf = (authorization: string) => /qf_([a-z0-9]+)_/.exec(authorization)?.[1] ?? ''

const auditRows = () => server.db.selectFrom('api_audit').selectAll().orderBy('id').execute()

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  database = await createTestDatabase()
  server = await buildRegistryServer(database.url, {
    logs,
    env: { LOG_LEVEL: 'info', API_PARTICULIER_URL: `${sandbox.url}/api-particulier` },
  })
  admin = await bearer(server, { kind: 'admin' })
  editor = await bearer(server, { kind: 'editor', siret: demoEditorSiret })
})
afterAll(async () => {
  await server?.close()
  await database?.drop()
  await sandbox?.close()
})

describe('the audit trail of the API keys (issue 21, M2)', () => {
  it('a QF lookup leaves a record naming the key, its scope and the collectivity — no personal data', async () => {
    const res = await server.inject({
      method: 'POST',
      url: '/api/v1/quotient-familial/lookup',
      headers: { authorization: admin },
      payload: { siret: majastres, identity: nominalCivility },
    })
    expect(res.statusCode).toBe(200)
    const rows = await auditRows()
    const row = rows.find((r) => r.operation === 'lookupQuotientFamilial')
    expect(row).toMatchObject({
      key_id: idOf(admin),
      scope: 'admin',
      collectivity_siret: majastres,
      outcome: 'success',
      status_code: 200,
    })
    const stored = JSON.stringify(rows)
    for (const personal of [
      nominalCivility.birthName,
      ...nominalCivility.firstNames,
      nominalCivility.birthDate,
    ])
      expect(stored).not.toContain(personal)
    expect(JSON.stringify(logs.lines)).not.toContain(nominalCivility.birthName)
  })

  it('admin writes and refusals are recorded with their outcome', async () => {
    const patched = await server.inject({
      method: 'PATCH',
      url: `/api/v1/admin/collectivities/${majastres}`,
      headers: { authorization: admin },
      payload: { name: 'Majastres (audit)' },
    })
    expect(patched.statusCode).toBe(200)
    const refused = await server.inject({
      method: 'GET',
      url: `/api/v1/admin/collectivities/${foreign}`,
      headers: { authorization: editor },
    })
    expect(refused.statusCode).toBe(403)
    const rows = await auditRows()
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          key_id: idOf(admin),
          scope: 'admin',
          operation: 'updateCollectivity',
          collectivity_siret: majastres,
          outcome: 'success',
        }),
        expect.objectContaining({
          key_id: idOf(editor),
          operation: 'getAdminCollectivity',
          collectivity_siret: foreign,
          outcome: 'refused',
          status_code: 403,
        }),
      ]),
    )
  })

  it('a write leaves exactly one record, completed with its outcome (recorded pending before it ran)', async () => {
    const count = async () =>
      (await auditRows()).filter((r) => r.operation === 'updateCollectivity' && r.key_id === idOf(admin))
    const before = (await count()).length
    const res = await server.inject({
      method: 'PATCH',
      url: `/api/v1/admin/collectivities/${majastres}`,
      headers: { authorization: admin },
      payload: { name: 'Majastres (bis)' },
    })
    expect(res.statusCode).toBe(200)
    const after = await count()
    expect(after).toHaveLength(before + 1)
    expect(after.at(-1)).toMatchObject({ outcome: 'success', status_code: 200 })
    expect(after.every((r) => r.outcome !== 'pending')).toBe(true)
  })

  it('when the trail cannot be written, the write is refused (503) and not made', async () => {
    // The database refuses new audit rows of this operation (a constraint added for the test).
    await sql`alter table api_audit add constraint audit_refused check (operation <> 'updateCollectivity') not valid`.execute(
      server.db,
    )
    try {
      const res = await server.inject({
        method: 'PATCH',
        url: `/api/v1/admin/collectivities/${majastres}`,
        headers: { authorization: admin },
        payload: { name: 'Majastres (untraced)' },
      })
      expect(res.statusCode).toBe(503)
      expect(res.json()).toMatchObject({ type: problemTypes.unavailable })
      const stored = await server.db
        .selectFrom('collectivities')
        .select('name')
        .where('siret', '=', majastres)
        .executeTakeFirstOrThrow()
      expect(stored.name).not.toBe('Majastres (untraced)')
    } finally {
      await sql`alter table api_audit drop constraint audit_refused`.execute(server.db)
    }
  })

  it('a request without a valid key leaves no record (there is no one to name)', async () => {
    const before = (await auditRows()).length
    const res = await server.inject({
      method: 'GET',
      url: '/api/v1/admin/collectivities',
      headers: { authorization: 'Bearer qf_unknown00_xxxxxxxxxxxxxxxxxxxxxxxx' },
    })
    expect(res.statusCode).toBe(401)
    expect((await auditRows()).length).toBe(before)
  })

  it('GET /admin/audit: ops query the trail by key and collectivity; an editor key is refused', async () => {
    const res = await server.inject({
      method: 'GET',
      url: `/api/v1/admin/audit?key=${idOf(admin)}&siret=${majastres}`,
      headers: { authorization: admin },
    })
    expect(res.statusCode).toBe(200)
    const { items } = res.json<{ items: { keyId: string; operation: string; collectivity: string }[] }>()
    expect(items.length).toBeGreaterThan(0)
    expect(items.every((i) => i.keyId === idOf(admin) && i.collectivity === majastres)).toBe(true)
    // Most recent first: the PATCHes, then the first lookup.
    expect(items.map((i) => i.operation).at(0)).toBe('updateCollectivity')
    expect(items.map((i) => i.operation).at(-1)).toBe('lookupQuotientFamilial')
    expect(res.headers['cache-control']).toBe('no-store')

    const denied = await server.inject({
      method: 'GET',
      url: '/api/v1/admin/audit',
      headers: { authorization: editor },
    })
    expect(denied.statusCode).toBe(403)
    expect(denied.json()).toMatchObject({ type: problemTypes.forbidden })
  })

  it('npm run cli -- audit list: the same trail for ops, filtered by key', async () => {
    let stdout = ''
    const code = await runCli(
      ['audit', 'list', '--key', idOf(editor)],
      { config: testConfig(database.url), databaseUrl: database.url },
      {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: () => true },
        readStdin: async () => '',
      },
    )
    expect(code).toBe(0)
    const items: unknown = JSON.parse(stdout)
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          keyId: idOf(editor),
          operation: 'getAdminCollectivity',
          outcome: 'refused',
        }),
      ]),
    )
    expect(items).not.toEqual(expect.arrayContaining([expect.objectContaining({ keyId: idOf(admin) })]))
  })

  it('/metrics counts the calls per key id (never the key itself)', async () => {
    const metrics = await server.inject({ method: 'GET', url: '/metrics' })
    expect(metrics.body).toMatch(
      new RegExp(
        `api_key_requests_total\\{key_id="${idOf(admin)}",operation="lookupQuotientFamilial",outcome="success"\\} 1`,
      ),
    )
    expect(metrics.body).toMatch(
      new RegExp(
        `api_key_requests_total\\{key_id="${idOf(editor)}",operation="getAdminCollectivity",outcome="refused"\\} 1`,
      ),
    )
    for (const key of [admin, editor]) expect(metrics.body).not.toContain(key.slice('Bearer '.length))
  })

  it('the retention purge deletes the records older than the period, and only those', async () => {
    const now = new Date('2027-06-01T00:00:00Z')
    const entry = {
      keyId: idOf(admin),
      scope: 'admin',
      operation: 'listAdminCollectivities',
      collectivity: null,
      outcome: 'success' as const,
      statusCode: 200,
    }
    await recordAudit(server.db, { ...entry, at: new Date('2026-05-01T00:00:00Z') })
    await recordAudit(server.db, { ...entry, at: new Date('2027-05-01T00:00:00Z') })
    const purged = await purgeExpiredAudit({
      db: server.db,
      clock: { now: () => now },
      retentionMs: 365 * 86_400_000,
    })
    expect(purged).toBe(1)
    const left = await server.db.selectFrom('api_audit').select('at').where('at', '<', now).execute()
    expect(left.map((r) => r.at.toISOString())).not.toContain('2026-05-01T00:00:00.000Z')
    expect(left.map((r) => r.at.toISOString())).toContain('2027-05-01T00:00:00.000Z')
  })
})
