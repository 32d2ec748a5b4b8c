import { Value } from '@sinclair/typebox/value'
import { createHash } from 'node:crypto'
import { parseSealingKeys, type SealingKeyring } from '../lib/sealed-box.js'
import { type DecryptionJwk, parseDecryptionJwks } from '../lib/decryption-jwks.js'
import { parseNetworks, productionUrlRefusal } from '../lib/url-policy.js'
import { sharedKeys, weakKeyRefusal, weakSecretRefusal } from './key-strength.js'
import { EnvSchema, publicUrlVariables, secretVariables, serviceUrlVariables, type Env } from './env.js'

/** The configuration, grouped by concern, derived from the validated environment. */
export interface Config {
  env: Env['NODE_ENV']
  logLevel: Env['LOG_LEVEL']
  http: {
    host: string
    port: number
    publicUrl: string
    webUrl: string
    corsOrigins: string[]
    /** `true` (every hop), `false`, or the proxy's addresses as `address/length` (only those are trusted). */
    trustProxy: boolean | string[]
    /** Whether /docs (Swagger UI) is served: `API_DOCS`, default off in production. */
    docs: boolean
    rateLimit: { max: number; windowMs: number }
    requestTimeoutMs: number
    shutdownGraceMs: number
  }
  database: {
    url: string | undefined
    poolMax: number
    embeddedDir: string
    /** At start: how long an unreachable Postgres is waited for (retrying), in ms. */
    waitMs: number
  }
  franceconnect: {
    issuer: string
    clientId: string
    clientSecret: string
    redirectUri: string
    postLogoutRedirectUri: string
    /** Private keys for FranceConnect's encrypted answers (JWE); empty when not enabled. */
    decryptionKeys: DecryptionJwk[]
  }
  apiParticulier: { url: string; timeoutMs: number }
  hubee: {
    apiUrl: string
    tokenUrl: string
    clientId: string
    clientSecret: string
    /** The referential administrator (ADMIN scope): onboarding creates organisations and subscriptions. */
    adminClientId: string
    adminClientSecret: string
    /** OAuth2 scope of the referential client (`ADMIN` or `DATAPASS`). */
    referentialScope: 'ADMIN' | 'DATAPASS'
    /** Cron (UTC) of the subscriptions re-check. */
    subscriptionCheckCron: string
    timeoutMs: number
  }
  delivery: {
    /** Retry a failing delivery this long after the submission, then mark it `failed`. */
    horizonMs: number
    /** Seconds before the first retry (doubled each time). */
    retryDelaySeconds: number
    /** Cron (UTC) of the status sync. */
    statusSyncCron: string
    /** How long the sealed dossier of a `failed` sending is kept. */
    failedDossierRetentionMs: number
    /** How long a trace is kept after its submission. */
    traceRetentionMs: number
  }
  journey: {
    /** Idle expiry of a journey session. */
    sessionIdleMs: number
  }
  insee: { apiUrl: string; apiKey: string }
  metrics: { token: string | undefined }
  security: {
    /**
     * Seals the personal data at rest (journey sessions, dossiers waiting for delivery): current key
     * first, the others only open.
     */
    sessionKeyring: SealingKeyring
    /** Seals the registry's secrets (API Particulier tokens…): current key first. */
    secretsKeyring: SealingKeyring
  }
  registry: {
    datapassWebhookSecret: string
    /** QF lookups by identity per second and per collectivity token (token bucket). */
    lookupRatePerSecond: number
  }
  /** The audit trail of the API keys: how long a record is kept. */
  audit: { retentionMs: number }
  /** Whether this process works the job queue (it always enqueues). */
  jobs: { work: boolean }
  webhooks: {
    timeoutMs: number
    retryDelaySeconds: number
    horizonSeconds: number
    /** Outside production: private networks a local test's receiver may be on (`WEBHOOK_ALLOWED_NETWORKS`). */
    allowedNetworks: ReturnType<typeof parseNetworks>
  }
  demo: { seed: boolean; webhookUrl: string | undefined }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

const defaults = Value.Default(EnvSchema, {}) as Record<string, unknown>
const hour = 3600 * 1000

/**
 * The demo keyring when `SECRETS_ENCRYPTION_KEYS` is unset (never in production): a fixed key
 * derived from a public phrase, so the demo's sealed rows survive restarts. Public, hence worthless.
 */
export const demoSecretsKey = createHash('sha256').update('formulaire-qf demo secrets key').digest()
const demoSecretsKeys = `demo:${demoSecretsKey.toString('base64')}`
/**
 * The demo session key when neither session variable is set (never in production): the former
 * default of `SESSION_ENCRYPTION_KEY`, under the id `k0` its rows already carry. Public, hence worthless.
 */
export const demoSessionKey = Buffer.from('ZGVtby1vbmx5LWtleS1kZW1vLW9ubHkta2V5LWRlbW8=', 'base64')
/** The id of the legacy single key (`SESSION_ENCRYPTION_KEY`, and `new SealedBox(key)`): rows read `v2.k0.…`. */
export const legacySessionKeyId = 'k0'

/** The keys anyone can read in this repository: never in production, whichever variable holds them. */
const publicDemoKeys = [demoSecretsKey, demoSessionKey]

/** The session keyring: SESSION_ENCRYPTION_KEYS, else the legacy single key as `k0`, else the demo key. */
function sessionKeys(env: Env): string {
  if (env.SESSION_ENCRYPTION_KEYS) return env.SESSION_ENCRYPTION_KEYS
  return `${legacySessionKeyId}:${env.SESSION_ENCRYPTION_KEY ?? demoSessionKey.toString('base64')}`
}

/** What production refuses in a keyring: the public demo key, one key listed under two ids. */
function keyringRefusals(name: string, value: string, demoKey: Buffer): string[] {
  const ring = parseSealingKeys(value)
  const keys = [ring.current, ...(ring.previous ?? [])]
  const problems: string[] = []
  if (keys.some((k) => k.key.equals(demoKey)))
    problems.push(`${name}: the demo key must not be used in production`)
  if (new Set(keys.map((k) => k.key.toString('base64'))).size !== keys.length)
    problems.push(`${name}: one key is listed under two ids`)
  for (const k of keys) {
    const refusal = weakKeyRefusal(k.key, publicDemoKeys)
    if (refusal && !k.key.equals(demoKey)) problems.push(`${name}: the key ${k.id} ${refusal}`)
  }
  return problems
}
const stripSlash = (u: string) => u.replace(/\/+$/, '')

/** Parses and validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {}
  for (const key of Object.keys(EnvSchema.properties)) {
    const v = source[key]
    if (v !== undefined && v !== '') raw[key] = v
  }
  const converted = Value.Convert(EnvSchema, Value.Default(EnvSchema, raw))
  const problems = [...Value.Errors(EnvSchema, converted)].map((e) => {
    const name = e.path.replace(/^\//, '') || '(environment)'
    return `${name}: ${e.message}${name in raw ? ` (got ${JSON.stringify(raw[name])})` : ''}`
  })
  const env = converted as Env
  for (const name of ['SECRETS_ENCRYPTION_KEYS', 'SESSION_ENCRYPTION_KEYS'] as const) {
    const value = env[name]
    if (!value) continue
    try {
      parseSealingKeys(value)
    } catch (err) {
      problems.push(`${name}: ${(err as Error).message}`)
    }
  }
  if (env.SESSION_ENCRYPTION_KEYS && env.SESSION_ENCRYPTION_KEY)
    problems.push(
      'SESSION_ENCRYPTION_KEY: set SESSION_ENCRYPTION_KEYS alone (write this key in it as ' +
        `${legacySessionKeyId}:<key>, the id its rows carry)`,
    )
  if (env.FRANCECONNECT_DECRYPTION_JWKS) {
    try {
      parseDecryptionJwks(env.FRANCECONNECT_DECRYPTION_JWKS)
    } catch (err) {
      problems.push(`FRANCECONNECT_DECRYPTION_JWKS: ${(err as Error).message}`)
    }
  }
  try {
    parseTrustProxy(env.TRUST_PROXY)
  } catch (err) {
    problems.push(`TRUST_PROXY: ${(err as Error).message}`)
  }
  if (env.WEBHOOK_ALLOWED_NETWORKS) {
    try {
      parseNetworks(env.WEBHOOK_ALLOWED_NETWORKS)
    } catch (err) {
      problems.push(`WEBHOOK_ALLOWED_NETWORKS: ${(err as Error).message}`)
    }
  }
  if (problems.length) throw new ConfigError(problems)
  if (env.NODE_ENV === 'production') assertProductionReady(env, raw)
  return toConfig(env)
}

function assertProductionReady(env: Env, provided: Record<string, unknown>) {
  const problems: string[] = []
  for (const key of secretVariables) {
    if (!(key in provided) || env[key] === defaults[key])
      problems.push(`${key}: must be set to a real secret in production`)
  }
  for (const key of serviceUrlVariables) {
    if (env[key] === defaults[key])
      problems.push(
        `${key}: points at the local stand-ins (${env[key]}); set the real service URL in production`,
      )
    else {
      const refusal = productionUrlRefusal(env[key])
      if (refusal) problems.push(`${key}: ${refusal}`)
    }
  }
  for (const key of publicUrlVariables) {
    const refusal = productionUrlRefusal(env[key])
    if (refusal) problems.push(`${key}: ${refusal}`)
  }
  for (const origin of env.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean)) {
    const refusal = productionUrlRefusal(origin)
    if (refusal) problems.push(`CORS_ORIGINS: ${origin} ${refusal}`)
  }
  if (!env.METRICS_TOKEN) problems.push('METRICS_TOKEN: must be set in production (/metrics is not public)')
  if (!env.DATABASE_URL)
    problems.push('DATABASE_URL: must be set in production (the embedded database is for the demo)')
  if (!env.SECRETS_ENCRYPTION_KEYS)
    problems.push(
      'SECRETS_ENCRYPTION_KEYS: must be set in production (the registry secrets are sealed with it)',
    )
  else
    problems.push(...keyringRefusals('SECRETS_ENCRYPTION_KEYS', env.SECRETS_ENCRYPTION_KEYS, demoSecretsKey))
  if (!env.SESSION_ENCRYPTION_KEYS && !env.SESSION_ENCRYPTION_KEY)
    problems.push(
      'SESSION_ENCRYPTION_KEYS: must be set in production (the sessions and the dossiers waiting for ' +
        'delivery are sealed with it)',
    )
  else
    problems.push(
      ...keyringRefusals(
        env.SESSION_ENCRYPTION_KEYS ? 'SESSION_ENCRYPTION_KEYS' : 'SESSION_ENCRYPTION_KEY',
        sessionKeys(env),
        demoSessionKey,
      ),
    )
  if (env.SECRETS_ENCRYPTION_KEYS && (env.SESSION_ENCRYPTION_KEYS || env.SESSION_ENCRYPTION_KEY)) {
    const ringKeys = (value: string) => {
      const ring = parseSealingKeys(value)
      return [ring.current, ...(ring.previous ?? [])].map((k) => k.key)
    }
    if (sharedKeys(ringKeys(sessionKeys(env)), ringKeys(env.SECRETS_ENCRYPTION_KEYS)))
      problems.push(
        `${env.SESSION_ENCRYPTION_KEYS ? 'SESSION_ENCRYPTION_KEYS' : 'SESSION_ENCRYPTION_KEY'}: must differ from every key of SECRETS_ENCRYPTION_KEYS (one leak would open both)`,
      )
  }
  for (const key of [...secretVariables, 'METRICS_TOKEN'] as const) {
    const value = env[key]
    if (value === undefined || value === defaults[key]) continue
    const refusal = weakSecretRefusal(value)
    if (refusal) problems.push(`${key}: ${refusal}`)
  }
  if (env.DEMO_SEED) problems.push('DEMO_SEED: the demo collectivities must not be seeded in production')
  if (env.WEBHOOK_ALLOWED_NETWORKS)
    problems.push('WEBHOOK_ALLOWED_NETWORKS: private webhook receivers are for local tests, not production')
  if (env.DEMO_WEBHOOK_URL) problems.push('DEMO_WEBHOOK_URL: the demo webhook must not be set in production')
  if (problems.length) throw new ConfigError(problems)
}

/** `true` / `false` / `172.28.0.10,10.0.0.0/8` → the trust setting (a bare address is one host). */
function parseTrustProxy(text: string): boolean | string[] {
  if (text === 'true') return true
  if (text === 'false') return false
  const withLength = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (s.includes('/') ? s : `${s}/${s.includes(':') ? 128 : 32}`))
  return parseNetworks(withLength.join(',')).map((n) => `${n.prefix}/${n.length}`)
}

