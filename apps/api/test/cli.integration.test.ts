import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { buildApproveEvent, type Sandbox, startSandbox } from '@qf/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../src/cli/run.js'
import { createDb, type Db } from '../src/db/connection.js'
import { demoSessionKey } from '../src/config/load.js'
import { SealedBox } from '../src/lib/sealed-box.js'
import { sessionRepository } from '../src/modules/journey/index.js'
import { onboardCollectivity, postgresOnboardingStore } from '../src/modules/onboarding/index.js'
import { setApiParticulierToken } from '../src/modules/registry/index.js'
import { submissionRepository } from '../src/modules/submissions/index.js'
import { majastres } from './contracts/hub-worlds.js'
import { dossierFor } from './submissions/hub-helpers.js'
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

async function cli(
  args: string[],
  stdin = '',
  env: Record<string, string> = {},
  mode: 'test' | 'production' = 'test',
) {
  let stdout = ''
  let stderr = ''
  const config = {
    ...testConfig(database.url, {
      INSEE_API_URL: `${sandbox.url}/insee/api-sirene/3.11`,
      HUBEE_API_URL: `${sandbox.url}/hubee`,
      HUBEE_TOKEN_URL: `${sandbox.url}/hubee-auth/oauth2/token`,
      ...env,
    }),
    env: mode,
  }
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

  it('in production, refuses a token on the command line (shell history, process list): stdin only (issue 21, L10)', async () => {
    const refused = await cli(
      [
        'collectivities',
        'set-token',
        '21330063500025',
        '--token',
        'opaque-cli-token-on-argv',
        '--expires-at',
        '2028-01-01T00:00:00Z',
      ],
      '',
      {},
      'production',
    )
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('--token is refused in production')
    expect(refused.stderr).not.toContain('opaque-cli-token-on-argv')
    const fromStdin = await cli(
      ['collectivities', 'set-token', '21330063500025', '--expires-at', '2028-01-01T00:00:00Z'],
      'opaque-cli-token-from-stdin\n',
      {},
      'production',
    )
    expect(fromStdin.code).toBe(0)
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
    expect(bad.stderr).toContain('ligne 2, colonne cog_code')
  })

  it('imports a Windows-1252 `;` file as French Excel saves it; a missing file is a usage error', async () => {
    const excel =
      'siret;name;cog_code;postal_codes;status;editor_siret;editor_name;allowed_redirect_origins\r\n' +
      '21330318300007;Pessac Équipée;33318;33600;;;;\r\n'
    await writeFile(join(dir, 'excel.csv'), Buffer.from(excel, 'latin1'))
    expect((await cli(['collectivities', 'import', 'excel.csv'])).stdout).toBe(
      'imported: 1 created, 0 updated, 0 unchanged\n',
    )
    const show = await cli(['collectivities', 'show', '21330318300007'])
    expect(JSON.parse(show.stdout)).toMatchObject({ name: 'Pessac Équipée' })
    const missing = await cli(['collectivities', 'import', 'absent.csv'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('fichier introuvable : absent.csv')
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

  describe('re-sealing after a key rotation; a CLI without the keyring says so in one French sentence', () => {
    const newKey = `k2026-12:${Buffer.alloc(32, 42).toString('base64')}`
    const demoSession = `k0:${demoSessionKey.toString('base64')}`
    let reference = ''
    const sessionId = randomUUID()

    it('personal-data reseal moves the sessions and the kept dossiers to the current key', async () => {
      // Sealed as the API does without configuration: the demo session key, id k0.
      const before = new SealedBox(testConfig(database.url).security.sessionKeyring)
      const dossier = dossierFor(majastres)
      reference = dossier.reference
      const now = new Date()
      await submissionRepository(db, before).insert({
        reference,
        siret: majastres.siret,
        submittedAt: now,
        dossier,
      })
      const sessions = sessionRepository(db, before)
      await sessions.insert(
        {
          id: sessionId,
          secretHash: `hash-${sessionId}`,
          siret: majastres.siret,
          externalId: null,
          redirectUri: null,
          frontendUrl: null,
          loginTicket: { hash: `ticket-${sessionId}`, expiresAt: new Date(now.getTime() + 60_000) },
          expiresAt: new Date(now.getTime() + 1_800_000),
        },
        now,
      )
      await sessions.update(sessionId, { logoutIdToken: 'id-token-of-the-logout' }, now)

      const without = await cli(['personal-data', 'reseal'], '', { SESSION_ENCRYPTION_KEYS: newKey })
      expect(without.code).toBe(1)
      expect(without.stdout).toBe('')
      expect(without.stderr).toBe(
        'Une valeur est scellée avec la clé « k0 », absente de SESSION_ENCRYPTION_KEYS ici : lancez cette commande avec le même SESSION_ENCRYPTION_KEYS que l’API (rien n’a été perdu).\n',
      )

      const resealed = await cli(['personal-data', 'reseal'], '', {
        SESSION_ENCRYPTION_KEYS: `${newKey},${demoSession}`,
      })
      expect(resealed).toMatchObject({
        code: 0,
        stdout: 'resealed 2 (sessions 1, dossiers 1), left 0, key k2026-12\n',
        stderr: '',
      })
      const again = await cli(['personal-data', 'reseal'], '', { SESSION_ENCRYPTION_KEYS: newKey })
      expect(again.stdout).toBe('resealed 0 (sessions 0, dossiers 0), left 0, key k2026-12\n')

      // The old key retired: everything opens with the new one alone.
      const after = new SealedBox(
        testConfig(database.url, { SESSION_ENCRYPTION_KEYS: newKey }).security.sessionKeyring,
      )
      expect((await submissionRepository(db, after).openDossier(reference))?.reference).toBe(reference)
      expect((await sessionRepository(db, after).findBy('id', sessionId))?.logoutIdToken).toBe(
        'id-token-of-the-logout',
      )
    })

    it('a wrong key under a known id is named; reseal-tokens without SECRETS_ENCRYPTION_KEYS too', async () => {
      const wrong = await cli(['personal-data', 'reseal'], '', {
        // The next rotation, with the previous key mistyped under its id.
        SESSION_ENCRYPTION_KEYS: `k2027-06:${Buffer.alloc(32, 45).toString('base64')},k2026-12:${Buffer.alloc(32, 43).toString('base64')}`,
      })
      expect(wrong.code).toBe(1)
      expect(wrong.stderr).toMatch(/^Une valeur scellée ne s’ouvre pas avec la clé « k2026-12 » : .*\n$/)
      expect(wrong.stderr.split('\n')).toHaveLength(2)

      // A token sealed under a key the CLI is not given (finding M2 c).
      const rotated = new SealedBox({
        current: { id: 'k2026-12', key: Buffer.alloc(32, 44) },
      })
      await setApiParticulierToken(
        { db, box: rotated, clock: { now: () => new Date() } },
        { kind: 'admin' },
        '21330063500025',
        { token: 'opaque-cli-token-rotated-0123', expiresAt: '2028-01-01T00:00:00Z' },
      )
      const tokens = await cli(['collectivities', 'reseal-tokens'])
      expect(tokens.code).toBe(1)
      expect(tokens.stderr).toBe(
        'Une valeur est scellée avec la clé « k2026-12 », absente de SECRETS_ENCRYPTION_KEYS ici : lancez cette commande avec le même SECRETS_ENCRYPTION_KEYS que l’API (rien n’a été perdu).\n',
      )
    })
  })
})
