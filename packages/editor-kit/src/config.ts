import { readFile } from 'node:fs/promises'
import { dirname, isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { frenchErrors } from './messages.js'

/** One HubEE `FormulaireQF` subscription received by this installation (one SI credential pair). */
export const SubscriptionConfig = Type.Object(
  {
    siret: Type.String({ pattern: '^\\d{14}$', description: 'SIRET de la collectivité.' }),
    cog: Type.String({
      pattern: '^[0-9AB]{5}$',
      description: 'Code COG INSEE de la commune (branchCode HubEE).',
    }),
    hubeeClientId: Type.Optional(Type.String({ minLength: 1, description: 'Défaut : SI-<SIRET>-<COG>.' })),
    hubeeClientSecret: Type.String({ minLength: 1 }),
    apiParticulierToken: Type.Optional(Type.String({ minLength: 1 })),
    /** With the editor's one token (`apiParticulier.editorToken`): this collectivity's delegation. */
    apiParticulierDelegationId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** Secrets of the webhook of this collectivity (several during a rotation). */
    webhookSecrets: Type.Optional(Type.Array(Type.String({ minLength: 16 }))),
  },
  { additionalProperties: false },
)
export type SubscriptionConfig = Static<typeof SubscriptionConfig>

/** The whole configuration (`qf-editeur.json`, or the environment). Defaults are production's. */
export const KitConfig = Type.Object(
  {
    hubee: Type.Object(
      {
        apiUrl: Type.String({ default: 'https://api.hubee.numerique.gouv.fr' }),
        tokenUrl: Type.String({ default: 'https://auth.hubee.numerique.gouv.fr/oauth2/token' }),
        timeoutMs: Type.Integer({ minimum: 1000, default: 30_000 }),
      },
      { additionalProperties: false, default: {} },
    ),
    apiParticulier: Type.Object(
      {
        baseUrl: Type.String({ default: 'https://particulier.api.gouv.fr' }),
        timeoutMs: Type.Integer({ minimum: 1000, default: 30_000 }),
        requestsPerSecond: Type.Number({ exclusiveMinimum: 0, maximum: 20, default: 20 }),
        /**
         * The editor's one API Particulier token (since mid-2026), used with each subscription's
         * `apiParticulierDelegationId` when the subscription has no `apiParticulierToken` of its own.
         */
        editorToken: Type.Optional(Type.String({ minLength: 1 })),
      },
      { additionalProperties: false, default: {} },
    ),
    /** Where the pull state lives (one JSON file per subscription). */
    stateDir: Type.String({ default: '.qf-editeur/etat' }),
    /** Where the default handler writes the dossiers (one folder per reference). */
    inboxDir: Type.String({ default: '.qf-editeur/dossiers' }),
    /** `editorName` / `applicationName` / `softwareVersion` headers sent to HubEE. */
    editor: Type.Object(
      {
        editorName: Type.Optional(Type.String({ maxLength: 50 })),
        applicationName: Type.String({ maxLength: 50, default: 'qf-editeur' }),
        softwareVersion: Type.Optional(Type.String({ maxLength: 50 })),
        /** `author` of the STATUS_UPDATE events. */
        author: Type.String({ maxLength: 255, default: 'qf-editeur' }),
      },
      { additionalProperties: false, default: {} },
    ),
    webhook: Type.Object(
      {
        host: Type.String({ default: '127.0.0.1' }),
        port: Type.Integer({ minimum: 0, maximum: 65535, default: 8787 }),
        path: Type.String({ pattern: '^/', default: '/webhooks/formulaire-qf' }),
        /** Secrets valid for every subscription (an editor-wide webhook). */
        secrets: Type.Array(Type.String({ minLength: 16 }), { default: [] }),
        toleranceSeconds: Type.Integer({ minimum: 1, maximum: 3600, default: 300 }),
      },
      { additionalProperties: false, default: {} },
    ),
    subscriptions: Type.Array(SubscriptionConfig, { default: [] }),
  },
  { additionalProperties: false },
)
export type KitConfig = Static<typeof KitConfig>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export const hubeeClientIdOf = (s: SubscriptionConfig) => s.hubeeClientId ?? `SI-${s.siret}-${s.cog}`

/** The sample configuration for the local sandbox (`npm run demo`), shipped with the kit. */
export const sandboxConfigPath = fileURLToPath(new URL('../config/sandbox.json', import.meta.url))

type Env = Record<string, string | undefined>

/** Environment overrides (`QF_*`), applied over the file. */
function fromEnv(env: Env): Record<string, unknown> {
  const out: Record<string, Record<string, unknown> | unknown> = {}
  const section = (name: string) => (out[name] ??= {}) as Record<string, unknown>
  const num = (v: string) => (/^\d+$/.test(v) ? Number(v) : v)
  if (env.QF_HUBEE_API_URL) section('hubee').apiUrl = env.QF_HUBEE_API_URL
  if (env.QF_HUBEE_TOKEN_URL) section('hubee').tokenUrl = env.QF_HUBEE_TOKEN_URL
  if (env.QF_API_PARTICULIER_URL) section('apiParticulier').baseUrl = env.QF_API_PARTICULIER_URL
  if (env.QF_API_PARTICULIER_EDITOR_TOKEN)
    section('apiParticulier').editorToken = env.QF_API_PARTICULIER_EDITOR_TOKEN
  if (env.QF_STATE_DIR) out.stateDir = env.QF_STATE_DIR
  if (env.QF_INBOX_DIR) out.inboxDir = env.QF_INBOX_DIR
  if (env.QF_EDITOR_NAME) section('editor').editorName = env.QF_EDITOR_NAME
  if (env.QF_WEBHOOK_HOST) section('webhook').host = env.QF_WEBHOOK_HOST
  if (env.QF_WEBHOOK_PORT) section('webhook').port = num(env.QF_WEBHOOK_PORT)
  if (env.QF_WEBHOOK_SECRETS)
    section('webhook').secrets = env.QF_WEBHOOK_SECRETS.split(',').map((s) => s.trim())
  if (env.QF_SUBSCRIPTIONS) {
    try {
      out.subscriptions = JSON.parse(env.QF_SUBSCRIPTIONS)
    } catch {
      throw new ConfigError('QF_SUBSCRIPTIONS n’est pas un tableau JSON valide')
    }
  } else if (env.QF_SIRET || env.QF_HUBEE_CLIENT_SECRET) {
    out.subscriptions = [
      {
        siret: env.QF_SIRET,
        cog: env.QF_COG,
        ...(env.QF_HUBEE_CLIENT_ID ? { hubeeClientId: env.QF_HUBEE_CLIENT_ID } : {}),
        hubeeClientSecret: env.QF_HUBEE_CLIENT_SECRET,
        ...(env.QF_API_PARTICULIER_TOKEN ? { apiParticulierToken: env.QF_API_PARTICULIER_TOKEN } : {}),
        ...(env.QF_API_PARTICULIER_DELEGATION_ID
          ? { apiParticulierDelegationId: env.QF_API_PARTICULIER_DELEGATION_ID }
          : {}),
      },
    ]
  }
  return out
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base }
  for (const [k, v] of Object.entries(over)) {
    const b = out[k]
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? merge(b as Record<string, unknown>, v as Record<string, unknown>)
        : v
  }
  return out
}

