import { Type, type Static } from '@sinclair/typebox'

/**
 * The process environment, as one schema: validated at boot (see `load.ts`), every variable
 * documented here and in the README's configuration table. Defaults make `npm run demo` work
 * against the local stand-ins; production refuses them (see `assertProductionReady`).
 */
const Url = (description: string, def?: string) =>
  Type.String({ pattern: '^https?://\\S+$', description, ...(def ? { default: def } : {}) })

/** `kid:base64[,kid:base64…]` (a keyring of AES-256 keys, current first; `parseSealingKeys` reads it). */
const keyringPattern =
  '^\\s*[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=\\s*(,\\s*[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=\\s*)*$'

export const EnvSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('test'), Type.Literal('production')], {
    default: 'development',
  }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),

  // http
  HOST: Type.String({ default: '0.0.0.0', description: 'Interface the API listens on.' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'Port the API listens on.' }),
  API_PUBLIC_URL: Url(
    'Public base URL of the API (FranceConnect callbacks are built from it).',
    'http://localhost:3000',
  ),
  WEB_PUBLIC_URL: Url(
    'Public base URL of the SPA (where the browser is sent after login).',
    'http://localhost:5173',
  ),
  CORS_ORIGINS: Type.String({
    default: 'http://localhost:5173',
    description: 'Comma-separated origins allowed to call the API from a browser (credentials included).',
  }),
  TRUST_PROXY: Type.String({
    default: 'false',
    pattern: '^(true|false|[0-9A-Fa-f.:/]+(\\s*,\\s*[0-9A-Fa-f.:/]+)*)$',
    description:
      'Trust X-Forwarded-* and X-Request-Id: `false`, `true` (every hop: only when the API is reachable through ' +
      'the proxy alone), or the proxy’s addresses/networks (`172.28.0.10`, `10.0.0.0/8,fd00::/8`).',
  }),
  API_DOCS: Type.Optional(
    Type.Boolean({
      description:
        'Serve the Swagger UI at /docs (the OpenAPI document stays at /openapi.json). Unset: on outside production, off in production.',
    }),
  ),
  RATE_LIMIT_MAX: Type.Integer({
    minimum: 1,
    default: 300,
    description: 'Requests allowed per IP and window.',
  }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 1000, default: 60_000, description: 'Rate-limit window.' }),
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 1000, default: 30_000, description: 'Whole-request timeout.' }),
  SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, default: 10_000, description: 'Grace period on SIGTERM.' }),

  // metrics
  METRICS_TOKEN: Type.Optional(
    Type.String({
      pattern: '^[\\x21-\\x7E]{32,}$',
      description:
        'Bearer token required to read /metrics (32+ printable ASCII characters). Required in production.',
    }),
  ),

  // database
  DATABASE_URL: Type.Optional(
    Type.String({ pattern: '^postgres(ql)?://', description: 'Postgres URL. Unset: an embedded PGlite.' }),
  ),
  DATABASE_POOL_MAX: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  DATABASE_WAIT_SECONDS: Type.Integer({
    minimum: 0,
    maximum: 3600,
    default: 60,
    description: 'At start: how long to wait for an unreachable Postgres (retrying) before giving up.',
  }),
  EMBEDDED_DATABASE_DIR: Type.String({
    default: '.data/pglite',
    description: 'Where the embedded PGlite keeps its files (only when DATABASE_URL is unset).',
  }),

  // franceconnect
  FRANCECONNECT_ISSUER: Url('FranceConnect v2 issuer.', 'http://localhost:4000/franceconnect/api/v2'),
  FRANCECONNECT_CLIENT_ID: Type.String({ minLength: 1, default: 'formulaire-qf-local' }),
  FRANCECONNECT_CLIENT_SECRET: Type.String({
    minLength: 1,
    default: 'sandbox-franceconnect-secret-0123456789abcdef',
  }),
  FRANCECONNECT_DECRYPTION_JWKS: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'When FranceConnect encrypts id_token and userinfo for this client (JWE, A256GCM): the private keys, ' +
        'as a JWKS {"keys":[…]} (EC P-256 with alg ECDH-ES, or RSA with alg RSA-OAEP; several during a rotation). ' +
        'Unset: the answers are signed JWTs only.',
    }),
  ),

  // apiParticulier
  API_PARTICULIER_URL: Url('API Particulier base URL.', 'http://localhost:4000/api-particulier'),
  API_PARTICULIER_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    default: 8_000,
    description: 'Timeout of one API Particulier request (a call retries within a 20 s budget).',
  }),

  // hubee
  HUBEE_API_URL: Url('HubEE API base URL.', 'http://localhost:4000/hubee'),
  HUBEE_TOKEN_URL: Url('HubEE OAuth2 token endpoint.', 'http://localhost:4000/hubee-auth/oauth2/token'),
  HUBEE_CLIENT_ID: Type.String({ minLength: 1, default: 'formulaire-qf-osl' }),
  HUBEE_CLIENT_SECRET: Type.String({ minLength: 1, default: 'sandbox-osl-secret' }),
  HUBEE_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    default: 15_000,
    description: 'Timeout of one HubEE request (headers and body).',
  }),

  // journey
  SESSION_IDLE_SECONDS: Type.Integer({
    minimum: 10,
    maximum: 1800,
    default: 1800,
    description:
      'Idle expiry of a journey session (30 minutes by default, never longer); each call pushes it back, and ' +
      'the SPA warns 5 minutes before it and offers to extend it. Shortened only to test that warning.',
  }),

  // delivery (the submission's jobs)
  DELIVERY_HORIZON_HOURS: Type.Integer({
    minimum: 1,
    maximum: 720,
    default: 24,
    description: 'How long after the submission a failing delivery is retried before the trace is `failed`.',
  }),
  DELIVERY_RETRY_DELAY_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 3600,
    default: 60,
    description: 'Delay before the first retry of a delivery; doubled at each retry (with jitter).',
  }),
  STATUS_SYNC_CRON: Type.String({
    pattern: '^\\S+( \\S+){4}$',
    default: '*/5 * * * *',
    description: 'Cron (UTC, 5 fields) of the status sync reading HubEE notifications.',
  }),
  FAILED_DOSSIER_RETENTION_HOURS: Type.Integer({
    minimum: 0,
    maximum: 720,
    default: 72,
    description: 'How long the sealed dossier of a `failed` sending is kept (for support) before deletion.',
  }),
  SUBMISSION_RETENTION_DAYS: Type.Integer({
    minimum: 1,
    maximum: 90,
    default: 90,
    description: 'How long the trace (reference, collectivity, status) is kept after the submission.',
  }),

  // insee
  INSEE_API_URL: Url('INSEE Sirene API base URL.', 'http://localhost:4000/insee/api-sirene/3.11'),
  INSEE_API_KEY: Type.String({ minLength: 1, default: 'sandbox-insee-key' }),

  // security
  SESSION_ENCRYPTION_KEYS: Type.Optional(
    Type.String({
      pattern: keyringPattern,
      description:
        'Keys sealing the personal data at rest (journey sessions, dossiers waiting for delivery), ' +
        'AES-256-GCM: `kid:base64[,kid:base64…]`, current first, the others only open. ' +
        'Unset: `SESSION_ENCRYPTION_KEY` as the key `k0`, else a fixed demo key (refused in production).',
    }),
  ),
  SESSION_ENCRYPTION_KEY: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9+/]{43}=$',
      description:
        'Legacy single key (32 bytes, base64): the keyring `k0:<key>`, the id its rows carry (`v2.k0.…`). ' +
        'Not together with SESSION_ENCRYPTION_KEYS.',
    }),
  ),

  // webhooks
  WEBHOOK_TIMEOUT_MS: Type.Integer({
    minimum: 500,
    maximum: 30_000,
    default: 5_000,
    description: 'Timeout of one webhook POST (connect, headers, body), in ms.',
  }),
  WEBHOOK_RETRY_DELAY_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 3_600,
    default: 30,
    description: 'Wait before the first webhook retry, in seconds (doubled at each failure, at most 6 h).',
  }),
  WEBHOOK_HORIZON_SECONDS: Type.Integer({
    minimum: 60,
    maximum: 7 * 86_400,
    default: 86_400,
    description: 'A webhook not accepted this long after its event is given up (failed), in seconds.',
  }),
  WEBHOOK_ALLOWED_NETWORKS: Type.Optional(
    Type.String({
      maxLength: 1000,
      description:
        'Outside production only: comma-separated private networks (`10.0.0.0/8,fd12::/16`) a local test’s webhook ' +
        'receiver may be on. Link-local and metadata addresses stay refused. Refused in production.',
    }),
  ),

  // registry (secrets at rest, admin API, DataPass onboarding, QF lookup by identity)
  SECRETS_ENCRYPTION_KEYS: Type.Optional(
    Type.String({
      pattern: keyringPattern,
      description:
        'Keys sealing the registry secrets (AES-256-GCM): `kid:base64[,kid:base64…]`, current first. ' +
        'Unset outside production: a fixed demo key. Required in production.',
    }),
  ),
  DATAPASS_WEBHOOK_SECRET: Type.String({
    minLength: 16,
    default: 'sandbox-datapass-webhook-secret',
    description: 'Shared secret of the DataPass webhook (`X-Hub-Signature-256`).',
  }),
  HUBEE_ADMIN_CLIENT_ID: Type.String({ minLength: 1, default: 'formulaire-qf-admin' }),
  HUBEE_ADMIN_CLIENT_SECRET: Type.String({ minLength: 1, default: 'sandbox-admin-secret' }),
  HUBEE_REFERENTIAL_SCOPE: Type.Union([Type.Literal('ADMIN'), Type.Literal('DATAPASS')], {
    default: 'ADMIN',
    description:
      'OAuth2 scope of the HubEE referential client (onboarding): `ADMIN`, or `DATAPASS` (the scope HubEE gives DataPass-driven onboarding since July 2026).',
  }),
  HUBEE_SUBSCRIPTION_CHECK_CRON: Type.String({
    pattern: '^\\S+( \\S+){4}$',
    default: '*/10 * * * *',
    description:
      'Cron (UTC, 5 fields) of the re-check reading the collectivities’ FormulaireQF subscriptions back from HubEE (awaiting activation → active; no longer Actif → suspended).',
  }),
  API_PARTICULIER_LOOKUP_RATE: Type.Integer({
    minimum: 1,
    maximum: 20,
    default: 20,
    description:
      'QF lookups by identity allowed per second and per collectivity token (API Particulier: 20).',
  }),

  AUDIT_RETENTION_DAYS: Type.Integer({
    minimum: 30,
    maximum: 730,
    default: 365,
    description:
      'How long the audit trail of the API keys (who looked up a QF, who changed the registry) is kept, in days.',
  }),

  // jobs
  JOBS_WORK: Type.Boolean({
    default: true,
    description:
      'Work the job queue in this process (deliveries, status sync, purges). `false`: an instance that serves HTTP and enqueues only, next to worker instances.',
  }),

  // demo
  DEMO_SEED: Type.Boolean({ default: false, description: 'Upsert the demo collectivities at start.' }),
  DEMO_WEBHOOK_URL: Type.Optional(
    Url(
      'With DEMO_SEED: the webhook endpoint given to every demo collectivity (a kit `qf-editeur serve --sandbox`, ' +
        'e.g. http://localhost:8787/webhooks/formulaire-qf), signed with the kit sandbox secret.',
    ),
  ),
})

export type Env = Static<typeof EnvSchema>

/** Variables that hold secrets: production refuses their demo defaults. */
export const secretVariables = [
  'FRANCECONNECT_CLIENT_SECRET',
  'HUBEE_CLIENT_SECRET',
  'INSEE_API_KEY',
  'DATAPASS_WEBHOOK_SECRET',
  'HUBEE_ADMIN_CLIENT_SECRET',
] as const satisfies readonly (keyof Env)[]

/** URL variables that production must point at the real services (https, no local or private address). */
export const serviceUrlVariables = [
  'FRANCECONNECT_ISSUER',
  'API_PARTICULIER_URL',
  'HUBEE_API_URL',
  'HUBEE_TOKEN_URL',
  'INSEE_API_URL',
] as const satisfies readonly (keyof Env)[]

/** This service's own public URLs: https in production, no local or private address. */
export const publicUrlVariables = [
  'API_PUBLIC_URL',
  'WEB_PUBLIC_URL',
] as const satisfies readonly (keyof Env)[]
