import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { decodeCsv } from '@qf/editor-kit/csv'
import {
  collectivityLifecycles,
  type CollectivityImport,
  type CollectivityUpdate,
  type CollectivityWrite,
  type OnboardingState,
} from '@qf/contracts'
import type { Config } from '../config/load.js'
import { createDb, type Db } from '../db/connection.js'
import { AppError } from '../errors/catalog.js'
import { SealedBox, SealedBoxError } from '../lib/sealed-box.js'
import { resealSessions } from '../modules/journey/index.js'
import { resealDossiers } from '../modules/submissions/index.js'
import { getCollectivityHealth, getEditorHealth, repairCollectivity } from '../modules/diagnostics/index.js'
import { onboardingJobs, postgresOnboardingStore } from '../modules/onboarding/index.js'
import { checkHubeeSubscriptions } from '../modules/collectivities/index.js'
import {
  checkCollectivityHubee,
  collectivityTransitions,
  createApiKey,
  createCollectivity,
  deactivateCollectivity,
  getCollectivity,
  getOnboardingStatus,
  importCollectivities,
  listApiKeys,
  listCollectivities,
  listOnboardingStatus,
  markExpiringApiParticulierTokens,
  parseScope,
  resealTokens,
  retryOnboardingNow,
  revokeApiKey,
  schemaErrors,
  scopeText,
  setApiParticulierToken,
  toAdminCollectivity,
  toExpiringTokens,
  toOnboardingView,
  toTransitionView,
  updateCollectivity,
  type Scope,
} from '../modules/registry/index.js'
import { listAudit } from '../modules/audit/index.js'
import { migrate } from '../open-database.js'
import { resealWebhookSecrets } from '../modules/webhooks/index.js'
import { buildPorts, type Ports } from '../ports.js'

export interface CliIo {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
  /** The token of `set-token` when `--token` is not given (`--token` is refused in production). */
  readStdin(): Promise<string>
}

export interface CliContext {
  config: Config
  databaseUrl: string
  /** Adapters to use instead of the configured ones (tests). */
  ports?: Partial<Ports>
  /** Where relative file names are read from (the directory `npm run cli` was started in). */
  cwd?: string
}

export const usage = `Formulaire QF — operations CLI (same use cases as the admin API, on DATABASE_URL)

  npm run cli -- collectivities list [--status active|inactive] [--lifecycle draft|awaiting_hubee|active|suspended|closed]
                   [--editor SIRET] [--departement 2A] [--token-expiring]
  npm run cli -- collectivities show SIRET
  npm run cli -- collectivities transitions SIRET   (its lifecycle: who, when, why)
  npm run cli -- collectivities check-hubee [SIRET]   (reads the HubEE subscriptions back now)
  npm run cli -- collectivities create --siret S --name N --cog COG --postal-codes 04270[,…]
                   [--editor-siret S --editor-name N] [--redirect-origins https://a[,…]] [--status active|inactive]
  npm run cli -- collectivities update SIRET [the same options]
  npm run cli -- collectivities deactivate SIRET
  npm run cli -- collectivities import FILE.csv|FILE.json
  npm run cli -- collectivities set-token SIRET [--expires-at 2028-05-31T23:59:59Z]   (token read from stdin)
  npm run cli -- collectivities reseal-tokens   (registry secrets, SECRETS_ENCRYPTION_KEYS)
  npm run cli -- personal-data reseal   (journey sessions and dossiers kept sealed, SESSION_ENCRYPTION_KEYS)
  npm run cli -- collectivities health SIRET      (HubEE subscription read back, editor, token, webhook)
  npm run cli -- collectivities repair SIRET      (the automatic repairs, then the health read back)
  npm run cli -- editors health EDITOR_SIRET      (every collectivity of that editor)
  npm run cli -- api-keys create --scope admin|editor:SIRET --label TEXT   (prints the key once)
  npm run cli -- api-keys list
  npm run cli -- api-keys revoke KEY_ID
  npm run cli -- onboarding list [--siret S] [--state in_progress|waiting_retry|failed|completed]
  npm run cli -- onboarding status DATAPASS_ID
  npm run cli -- onboarding retry DATAPASS_ID
  npm run cli -- tokens mark-expiring
  npm run cli -- tokens expiring
  npm run cli -- audit list [--key KEY_ID] [--siret S] [--since 2026-12-01T00:00:00Z] [--limit 100]

Exit codes: 0 ok, 1 refused (the problem is printed), 2 usage,
3 health/repair: a blocking problem remains (the report is printed).
`

