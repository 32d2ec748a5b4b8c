import { randomUUID } from 'node:crypto'
import {
  problemTypes,
  type CollectivityHealth,
  type CollectivityRepair,
  type EditorHealth,
} from '@qf/contracts'
import { startSandbox, type Sandbox } from '@qf/sandbox'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UndiciHubeeReferential } from '../src/adapters/hubee/undici-hubee-referential.js'
import { InMemoryHubeeReferential } from '../src/adapters/in-memory/in-memory-hubee-referential.js'
import type { FormulaireQfSubscriptionRequest } from '../src/ports/hubee-referential.js'
import { runCli } from '../src/cli/run.js'
import { SealedBox } from '../src/lib/sealed-box.js'
import { findBySiret, storeHubeeSubscription, upsertOnboarded } from '../src/modules/collectivities/index.js'
import { webhookRepository } from '../src/modules/webhooks/index.js'
import { testConfig } from './helpers/app.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'
import { LogCapture } from './helpers/log-capture.js'
import { bearer, buildRegistryServer, demoEditorSiret, otherEditorSiret } from './helpers/registry.js'

/*
 * The health check over a seeded set of broken collectivities (one problem each, as far as the facts
 * allow), against the sandbox's HubEE referential over real HTTP and a real Postgres.
 */

const E = { siret: demoEditorSiret, name: 'Logiciels Communes' }
const F = { siret: otherEditorSiret, name: 'Autre Éditeur' }
const c = {
  majastres: '21040107100019', // healthy
  hauteluce: '21730132400018', // HubEE delegates to another editor
  paris: '21750001600019', // no editor (and so API where PORTAIL is expected)
  amberieu: '21010004600015', // subscription Inactif (and a stale cached "Actif")
  saintDenis: '21974110600013', // token expired, not marked
  ajaccio: '21200004600012', // webhook given up
  marseille: '21130055300016', // created by the admin API: no subscription, no DataPass habilitation
  lyon: '21690123100011', // onboarded (DataPass), then lost by HubEE: repairable
  bordeaux: '21330063500017', // no API Particulier token
  nantes: '21440109300015', // token expiring in 30 days
}
const dayMs = 86_400_000

let database: TestDatabase
let sandbox: Sandbox
let server: FastifyInstance
let hubeeAdmin: UndiciHubeeReferential
let admin: string
let editorE: string
let env: Record<string, string>
const logs = new LogCapture()

const call = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  authorization?: string,
  payload?: unknown,
) =>
  server.inject({
    method,
    url: `/api/v1${url}`,
    headers: authorization ? { authorization } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  })

