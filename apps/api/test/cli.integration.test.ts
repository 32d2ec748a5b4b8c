import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApproveEvent, type Sandbox, startSandbox } from '@qf/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../src/cli/run.js'
import { createDb, type Db } from '../src/db/connection.js'
import { onboardCollectivity, postgresOnboardingStore } from '../src/modules/onboarding/index.js'
import { testConfig } from './helpers/app.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'
import { approveEvent } from './helpers/datapass.js'

let database: TestDatabase
let sandbox: Sandbox
let dir: string
let db: Db

beforeAll(async () => {
  database = await createTestDatabase()
  sandbox = await startSandbox({ port: 0 })
  dir = await mkdtemp(join(tmpdir(), 'qf-cli-'))
  db = createDb(database.url, 1)
})
afterAll(async () => {
  await db?.destroy()
  await database?.drop()
  await sandbox?.close()
  await rm(dir, { recursive: true, force: true })
})

async function cli(args: string[], stdin = '') {
  let stdout = ''
  let stderr = ''
  const config = testConfig(database.url, {
    INSEE_API_URL: `${sandbox.url}/insee/api-sirene/3.11`,
    HUBEE_API_URL: `${sandbox.url}/hubee`,
    HUBEE_TOKEN_URL: `${sandbox.url}/hubee-auth/oauth2/token`,
  })
  const code = await runCli(
    args,
    { config, databaseUrl: database.url, cwd: dir },
    {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      readStdin: async () => stdin,
    },
  )
  return { code, stdout, stderr }
}