class UsageError extends Error {}

/**
 * A sealed value this command cannot open, in one French sentence for the operator: the command
 * needs the same keyring as the API (`variable`), key ids unchanged.
 */
class KeyringRefusal extends Error {
  constructor(error: SealedBoxError, variable: string) {
    const key = error.keyId === null ? 'sans identifiant (ancien format)' : `« ${error.keyId} »`
    super(
      error.failure === 'unknown_key'
        ? `Une valeur est scellée avec la clé ${key}, absente de ${variable} ici : lancez cette commande avec le même ${variable} que l’API (rien n’a été perdu).`
        : error.failure === 'not_authentic'
          ? `Une valeur scellée ne s’ouvre pas avec la clé ${key} : vérifiez que ${variable} donne ici à chaque identifiant la clé sous laquelle l’API l’a utilisée (un identifiant ne change jamais de clé).`
          : `Une valeur scellée (clé ${key}) est illisible, la donnée est altérée : elle ne peut pas être rescellée.`,
    )
  }
}

/** Runs `work`, turning a value that does not open into a KeyringRefusal naming `variable`. */
async function withKeyring<T>(variable: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof SealedBoxError) throw new KeyringRefusal(error, variable)
    throw error
  }
}

const onboardingStates: readonly OnboardingState[] = ['in_progress', 'waiting_retry', 'failed', 'completed']
/** After `schemaErrors` found nothing: the items are writes. */
const isWrite = (item: unknown): item is CollectivityWrite => typeof item === 'object' && item !== null