async function readJsonFile(path: string): Promise<Record<string, unknown>> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    throw new ConfigError(`Fichier de configuration introuvable : ${path}`)
  }
  try {
    const value: unknown = JSON.parse(text)
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object')
    return value as Record<string, unknown>
  } catch {
    throw new ConfigError(`Fichier de configuration illisible (JSON attendu) : ${path}`)
  }
}

/** Validates a configuration object (defaults filled in), or throws a ConfigError naming the paths. */
export function parseConfig(raw: unknown, baseDir = process.cwd()): KitConfig {
  const value = Value.Default(KitConfig, structuredClone(raw ?? {}))
  if (!Value.Check(KitConfig, value)) {
    const errors = frenchErrors(Value.Errors(KitConfig, value), 5)
    throw new ConfigError(`Configuration invalide : ${errors.join(' ; ')}`)
  }
  const config: KitConfig = value
  for (const url of [config.hubee.apiUrl, config.hubee.tokenUrl, config.apiParticulier.baseUrl])
    if (!/^https?:\/\//.test(url)) throw new ConfigError(`URL invalide : ${url}`)
  const sirets = new Set<string>()
  for (const s of config.subscriptions) {
    if (sirets.has(`${s.siret}-${s.cog}`)) throw new ConfigError(`Abonnement en double : ${s.siret}-${s.cog}`)
    sirets.add(`${s.siret}-${s.cog}`)
  }
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p))
  return { ...config, stateDir: abs(config.stateDir), inboxDir: abs(config.inboxDir) }
}

export interface LoadConfigOptions {
  /** `--config <file>`; else `QF_CONFIG`; else `./qf-editeur.json` when it exists. */
  file?: string
  /** `--sandbox`: start from the shipped sandbox sample configuration. */
  sandbox?: boolean
  env?: Env
  cwd?: string
}

/** File (or the sandbox sample), then `QF_*` variables over it, then validation. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<KitConfig> {
  const env = options.env ?? process.env
  const cwd = options.cwd ?? process.cwd()
  let raw: Record<string, unknown> = {}
  let baseDir = cwd
  const explicit = options.file ?? env.QF_CONFIG
  if (options.sandbox) raw = merge(raw, await readJsonFile(sandboxConfigPath))
  if (explicit) {
    const path = resolve(cwd, explicit)
    raw = merge(raw, await readJsonFile(path))
    baseDir = dirname(path)
  } else if (!options.sandbox) {
    const local = resolve(cwd, 'qf-editeur.json')
    try {
      raw = merge(raw, await readJsonFile(local))
      baseDir = dirname(local)
    } catch {
      // No local file: environment and defaults only.
    }
  }
  return parseConfig(merge(raw, fromEnv(env)), baseDir)
}