describe('npm run cli', () => {
  it('prints its usage (exit 2 without a command, 0 with --help)', async () => {
    expect((await cli([])).code).toBe(2)
    const help = await cli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('api-keys create')
  })

  it('creates, updates, lists, deactivates collectivities with the registry’s checks', async () => {
    const created = await cli([
      'collectivities',
      'create',
      '--siret',
      '21330063500025',
      '--name',
      'Bordeaux',
      '--cog',
      '33063',
      '--postal-codes',
      '33000,33100',
      '--editor-siret',
      '99900000100019',
      '--editor-name',
      'Logiciels Communes',
      '--redirect-origins',
      'https://portail.bordeaux.fr',
    ])
    expect(created).toMatchObject({ code: 0, stdout: 'created 21330063500025 (Bordeaux, draft)\n' })
    const bad = await cli([
      'collectivities',
      'create',
      '--siret',
      '21330063500026',
      '--name',
      'X',
      '--cog',
      '33063',
      '--postal-codes',
      '33000',
    ])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('siret: n’est pas un SIRET valide')
    expect(
      (await cli(['collectivities', 'update', '21330063500025', '--name', 'Bordeaux Métropole'])).code,
    ).toBe(0)
    const listed = await cli(['collectivities', 'list', '--editor', '99900000100019'])
    expect(JSON.parse(listed.stdout)).toMatchObject([{ siret: '21330063500025', name: 'Bordeaux Métropole' }])
    expect((await cli(['collectivities', 'deactivate', '21330063500025'])).stdout).toContain('deactivated')
    expect(JSON.parse((await cli(['collectivities', 'list', '--status', 'inactive'])).stdout)).toHaveLength(1)
    expect(
      JSON.parse((await cli(['collectivities', 'list', '--lifecycle', 'suspended'])).stdout),
    ).toMatchObject([{ siret: '21330063500025', lifecycle: 'suspended' }])
    const history = JSON.parse((await cli(['collectivities', 'transitions', '21330063500025'])).stdout)
    expect(history).toMatchObject([
      { from: null, to: 'draft', event: 'create', actorKind: 'admin', actorId: null },
      { from: 'draft', to: 'suspended', event: 'suspend', actorKind: 'admin' },
    ])
  })

  it('sets a token read from stdin, never printing it', async () => {
    const set = await cli(
      ['collectivities', 'set-token', '21330063500025', '--expires-at', '2028-01-01T00:00:00Z'],
      'opaque-cli-token-0123456789\n',
    )
    expect(set.code).toBe(0)
    expect(set.stdout).toBe('token set for 21330063500025, expires on 2028-01-01T00:00:00.000Z (admin)\n')
    const show = await cli(['collectivities', 'show', '21330063500025'])
    expect(show.stdout).not.toContain('opaque-cli-token')
    expect(JSON.parse(show.stdout).apiParticulierToken).toMatchObject({ set: true, source: 'admin' })
    expect((await cli(['collectivities', 'reseal-tokens'])).stdout).toBe('resealed 0, left 0\n')
  })

  it('imports a CSV file (idempotent) and reports bad lines', async () => {
    const file = join(dir, 'communes.csv')
    await writeFile(
      file,
      'siret,name,cog_code,postal_codes,status,editor_siret,editor_name,allowed_redirect_origins\n21440109300015,Nantes,44109,44000,,,,\n',
    )
    expect((await cli(['collectivities', 'import', 'communes.csv'])).stdout).toBe(
      'imported: 1 created, 0 updated, 0 unchanged\n',
    )
    expect((await cli(['collectivities', 'import', 'communes.csv'])).stdout).toBe(
      'imported: 0 created, 0 updated, 1 unchanged\n',
    )
    await writeFile(
      join(dir, 'bad.csv'),
      'siret,name,cog_code,postal_codes,status,editor_siret,editor_name,allowed_redirect_origins\n21440109300015,Nantes,2C109,44000,,,,\n',
    )
    const bad = await cli(['collectivities', 'import', 'bad.csv'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('ligne 2')
  })

  it('creates an API key (printed once), lists keys without secrets, revokes one', async () => {
    const created = await cli([
      'api-keys',
      'create',
      '--scope',
      'editor:99900000100019',
      '--label',
      'Logiciels Communes',
    ])
    expect(created.code).toBe(0)
    const key = created.stdout.split('\n')[1] ?? ''
    expect(key).toMatch(/^qf_[a-z0-9]{12}_/)
    const id = key.split('_')[1] ?? ''
    const listed = await cli(['api-keys', 'list'])
    expect(listed.stdout).not.toContain(key)
    expect(JSON.parse(listed.stdout)).toMatchObject([{ id, scope: 'editor:99900000100019', revokedAt: null }])
    expect((await cli(['api-keys', 'revoke', id])).code).toBe(0)
    expect(JSON.parse((await cli(['api-keys', 'list'])).stdout)[0].revokedAt).not.toBeNull()
    expect((await cli(['api-keys', 'create', '--scope', 'editor:123', '--label', 'x'])).code).toBe(2)
  })

  it('shows an onboarding and retries it', async () => {
    sandbox.faults.set('hubee', { outage: true, failureMode: '5xx' })
    const { UndiciInseeSirene } = await import('../src/adapters/insee/undici-insee-sirene.js')
    const { UndiciHubeeReferential } = await import('../src/adapters/hubee/undici-hubee-referential.js')
    const companyRegistry = new UndiciInseeSirene({
      baseUrl: `${sandbox.url}/insee/api-sirene/3.11`,
      apiKey: 'sandbox-insee-key',
      timeoutMs: 5000,
    })
    const hubeeReferential = new UndiciHubeeReferential({
      apiUrl: `${sandbox.url}/hubee`,
      tokenUrl: `${sandbox.url}/hubee-auth/oauth2/token`,
      clientId: 'formulaire-qf-admin',
      clientSecret: 'sandbox-admin-secret',
      timeoutMs: 5000,
    })
    const event = approveEvent({ siret: '21972209700017' })
    const outcome = await onboardCollectivity(
      {
        companyRegistry,
        hubeeReferential,
        store: postgresOnboardingStore(db),
        clock: { now: () => new Date() },
      },
      event,
    )
    await companyRegistry.close()
    await hubeeReferential.close()
    expect(outcome.state).toBe('waiting_retry')
    sandbox.faults.reset()
    const status = await cli(['onboarding', 'status', String(event.data.id)])
    expect(JSON.parse(status.stdout)).toMatchObject({
      state: 'waiting_retry',
      lastError: { code: 'hubee_unavailable' },
    })
    const retried = await cli(['onboarding', 'retry', String(event.data.id)])
    expect(retried).toMatchObject({ code: 0, stdout: `onboarding ${event.data.id}: completed\n` })
    expect(JSON.parse((await cli(['onboarding', 'list', '--state', 'completed'])).stdout)).toHaveLength(1)
    expect(buildApproveEvent).toBeTypeOf('function')
  })

  it('marks and lists the expiring tokens', async () => {
    expect((await cli(['tokens', 'mark-expiring'])).stdout).toBe('marked: 0\n')
    expect(JSON.parse((await cli(['tokens', 'expiring'])).stdout)).toEqual([])
  })
})