const options = {
  status: { type: 'string' },
  lifecycle: { type: 'string' },
  editor: { type: 'string' },
  departement: { type: 'string' },
  'token-expiring': { type: 'boolean' },
  siret: { type: 'string' },
  name: { type: 'string' },
  cog: { type: 'string' },
  'postal-codes': { type: 'string' },
  'editor-siret': { type: 'string' },
  'editor-name': { type: 'string' },
  'no-editor': { type: 'boolean' },
  'redirect-origins': { type: 'string' },
  'expires-at': { type: 'string' },
  token: { type: 'string' },
  scope: { type: 'string' },
  label: { type: 'string' },
  state: { type: 'string' },
  key: { type: 'string' },
  since: { type: 'string' },
  limit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values']

const list = (v: string | undefined) =>
  v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
const lifecycle = (v: string | undefined) => {
  if (v === undefined) return undefined
  const found = collectivityLifecycles.find((l) => l === v)
  if (!found) throw new UsageError(`--lifecycle: ${collectivityLifecycles.join(', ')}`)
  return found
}
const status = (v: string | undefined) => {
  if (v === undefined) return undefined
  if (v !== 'active' && v !== 'inactive') throw new UsageError('--status: active or inactive')
  return v
}

function writeFields(v: Values): CollectivityUpdate {
  const editor =
    v['no-editor'] === true
      ? null
      : v['editor-siret'] !== undefined || v['editor-name'] !== undefined
        ? { siret: v['editor-siret'] ?? '', name: v['editor-name'] ?? '' }
        : undefined
  return {
    ...(v.name !== undefined ? { name: v.name } : {}),
    ...(v.cog !== undefined ? { cogCode: v.cog } : {}),
    ...(v['postal-codes'] !== undefined ? { postalCodes: list(v['postal-codes']) ?? [] } : {}),
    ...(status(v.status) !== undefined ? { status: status(v.status) } : {}),
    ...(editor !== undefined ? { editor } : {}),
    ...(v['redirect-origins'] !== undefined
      ? { allowedRedirectOrigins: list(v['redirect-origins']) ?? [] }
      : {}),
  }
}

const required = (value: string | undefined, what: string) => {
  if (!value) throw new UsageError(`missing ${what}`)
  return value
}

const datapassId = (value: string | undefined) => {
  const id = Number(required(value, 'DATAPASS_ID'))
  if (!Number.isInteger(id) || id <= 0) throw new UsageError('DATAPASS_ID: a positive integer')
  return id
}

/** Runs one CLI command; returns the exit code. Ops act as `admin` (they hold the database). */
export async function runCli(argv: readonly string[], context: CliContext, io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n\n${usage}`)
    return 2
  }
  const { values: v, positionals } = parsed
  const [group, command, arg] = positionals
  if (v.help || !group) {
    io.stdout.write(usage)
    return v.help ? 0 : 2
  }
  const out = (value: unknown) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
  const admin: Scope = { kind: 'admin' }

  await migrate(context.databaseUrl)
  const db: Db = createDb(context.databaseUrl, 2)
  const box = new SealedBox(context.config.security.secretsKeyring)
  const clock = context.ports?.clock ?? { now: () => new Date() }
  const registry = { db, box, clock }
  const built: { close(): Promise<void> }[] = []
  /** The outside systems' adapters, built on first need and closed when the command ends. */
  const outsidePorts = () => {
    const ports = buildPorts(
      {
        config: context.config,
        databaseUrl: context.databaseUrl,
        logError: (e) => io.stderr.write(`${e.message}\n`),
      },
      { clock, ...context.ports },
    )
    built.push(ports)
    return ports
  }
  const onboardingDeps = async () => {
    const ports = outsidePorts()
    const deps = {
      companyRegistry: ports.ports.companyRegistry,
      hubeeReferential: ports.ports.hubeeReferential,
      store: postgresOnboardingStore(db, { jobQueue: ports.ports.jobQueue }),
      clock,
      jobQueue: ports.ports.jobQueue,
    }
    await ports.ports.jobQueue.start(onboardingJobs(deps, { info: () => undefined, warn: () => undefined }), {
      work: false,
    })
    return deps
  }

  const diagnosticsDeps = () => {
    const ports = outsidePorts()
    return { db, box, clock, hubeeReferential: ports.ports.hubeeReferential }
  }
  /** The report on stdout; exit 3 while a blocking problem remains. */
  const health = (report: { healthy: boolean }) => {
    out(report)
    return report.healthy ? 0 : 3
  }

  try {
    switch (`${group} ${command ?? ''}`) {
      case 'collectivities list': {
        const found = await listCollectivities(registry, admin, {
          offered: v.status === undefined ? undefined : status(v.status) === 'active',
          lifecycle: lifecycle(v.lifecycle),
          editorSiret: v.editor,
          departement: v.departement,
          tokenExpiring: v['token-expiring'] === true ? true : undefined,
          limit: 100_000,
        })
        out(found.map(toAdminCollectivity))
        return 0
      }
      case 'collectivities show': {
        out(toAdminCollectivity(await getCollectivity(registry, admin, required(arg, 'SIRET'))))
        return 0
      }
      case 'collectivities check-hubee': {
        const deps = { db, hubeeReferential: outsidePorts().ports.hubeeReferential, clock }
        if (arg) {
          const checked = await checkCollectivityHubee(deps, admin, arg)
          io.stdout.write(`${checked.siret}: ${checked.lifecycle}\n`)
          return 0
        }
        out(await checkHubeeSubscriptions(deps, { kind: 'hubee_check', id: 'cli' }))
        return 0
      }
      case 'collectivities transitions': {
        out((await collectivityTransitions(registry, admin, required(arg, 'SIRET'))).map(toTransitionView))
        return 0
      }
      case 'collectivities create': {
        const { name, cogCode, postalCodes, ...rest } = writeFields(v)
        const write: CollectivityWrite = {
          siret: required(v.siret, '--siret'),
          name: required(name, '--name'),
          cogCode: required(cogCode, '--cog'),
          postalCodes: postalCodes ?? [],
          ...rest,
        }
        const errors = schemaErrors(write, 'options')
        if (errors.length) throw new AppError('validation', { detail: 'Options invalides.', errors })
        const created = await createCollectivity(registry, admin, write)
        io.stdout.write(`created ${created.siret} (${created.name}, ${created.lifecycle})\n`)
        return 0
      }
      case 'collectivities update': {
        const fields = writeFields(v)
        if (Object.keys(fields).length === 0) throw new UsageError('nothing to update')
        const errors = schemaErrors(fields, 'options', 'update')
        if (errors.length) throw new AppError('validation', { detail: 'Options invalides.', errors })
        const updated = await updateCollectivity(registry, admin, required(arg, 'SIRET'), fields)
        io.stdout.write(`updated ${updated.siret} (${updated.name}, ${updated.lifecycle})\n`)
        return 0
      }
      case 'collectivities deactivate': {
        const done = await deactivateCollectivity(registry, admin, required(arg, 'SIRET'))
        io.stdout.write(`deactivated ${done.siret} (${done.name})\n`)
        return 0
      }
      case 'collectivities import': {
        const file = required(arg, 'FILE')
        const bytes = await readFile(resolve(context.cwd ?? process.cwd(), file)).catch((e: unknown) => {
          throw new UsageError(
            (e as NodeJS.ErrnoException).code === 'ENOENT' ? `fichier introuvable : ${file}` : String(e),
          )
        })
        // A CSV in UTF-8 or in Windows-1252 (French Excel), detected by the kit's shared reader.
        let text: string
        try {
          text = /\.json$/i.test(file) ? bytes.toString('utf8') : decodeCsv(bytes).text
        } catch (e) {
          throw new UsageError(`${file} : ${e instanceof Error ? e.message : String(e)}`)
        }
        let input: CollectivityImport
        if (/\.json$/i.test(file)) {
          const items: unknown = JSON.parse(text)
          if (!Array.isArray(items)) throw new UsageError('a JSON import is an array of collectivities')
          const errors = items.flatMap((item: unknown, i) => schemaErrors(item, `items[${i}]`))
          if (errors.length) throw new AppError('importInvalid', { detail: 'Rien n’a été importé.', errors })
          input = { items: items.filter(isWrite) }
        } else input = { csv: text }
        const result = await importCollectivities(registry, admin, input)
        io.stdout.write(
          `imported: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged\n`,
        )
        return 0
      }
      case 'collectivities set-token': {
        const siret = required(arg, 'SIRET')
        // On the command line the token lands in the shell history and the process list.
        if (v.token !== undefined && context.config.env === 'production')
          throw new UsageError('--token is refused in production: give the token on stdin')
        const token = (v.token ?? (await io.readStdin())).trim()
        if (!token) throw new UsageError('the token is read from stdin (or --token)')
        const stored = await setApiParticulierToken(registry, admin, siret, {
          token,
          ...(v['expires-at'] ? { expiresAt: v['expires-at'] } : {}),
        })
        const state = toAdminCollectivity(stored).apiParticulierToken
        io.stdout.write(
          `token set for ${siret}, expires on ${state.expiresAt ?? '?'} (${state.source ?? '?'})\n`,
        )
        return 0
      }
      case 'collectivities reseal-tokens': {
        // Every secret sealed at rest: the API Particulier tokens and the webhook secrets.
        const { tokens, webhooks } = await withKeyring('SECRETS_ENCRYPTION_KEYS', async () => ({
          tokens: await resealTokens(registry),
          webhooks: await resealWebhookSecrets(registry),
        }))
        const result = { resealed: tokens.resealed + webhooks.resealed, left: tokens.left + webhooks.left }
        io.stdout.write(`resealed ${result.resealed}, left ${result.left}\n`)
        return result.left === 0 ? 0 : 1
      }
      case 'personal-data reseal': {
        // The journey sessions and the dossiers kept sealed (queued, or failed within their retention).
        const sessionBox = new SealedBox(context.config.security.sessionKeyring)
        const { sessions, dossiers } = await withKeyring('SESSION_ENCRYPTION_KEYS', async () => ({
          sessions: await resealSessions({ db, box: sessionBox }),
          dossiers: await resealDossiers({ db, box: sessionBox }),
        }))
        const left = sessions.left + dossiers.left
        io.stdout.write(
          `resealed ${sessions.resealed + dossiers.resealed} (sessions ${sessions.resealed}, dossiers ${dossiers.resealed}), left ${left}, key ${sessionBox.currentKeyId}\n`,
        )
        return left === 0 ? 0 : 1
      }
      case 'collectivities health': {
        return health(await getCollectivityHealth(diagnosticsDeps(), admin, required(arg, 'SIRET')))
      }
      case 'collectivities repair': {
        const repair = await repairCollectivity(diagnosticsDeps(), admin, required(arg, 'SIRET'))
        out(repair)
        return repair.health.healthy ? 0 : 3
      }
      case 'editors health': {
        const siret = required(arg, 'EDITOR_SIRET')
        if (!/^\d{14}$/.test(siret)) throw new UsageError('EDITOR_SIRET: 14 digits')
        return health(await getEditorHealth(diagnosticsDeps(), admin, siret))
      }
      case 'api-keys create': {
        const scope = parseScope(required(v.scope, '--scope'))
        if (!scope) throw new UsageError('--scope: admin or editor:<SIRET>')
        const { key, record } = await createApiKey(db, { scope, label: required(v.label, '--label') })
        io.stdout.write(
          `API key ${record.id} (${scopeText(record.scope)}) — shown once, store it now:\n${key}\n`,
        )
        return 0
      }
      case 'api-keys list': {
        out(
          (await listApiKeys(db)).map((k) => ({
            id: k.id,
            scope: scopeText(k.scope),
            label: k.label,
            createdAt: k.createdAt.toISOString(),
            lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
            revokedAt: k.revokedAt?.toISOString() ?? null,
          })),
        )
        return 0
      }
      case 'api-keys revoke': {
        const id = required(arg, 'KEY_ID')
        if (!(await revokeApiKey(db, id, clock.now()))) {
          io.stderr.write(`no API key ${id}\n`)
          return 1
        }
        io.stdout.write(`revoked ${id}\n`)
        return 0
      }
      case 'onboarding list': {
        const state = onboardingStates.find((s) => s === v.state)
        if (v.state !== undefined && !state)
          throw new UsageError('--state: in_progress, waiting_retry, failed or completed')
        const found = await listOnboardingStatus(registry, admin, {
          siret: v.siret,
          state,
          limit: 1000,
        })
        out(found.map(toOnboardingView))
        return 0
      }
      case 'onboarding status': {
        out(toOnboardingView(await getOnboardingStatus(registry, admin, datapassId(arg))))
        return 0
      }
      case 'onboarding retry': {
        const outcome = await retryOnboardingNow(await onboardingDeps(), admin, datapassId(arg))
        io.stdout.write(
          `onboarding ${outcome.datapassId}: ${outcome.state}${'code' in outcome ? ` (${outcome.code})` : ''}\n`,
        )
        return outcome.state === 'completed' ? 0 : 1
      }
      case 'audit list': {
        const since = v.since === undefined ? undefined : new Date(v.since)
        if (since && Number.isNaN(since.getTime())) throw new UsageError('--since: an ISO 8601 date')
        const limit = Number(v.limit ?? '100')
        if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
          throw new UsageError('--limit: an integer from 1 to 10000')
        out(await listAudit(db, { keyId: v.key, collectivity: v.siret, since, limit }))
        return 0
      }
      case 'tokens mark-expiring': {
        io.stdout.write(`marked: ${await markExpiringApiParticulierTokens(registry)}\n`)
        return 0
      }
      case 'tokens expiring': {
        const found = await listCollectivities(registry, admin, { tokenExpiring: true, limit: 100_000 })
        out(toExpiringTokens(found, clock.now()).items)
        return 0
      }
      default:
        throw new UsageError(`unknown command: ${positionals.join(' ')}`)
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`${err.message}\n\n${usage}`)
      return 2
    }
    if (err instanceof KeyringRefusal) {
      io.stderr.write(`${err.message}\n`)
      return 1
    }
    if (err instanceof AppError) {
      const lines = [`${err.status} ${err.key}: ${err.detail ?? err.message}`]
      for (const e of err.errors ?? []) lines.push(`  ${e.name}: ${e.reason}`)
      io.stderr.write(`${lines.join('\n')}\n`)
      return 1
    }
    throw err
  } finally {
    for (const b of built) await b.close()
    await db.destroy()
  }
}