function toConfig(env: Env): Config {
  const publicUrl = stripSlash(env.API_PUBLIC_URL)
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    http: {
      host: env.HOST,
      port: env.PORT,
      publicUrl,
      webUrl: stripSlash(env.WEB_PUBLIC_URL),
      corsOrigins: env.CORS_ORIGINS.split(',')
        .map((o) => stripSlash(o.trim()))
        .filter(Boolean),
      trustProxy: parseTrustProxy(env.TRUST_PROXY),
      docs: env.API_DOCS ?? env.NODE_ENV !== 'production',
      rateLimit: { max: env.RATE_LIMIT_MAX, windowMs: env.RATE_LIMIT_WINDOW_MS },
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    },
    database: {
      url: env.DATABASE_URL,
      poolMax: env.DATABASE_POOL_MAX,
      embeddedDir: env.EMBEDDED_DATABASE_DIR,
      waitMs: env.DATABASE_WAIT_SECONDS * 1000,
    },
    franceconnect: {
      issuer: stripSlash(env.FRANCECONNECT_ISSUER),
      clientId: env.FRANCECONNECT_CLIENT_ID,
      clientSecret: env.FRANCECONNECT_CLIENT_SECRET,
      redirectUri: `${publicUrl}/api/v1/auth/franceconnect/callback`,
      postLogoutRedirectUri: `${publicUrl}/api/v1/auth/franceconnect/logout-callback`,
      decryptionKeys: env.FRANCECONNECT_DECRYPTION_JWKS
        ? parseDecryptionJwks(env.FRANCECONNECT_DECRYPTION_JWKS)
        : [],
    },
    apiParticulier: { url: stripSlash(env.API_PARTICULIER_URL), timeoutMs: env.API_PARTICULIER_TIMEOUT_MS },
    hubee: {
      apiUrl: stripSlash(env.HUBEE_API_URL),
      tokenUrl: env.HUBEE_TOKEN_URL,
      clientId: env.HUBEE_CLIENT_ID,
      clientSecret: env.HUBEE_CLIENT_SECRET,
      adminClientId: env.HUBEE_ADMIN_CLIENT_ID,
      adminClientSecret: env.HUBEE_ADMIN_CLIENT_SECRET,
      referentialScope: env.HUBEE_REFERENTIAL_SCOPE,
      subscriptionCheckCron: env.HUBEE_SUBSCRIPTION_CHECK_CRON,
      timeoutMs: env.HUBEE_TIMEOUT_MS,
    },
    delivery: {
      horizonMs: env.DELIVERY_HORIZON_HOURS * hour,
      retryDelaySeconds: env.DELIVERY_RETRY_DELAY_SECONDS,
      statusSyncCron: env.STATUS_SYNC_CRON,
      failedDossierRetentionMs: env.FAILED_DOSSIER_RETENTION_HOURS * hour,
      traceRetentionMs: env.SUBMISSION_RETENTION_DAYS * 24 * hour,
    },
    journey: { sessionIdleMs: env.SESSION_IDLE_SECONDS * 1000 },
    insee: { apiUrl: stripSlash(env.INSEE_API_URL), apiKey: env.INSEE_API_KEY },
    metrics: { token: env.METRICS_TOKEN },
    security: {
      sessionKeyring: parseSealingKeys(sessionKeys(env)),
      secretsKeyring: parseSealingKeys(env.SECRETS_ENCRYPTION_KEYS ?? demoSecretsKeys),
    },
    registry: {
      datapassWebhookSecret: env.DATAPASS_WEBHOOK_SECRET,
      lookupRatePerSecond: env.API_PARTICULIER_LOOKUP_RATE,
    },
    audit: { retentionMs: env.AUDIT_RETENTION_DAYS * 24 * hour },
    jobs: { work: env.JOBS_WORK },
    webhooks: {
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      retryDelaySeconds: env.WEBHOOK_RETRY_DELAY_SECONDS,
      horizonSeconds: env.WEBHOOK_HORIZON_SECONDS,
      allowedNetworks: parseNetworks(env.WEBHOOK_ALLOWED_NETWORKS ?? ''),
    },
    demo: { seed: env.DEMO_SEED, webhookUrl: env.DEMO_WEBHOOK_URL },
  }
}