async function ok(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) {
  const res = await call(method, url, admin, payload)
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`)
  return res
}

const health = async (siret: string, authorization = admin) => {
  const res = await call('GET', `/admin/collectivities/${siret}/health`, authorization)
  expect(res.statusCode).toBe(200)
  return res.json<CollectivityHealth>()
}
const codes = (h: CollectivityHealth) => h.problems.map((p) => p.code).sort()

/** HubEE's side, as its administrators (or DataPass) would have left it. */
async function subscribeAtHubee(
  siret: string,
  cog: string,
  name: string,
  editor: { siret: string; name: string } | null,
) {
  const organization = await hubeeAdmin.ensureOrganization({
    siret,
    cog,
    name,
    postalCode: '00000',
    territory: name,
    email: `mairie-${cog}@example.org`,
  })
  expect(organization.ok).toBe(true)
  const subscription = await hubeeAdmin.ensureFormulaireQfSubscription({
    siret,
    cog,
    datapassId: 7000,
    localAdministrator: { email: `mairie-${cog}@example.org` },
    editor: editor && { ...editor, email: null },
  })
  expect(subscription.ok).toBe(true)
  await activateAtHubee(siret)
}

/** HubEE's staff activate a subscription by hand (since July 2026): the sandbox's admin route. */
async function activateAtHubee(siret: string) {
  const res = await fetch(`${sandbox.url}/__admin/hubee/subscriptions/${siret}/activate`, { method: 'POST' })
  expect(res.ok).toBe(true)
}

/** Created by ops, authorized by an admin decision (`status: active`): awaiting HubEE until read back. */
const create = (siret: string, name: string, cogCode: string, postalCode: string) =>
  ok('POST', '/admin/collectivities', {
    siret,
    name,
    cogCode,
    postalCodes: [postalCode],
    editor: E,
    status: 'active',
  })
const setToken = (siret: string, expiresAt: Date) =>
  ok('PUT', `/admin/collectivities/${siret}/api-particulier-token`, {
    token: `token-of-${siret}-0123456789`,
    expiresAt: expiresAt.toISOString(),
  })

beforeAll(async () => {
  database = await createTestDatabase()
  sandbox = await startSandbox({ port: 0 })
  env = {
    HUBEE_API_URL: `${sandbox.url}/hubee`,
    HUBEE_TOKEN_URL: `${sandbox.url}/hubee-auth/oauth2/token`,
    INSEE_API_URL: `${sandbox.url}/insee/api-sirene/3.11`,
    API_PARTICULIER_URL: `${sandbox.url}/api-particulier`,
  }
  server = await buildRegistryServer(database.url, { env: { ...env, LOG_LEVEL: 'info' }, logs })
  hubeeAdmin = new UndiciHubeeReferential({
    apiUrl: `${sandbox.url}/hubee`,
    tokenUrl: `${sandbox.url}/hubee-auth/oauth2/token`,
    clientId: 'formulaire-qf-admin',
    clientSecret: 'sandbox-admin-secret',
    timeoutMs: 5_000,
  })
  admin = await bearer(server, { kind: 'admin' })
  editorE = await bearer(server, { kind: 'editor', siret: E.siret })

  // The demo collectivities (seeded with the sandbox's tokens), given to editor E except Paris Centre.
  for (const siret of [c.majastres, c.hauteluce, c.amberieu, c.saintDenis, c.ajaccio])
    await ok('PATCH', `/admin/collectivities/${siret}`, { editor: E })
  // Hauteluce: HubEE delegates its dossiers to editor F.
  const delegated = await hubeeAdmin.ensureFormulaireQfSubscription({
    siret: c.hauteluce,
    cog: '73132',
    datapassId: 7001,
    localAdministrator: { email: 'mairie@hauteluce.example' },
    editor: { ...F, email: null },
  })
  expect(delegated).toMatchObject({ ok: true, value: { editorSiret: F.siret } })
  // Ambérieu: the cache says Actif, HubEE says Inactif.
  await storeHubeeSubscription(server.db, c.amberieu, {
    organizationId: 'SI-21010004600015-01004',
    subscriptionId: 'stale',
    accessMode: 'API',
    status: 'Actif',
  })
  // Ajaccio: its webhook was given up after 12 attempts.
  await ok('PUT', `/admin/collectivities/${c.ajaccio}/webhook`, {
    url: 'http://localhost:9/webhooks/formulaire-qf',
    secret: 'a'.repeat(40),
  })
  const box = new SealedBox(testConfig(database.url).security.secretsKeyring)
  const webhooks = webhookRepository(server.db, box)
  const endpoint = await webhooks.findEndpoint({ kind: 'collectivity', siret: c.ajaccio })
  const deliveryId = randomUUID()
  const now = new Date()
  await webhooks.insertDelivery({
    id: deliveryId,
    endpointId: endpoint?.id ?? '',
    event: {
      id: randomUUID(),
      type: 'dossier.completed',
      reference: 'D7HQHXCDPRTPC',
      collectivity_siret: c.ajaccio,
      hubee_folder_id: randomUUID(),
      hubee_case_id: randomUUID(),
      external_id: null,
      occurred_at: now.toISOString(),
    },
    createdAt: new Date(now.getTime() - dayMs),
  })
  for (let attempt = 1; attempt <= 12; attempt++)
    expect(
      await webhooks.recordAttempt(deliveryId, {
        attempt,
        at: now,
        status: 500,
        error: null,
        nextAttemptAt: attempt === 12 ? null : now,
        delivered: false,
        failed: attempt === 12,
      }),
    ).toBe(true)

  // Marseille: created by the admin API (finding H2), with a token, never subscribed at HubEE.
  await create(c.marseille, 'Marseille', '13055', '13001')
  await setToken(c.marseille, new Date(Date.now() + 400 * dayMs))
  // Lyon: onboarded through DataPass (cached subscription Actif), then unknown to HubEE (finding M4).
  await upsertOnboarded(server.db, {
    siret: c.lyon,
    name: 'Lyon',
    cogCode: '69123',
    postalCodes: ['69001'],
    editor: E,
    allowedRedirectOrigins: [],
    contacts: {
      requester: {
        email: 'agent@lyon.example',
        givenName: 'Agent',
        familyName: 'Municipal',
        phoneNumber: null,
        jobTitle: 'DSI',
      },
      dpo: null,
    },
    hubeeSubscription: {
      organizationId: 'SI-21690123100011-69123',
      subscriptionId: 'lost',
      accessMode: 'API',
      status: 'Actif',
    },
    datapassId: 4242,
    at: new Date(),
  })
  await ok('PATCH', `/admin/collectivities/${c.lyon}`, { status: 'active' }) // authorized: awaiting HubEE
  await setToken(c.lyon, new Date(Date.now() + 400 * dayMs))
  // Bordeaux: subscribed, no token.
  await create(c.bordeaux, 'Bordeaux', '33063', '33000')
  await subscribeAtHubee(c.bordeaux, '33063', 'COMMUNE DE BORDEAUX', E)
  // Nantes: subscribed, token expiring in 30 days.
  await create(c.nantes, 'Nantes', '44109', '44000')
  await subscribeAtHubee(c.nantes, '44109', 'COMMUNE DE NANTES', E)
  await setToken(c.nantes, new Date(Date.now() + 30 * dayMs))
  // The lifecycle reads each subscription back (what the periodic re-check does).
  for (const siret of Object.values(c))
    await call('POST', `/admin/collectivities/${siret}/check-hubee`, admin)
})
afterAll(async () => {
  await hubeeAdmin?.close()
  await server?.close()
  await sandbox?.close()
  await database?.drop()
})

describe('GET /admin/collectivities/:siret/health', () => {
  it('names each problem of the seeded broken collectivities, in French, and says what is repairable', async () => {
    const expected: Record<string, string[]> = {
      [c.majastres]: [],
      [c.hauteluce]: ['hubee_access_mode_mismatch'],
      [c.paris]: ['hubee_access_mode_mismatch', 'no_editor'],
      [c.amberieu]: ['hubee_subscription_inactive', 'not_offered'],
      [c.saintDenis]: ['api_particulier_token_expired', 'api_particulier_token_mark_stale'],
      [c.ajaccio]: ['webhook_failing'],
      [c.marseille]: ['hubee_subscription_missing', 'not_offered'],
      [c.lyon]: ['hubee_subscription_missing', 'not_offered'],
      [c.bordeaux]: ['api_particulier_token_missing'],
      [c.nantes]: ['api_particulier_token_expiring'],
    }
    const reports: Record<string, CollectivityHealth> = {}
    for (const [siret, problems] of Object.entries(expected)) {
      const report = await health(siret)
      reports[siret] = report
      expect({ siret, codes: codes(report) }).toEqual({ siret, codes: problems })
      expect(report.healthy).toBe(!report.problems.some((p) => p.severity === 'blocking'))
    }
    expect(reports[c.majastres]).toEqual({
      siret: c.majastres,
      name: 'Majastres',
      healthy: true,
      problems: [],
    })
    expect(reports[c.nantes]?.healthy).toBe(true)
    expect(reports[c.ajaccio]?.healthy).toBe(true)
    expect(reports[c.bordeaux]?.healthy).toBe(false)

    const problem = (siret: string, code: string) => reports[siret]?.problems.find((p) => p.code === code)
    expect(problem(c.hauteluce, 'hubee_access_mode_mismatch')).toMatchObject({
      severity: 'blocking',
      message: expect.stringContaining(`délègue la réception des dossiers à l’éditeur ${F.siret}`),
    })
    expect(problem(c.paris, 'hubee_access_mode_mismatch')?.message).toContain('« PORTAIL » attendu')
    expect(problem(c.paris, 'no_editor')).toMatchObject({ severity: 'warning', repairable: false })
    expect(problem(c.amberieu, 'hubee_subscription_inactive')?.message).toContain(
      'en attente d’activation par HubEE',
    )
    expect(problem(c.saintDenis, 'api_particulier_token_expired')).toMatchObject({
      repairable: false,
      message: expect.stringContaining('a expiré le 2026-01-31'),
    })
    expect(problem(c.saintDenis, 'api_particulier_token_mark_stale')).toMatchObject({
      severity: 'warning',
      repairable: true,
    })
    expect(problem(c.ajaccio, 'webhook_failing')?.message).toContain('abandonné')
    expect(problem(c.ajaccio, 'webhook_failing')?.message).toContain('HTTP 500')
    // Missing either way; only the DataPass-onboarded one can be repaired automatically.
    expect(problem(c.lyon, 'hubee_subscription_missing')).toMatchObject({ repairable: true })
    expect(problem(c.marseille, 'hubee_subscription_missing')).toMatchObject({
      repairable: false,
      message: expect.stringContaining('DataPass'),
    })
    expect(problem(c.bordeaux, 'api_particulier_token_missing')?.message).toContain('set-token')
    expect(problem(c.nantes, 'api_particulier_token_expiring')?.message).toMatch(/dans (29|30) jours/)
  })

  it('refreshes the cached subscription from what HubEE gives back', async () => {
    await health(c.amberieu)
    expect((await findBySiret(server.db, c.amberieu))?.hubeeSubscription).toMatchObject({
      organizationId: 'SI-21010004600015-01004',
      accessMode: 'API',
      status: 'Inactif',
    })
    expect((await findBySiret(server.db, c.amberieu))?.hubeeSubscription?.subscriptionId).not.toBe('stale')
    await health(c.lyon)
    expect((await findBySiret(server.db, c.lyon))?.hubeeSubscription).toBeNull()
  })

  it('answers hubee_unreachable (never a 5xx) while HubEE is down', async () => {
    sandbox.faults.set('hubee', { outage: true, failureStatus: 503 })
    try {
      const report = await health(c.majastres)
      expect(report).toMatchObject({
        healthy: false,
        problems: [{ code: 'hubee_unreachable', severity: 'blocking', repairable: false }],
      })
      expect(report.problems[0]?.message).toContain('Réessayez plus tard')
      const editor = await call('GET', `/admin/editors/${E.siret}/health`, admin)
      expect(editor.statusCode).toBe(200)
      for (const item of editor.json<EditorHealth>().collectivities)
        expect(codes(item)).toContain('hubee_unreachable')
      const repair = await call('POST', `/admin/collectivities/${c.lyon}/repair`, admin)
      expect(repair.statusCode).toBe(200)
      expect(repair.json<CollectivityRepair>()).toMatchObject({
        actions: [],
        health: { problems: [{ code: 'hubee_unreachable' }, { code: 'not_offered' }] },
      })
    } finally {
      sandbox.faults.reset()
    }
  })
})

describe('GET /admin/editors/:siret/health', () => {
  it('reports every collectivity of the editor', async () => {
    const res = await call('GET', `/admin/editors/${E.siret}/health`, editorE)
    expect(res.statusCode).toBe(200)
    const report = res.json<EditorHealth>()
    expect(report.editorSiret).toBe(E.siret)
    expect(report.healthy).toBe(false)
    const bySiret = Object.fromEntries(report.collectivities.map((h) => [h.siret, codes(h)]))
    expect(Object.keys(bySiret).sort()).toEqual(
      [
        c.majastres,
        c.hauteluce,
        c.amberieu,
        c.saintDenis,
        c.ajaccio,
        c.marseille,
        c.lyon,
        c.bordeaux,
        c.nantes,
      ].sort(),
    )
    expect(bySiret[c.majastres]).toEqual([])
    expect(bySiret[c.bordeaux]).toEqual(['api_particulier_token_missing'])
    expect(bySiret[c.hauteluce]).toEqual(['hubee_access_mode_mismatch'])
    expect(bySiret[c.paris]).toBeUndefined()
  })

  it('is empty and healthy for an editor without collectivities', async () => {
    const res = await call('GET', `/admin/editors/${F.siret}/health`, admin)
    expect(res.json()).toEqual({ editorSiret: F.siret, healthy: true, collectivities: [] })
  })
})

describe('POST /admin/collectivities/:siret/repair', () => {
  it('creates the missing subscription through HubEE’s referential, and reads it back', async () => {
    const res = await call('POST', `/admin/collectivities/${c.lyon}/repair`, editorE)
    expect(res.statusCode).toBe(200)
    const repair = res.json<CollectivityRepair>()
    expect(repair.actions).toEqual([
      {
        code: 'hubee_subscription_missing',
        outcome: 'pending',
        message: expect.stringContaining(`mode API, délégué à l’éditeur ${E.name} (${E.siret})`),
      },
      { code: 'not_offered', outcome: 'pending', message: expect.any(String) },
    ])
    expect(codes(repair.health)).toEqual(['hubee_subscription_inactive', 'not_offered'])
    // HubEE's staff activate it (by hand since July 2026): the next repair, like the periodic re-check,
    // reads it back and the collectivity is offered.
    await activateAtHubee(c.lyon)
    const activated = await call('POST', `/admin/collectivities/${c.lyon}/repair`, editorE)
    expect(activated.json<CollectivityRepair>()).toEqual({
      siret: c.lyon,
      actions: [{ code: 'not_offered', outcome: 'repaired', message: expect.any(String) }],
      health: { siret: c.lyon, name: 'Lyon', healthy: true, problems: [] },
    })
    const atHubee = await hubeeAdmin.findFormulaireQfSubscription(c.lyon, '69123')
    expect(atHubee).toMatchObject({
      ok: true,
      value: { status: 'Actif', accessMode: 'API', editorSiret: E.siret },
    })
    expect((await findBySiret(server.db, c.lyon))?.hubeeSubscription).toMatchObject({
      organizationId: 'SI-21690123100011-69123',
      status: 'Actif',
      accessMode: 'API',
    })
    // Idempotent: nothing left to do.
    const again = await call('POST', `/admin/collectivities/${c.lyon}/repair`, admin)
    expect(again.json<CollectivityRepair>().actions).toEqual([])
    expect(
      logs.lines.filter((l) => l.msg === 'collectivity repaired' && l.siret === c.lyon).slice(-2),
    ).toMatchObject([
      { by: `editor:${E.siret}`, actions: ['not_offered:repaired'], remaining: [] },
      { by: 'admin', actions: [], remaining: [] },
    ])
    expect(JSON.stringify(logs.lines)).not.toContain('agent@lyon.example')
  })

  it('cannot create a subscription without a DataPass habilitation, and says so', async () => {
    const res = await call('POST', `/admin/collectivities/${c.marseille}/repair`, admin)
    expect(res.statusCode).toBe(200)
    const repair = res.json<CollectivityRepair>()
    expect(repair.actions).toEqual([])
    expect(repair.health.healthy).toBe(false)
    expect(repair.health.problems).toEqual([
      {
        code: 'hubee_subscription_missing',
        severity: 'blocking',
        repairable: false,
        message: expect.stringContaining('Faites la demande sur DataPass'),
      },
      {
        code: 'not_offered',
        severity: 'blocking',
        repairable: false,
        message: expect.stringContaining('awaiting_hubee'),
      },
    ])
    expect(await hubeeAdmin.findFormulaireQfSubscription(c.marseille, '13055')).toEqual({
      ok: true,
      value: null,
    })
  })

  it('recomputes the token mark, and leaves the expired token as a human step', async () => {
    const res = await call('POST', `/admin/collectivities/${c.saintDenis}/repair`, admin)
    const repair = res.json<CollectivityRepair>()
    expect(repair.actions).toEqual([
      { code: 'api_particulier_token_mark_stale', outcome: 'repaired', message: expect.any(String) },
    ])
    expect(codes(repair.health)).toEqual(['api_particulier_token_expired'])
    expect((await findBySiret(server.db, c.saintDenis))?.apiParticulierToken?.expiringSince).not.toBeNull()
  })
})

/**
 * HubEE since July 2026: a subscription it did not already have active is left `Inactif` whatever the
 * request says, until its staff activate it by hand.
 */
class ManualActivationReferential extends InMemoryHubeeReferential {
  override async ensureFormulaireQfSubscription(request: FormulaireQfSubscriptionRequest) {
    const wasActive = [...this.subscriptions.values()].some(
      (s) => s.siret === request.siret && s.cog === request.cog && s.status === 'Actif',
    )
    const result = await super.ensureFormulaireQfSubscription(request)
    if (!result.ok || wasActive) return result
    const { changed, ...subscription } = result.value
    this.subscriptions.set(subscription.id, { ...subscription, status: 'Inactif' })
    return { ...result, value: { ...subscription, status: 'Inactif', changed } }
  }
}

describe('POST …/repair when HubEE activates subscriptions by hand', () => {
  it('reports the subscription as requested and awaiting HubEE’s activation, not repaired', async () => {
    const referential = new ManualActivationReferential()
    const manual = await buildRegistryServer(database.url, {
      env: { ...env, DEMO_SEED: 'false' },
      ports: { hubeeReferential: referential },
    })
    try {
      const key = await bearer(manual, { kind: 'admin' })
      const strasbourg = '21670482500019'
      await upsertOnboarded(manual.db, {
        siret: strasbourg,
        name: 'Strasbourg',
        cogCode: '67482',
        postalCodes: ['67000'],
        editor: E,
        allowedRedirectOrigins: [],
        contacts: {
          requester: null,
          dpo: {
            email: 'dpo@strasbourg.example',
            givenName: null,
            familyName: null,
            phoneNumber: null,
            jobTitle: null,
          },
        },
        datapassId: 4343,
        at: new Date(),
      })
      const res = await manual.inject({
        method: 'POST',
        url: `/api/v1/admin/collectivities/${strasbourg}/repair`,
        headers: { authorization: key },
      })
      expect(res.statusCode).toBe(200)
      const repair = res.json<CollectivityRepair>()
      expect(repair.actions).toEqual([
        {
          code: 'hubee_subscription_missing',
          outcome: 'pending',
          message: expect.stringContaining('en attente d’activation par HubEE'),
        },
      ])
      expect(repair.health.healthy).toBe(false)
      expect(codes(repair.health)).toEqual([
        'api_particulier_token_missing',
        'hubee_subscription_inactive',
        'not_offered',
      ])
      expect(referential.calls).toContain('ensureOrganization:SI-21670482500019-67482')
      expect((await findBySiret(manual.db, strasbourg))?.hubeeSubscription).toMatchObject({
        status: 'Inactif',
      })

      // HubEE down during an editor report: asked once per worker, not once per collectivity.
      referential.failWith('unavailable')
      const before = referential.calls.length
      const report = await manual.inject({
        method: 'GET',
        url: `/api/v1/admin/editors/${E.siret}/health`,
        headers: { authorization: key },
      })
      expect(report.statusCode).toBe(200)
      const items = report.json<EditorHealth>().collectivities
      expect(items.length).toBeGreaterThan(8)
      for (const item of items) expect(codes(item)).toContain('hubee_unreachable')
      expect(referential.calls.length - before).toBeLessThanOrEqual(4)
    } finally {
      await manual.close()
    }
  })
})

describe('scope', () => {
  it('limits an editor key to its collectivities and itself (403), 404 for ops on an unknown SIRET', async () => {
    const refusals = [
      await call('GET', `/admin/collectivities/${c.paris}/health`, editorE),
      await call('POST', `/admin/collectivities/${c.paris}/repair`, editorE),
      await call('GET', `/admin/editors/${F.siret}/health`, editorE),
    ]
    for (const res of refusals) {
      expect(res.statusCode).toBe(403)
      expect(res.json()).toMatchObject({ type: problemTypes.forbidden })
    }
    expect((await call('GET', `/admin/collectivities/${c.majastres}/health`, editorE)).statusCode).toBe(200)
    const unknown = await call('GET', '/admin/collectivities/21330063500025/health', admin)
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toMatchObject({ type: problemTypes.collectivityNotFound })
    expect((await call('POST', '/admin/collectivities/21330063500025/repair', admin)).statusCode).toBe(404)
    expect((await call('GET', '/admin/collectivities/nope/health', admin)).statusCode).toBe(422)
    const anonymous = await call('GET', `/admin/collectivities/${c.majastres}/health`)
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.headers['cache-control']).toBe('no-store')
  })
})

describe('the ops CLI', () => {
  async function cli(args: string[]) {
    let stdout = ''
    let stderr = ''
    const code = await runCli(
      args,
      { config: testConfig(database.url, env), databaseUrl: database.url },
      {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: (t: string) => (stderr += t) },
        readStdin: async () => '',
      },
    )
    return { code, stdout, stderr }
  }

  it('prints the health as JSON; exit 3 while a blocking problem remains', async () => {
    const healthy = await cli(['collectivities', 'health', c.majastres])
    expect(healthy.code).toBe(0)
    expect(JSON.parse(healthy.stdout)).toEqual({
      siret: c.majastres,
      name: 'Majastres',
      healthy: true,
      problems: [],
    })
    const broken = await cli(['collectivities', 'health', c.bordeaux])
    expect(broken.code).toBe(3)
    expect(codes(JSON.parse(broken.stdout))).toEqual(['api_particulier_token_missing'])
    const editor = await cli(['editors', 'health', E.siret])
    expect(editor.code).toBe(3)
    expect(JSON.parse(editor.stdout)).toMatchObject({ editorSiret: E.siret, healthy: false })
    expect(editor.stdout).toContain('"api_particulier_token_missing"')
    expect((await cli(['editors', 'health', F.siret])).code).toBe(0)
    expect((await cli(['editors', 'health', 'nope'])).code).toBe(2)
    expect((await cli(['collectivities', 'health', '21330063500025'])).code).toBe(1)
  })

  it('repairs what it can and prints what is left (exit 3)', async () => {
    const repaired = await cli(['collectivities', 'repair', c.marseille])
    expect(repaired.code).toBe(3)
    expect(JSON.parse(repaired.stdout)).toMatchObject({
      siret: c.marseille,
      actions: [],
      health: {
        healthy: false,
        problems: [
          { code: 'hubee_subscription_missing', repairable: false },
          { code: 'not_offered', repairable: false },
        ],
      },
    })
    expect((await cli(['collectivities', 'repair', c.lyon])).code).toBe(0)
    expect((await cli(['--help'])).stdout).toContain('editors health EDITOR_SIRET')
  })
})
