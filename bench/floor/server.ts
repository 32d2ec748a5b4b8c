// The floor (issue 13): a bare server doing a journey's unavoidable work and nothing else — the same
// SQL statements per step as the API (the bench counts both on the wire and compares), the same
// outbound calls (token, userinfo, API Particulier) with undici's lowest-level client (a Pool per
// origin, keep-alive), the same crypto (two ES256 verifications with jose, AES-256-GCM seal/open,
// SHA-256 of every secret). Fastify with no schema, no validation, no logger, no plugin.
// Not a product: no error pages, no rate limit, no CORS. Configured by BENCH_FLOOR (JSON).
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto'
import Fastify from 'fastify'
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose'
import pg from 'pg'
import { Pool } from 'undici'

const options = JSON.parse(process.env.BENCH_FLOOR ?? '{}') as {
  port: number
  databaseUrl: string
  publicUrl: string
  issuer: string
  clientId: string
  clientSecret: string
  apiParticulierUrl: string
  frontendUrl: string
}

const db = new pg.Pool({ connectionString: options.databaseUrl, max: 10, idleTimeoutMillis: 10_000 })
const http = new Pool(new URL(options.issuer).origin, { connections: 32, keepAliveTimeout: 10_000 })
const apiParticulier = new Pool(new URL(options.apiParticulierUrl).origin, {
  connections: 32,
  keepAliveTimeout: 10_000,
})

async function getJson<T>(url: string): Promise<T> {
  const u = new URL(url)
  const res = await http.request({ method: 'GET', path: u.pathname + u.search })
  return (await res.body.json()) as T
}

interface Discovery {
  issuer: string
  authorization_endpoint: string
  token_endpoint: string
  userinfo_endpoint: string
  jwks_uri: string
}
const discovery = await getJson<Discovery>(`${options.issuer}/.well-known/openid-configuration`)
const jwks = createLocalJWKSet(await getJson<JSONWebKeySet>(discovery.jwks_uri))
const tokenPath = new URL(discovery.token_endpoint).pathname
const userinfoPath = new URL(discovery.userinfo_endpoint).pathname
const apiParticulierPath = `${new URL(options.apiParticulierUrl).pathname}/v3/dss/quotient_familial/france_connect`
const redirectUri = `${options.publicUrl}/api/v1/auth/franceconnect/callback`
const scope = 'openid identite_pivot cnaf_quotient_familial cnaf_allocataires cnaf_enfants'

const key = randomBytes(32)
const secret = () => randomBytes(32).toString('base64url')
const hash = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64url')
function seal(value: unknown, context: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()])
  return `v2.k0.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`
}
function open<T>(sealed: string, context: string): T {
  const raw = Buffer.from(sealed.slice(6), 'base64url')
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12), { authTagLength: 16 })
  decipher.setAAD(Buffer.from(context, 'utf8'))
  decipher.setAuthTag(raw.subarray(12, 28))
  return JSON.parse(
    Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'),
  ) as T
}
function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}
const plusMinutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000)

interface SessionRow {
  id: string
  siret: string
  login_transaction: string | null
  personal_data: string | null
  expires_at: Date
  step: string
}

const app = Fastify({ logger: false })

app.post('/api/v1/sessions', async (request, reply) => {
  const { siret } = request.body as { siret: string }
  const { rows } = await db.query<{ siret: string; name: string }>(
    'select * from "collectivities" where "siret" = $1 and "status" = $2',
    [siret, 'active'],
  )
  const collectivity = rows[0]
  if (!collectivity) return reply.status(404).send({ error: 'not found' })
  const now = new Date()
  const id = randomUUID()
  const sessionSecret = secret()
  const ticket = secret()
  const expiresAt = plusMinutes(now, 30)
  const client = await db.connect()
  try {
    await client.query('begin')
    await client.query(
      'insert into "journey_sessions" ("id", "secret_hash", "siret", "external_id", "redirect_uri", "frontend_url", "login_ticket_hash", "login_ticket_expires_at", "step", "created_at", "updated_at", "expires_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)',
      [
        id,
        hash(sessionSecret),
        siret,
        null,
        null,
        null,
        hash(ticket),
        plusMinutes(now, 5),
        'created',
        now,
        now,
        expiresAt,
      ],
    )
    await client.query('commit')
  } finally {
    client.release()
  }
  reply.header('set-cookie', `qf_session=${sessionSecret}; Path=/api; HttpOnly; SameSite=Lax`)
  return reply.status(201).send({
    id,
    collectivity: { siret: collectivity.siret, name: collectivity.name },
    loginUrl: `${options.publicUrl}/api/v1/auth/franceconnect/login?ticket=${ticket}`,
    expiresAt: expiresAt.toISOString(),
  })
})

app.get('/api/v1/auth/franceconnect/login', async (request, reply) => {
  const { ticket } = request.query as { ticket: string }
  const now = new Date()
  const { rows } = await db.query<SessionRow>(
    'update "journey_sessions" set "login_ticket_hash" = $1, "login_ticket_expires_at" = $2, "updated_at" = $3 where "login_ticket_hash" = $4 and "login_ticket_expires_at" > $5 and "step" in ($6, $7) returning *',
    [null, null, now, hash(ticket), now, 'created', 'login_pending'],
  )
  const session = rows[0]
  if (!session) return reply.redirect(`${options.frontendUrl}/erreur?code=session_expired`, 302)
  const state = secret()
  const nonce = secret()
  const verifier = secret()
  const binding = secret()
  await db.query(
    'update "journey_sessions" set "updated_at" = $1, "step" = $2, "login_state" = $3, "login_binding_hash" = $4, "login_transaction" = $5, "login_code_hash" = $6, "login_code_expires_at" = $7, "personal_data" = $8, "expires_at" = $9 where "id" = $10',
    [
      now,
      'login_pending',
      state,
      hash(binding),
      seal({ nonce, codeVerifier: verifier }, session.id),
      null,
      null,
      null,
      plusMinutes(now, 30),
      session.id,
    ],
  )
  const url = new URL(discovery.authorization_endpoint)
  url.search = new URLSearchParams({
    client_id: options.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    state,
    nonce,
    acr_values: 'eidas1',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString()
  reply.header(
    'set-cookie',
    `qf_login=${binding}; Path=/api/v1/auth/franceconnect; HttpOnly; SameSite=Lax; Max-Age=1800`,
  )
  return reply.redirect(url.href, 302)
})

app.get('/api/v1/auth/franceconnect/callback', async (request, reply) => {
  const { code, state } = request.query as { code: string; state: string }
  const binding = cookie(request.headers.cookie, 'qf_login') ?? ''
  const now = new Date()
  const { rows } = await db.query<SessionRow>(
    'update "journey_sessions" set "login_state" = $1, "login_binding_hash" = $2, "updated_at" = $3 where "login_state" = $4 and "login_binding_hash" = $5 and "login_transaction" is not null returning *',
    [null, null, now, state, hash(binding)],
  )
  const session = rows[0]
  if (!session?.login_transaction)
    return reply.redirect(`${options.frontendUrl}/erreur?code=invalid_state`, 302)
  const transaction = open<{ nonce: string; codeVerifier: string }>(session.login_transaction, session.id)
  const tokenRes = await http.request({
    method: 'POST',
    path: tokenPath,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: transaction.codeVerifier,
      client_id: options.clientId,
      client_secret: options.clientSecret,
    }).toString(),
  })
  const tokens = (await tokenRes.body.json()) as { access_token: string; id_token: string }
  const { payload: idClaims } = await jwtVerify(tokens.id_token, jwks, {
    issuer: discovery.issuer,
    audience: options.clientId,
    algorithms: ['ES256'],
    requiredClaims: ['sub', 'exp', 'iat', 'nonce', 'acr'],
  })
  if (idClaims.nonce !== transaction.nonce || idClaims.acr !== 'eidas1') throw new Error('bad id_token')
  const userinfoRes = await http.request({
    method: 'GET',
    path: userinfoPath,
    headers: { authorization: `Bearer ${tokens.access_token}`, accept: 'application/jwt' },
  })
  const { payload: identity } = await jwtVerify((await userinfoRes.body.text()).trim(), jwks, {
    issuer: discovery.issuer,
    audience: options.clientId,
    algorithms: ['ES256'],
    subject: String(idClaims.sub),
  })
  const qfRes = await apiParticulier.request({
    method: 'GET',
    path: `${apiParticulierPath}?recipient=${session.siret}`,
    headers: { authorization: `Bearer ${tokens.access_token}`, accept: 'application/json' },
  })
  const qf = (await qfRes.body.json()) as { data?: unknown }
  const sessionSecret = secret()
  const after = new Date()
  await db.query(
    'update "journey_sessions" set "updated_at" = $1, "secret_hash" = $2, "login_ticket_hash" = $3, "login_ticket_expires_at" = $4, "step" = $5, "login_transaction" = $6, "login_code_hash" = $7, "login_code_expires_at" = $8, "personal_data" = $9, "expires_at" = $10 where "id" = $11',
    [
      after,
      hash(sessionSecret),
      null,
      null,
      'authenticated',
      null,
      null,
      null,
      seal({ identity, quotientFamilial: qf.data, idToken: tokens.id_token }, session.id),
      plusMinutes(after, 30),
      session.id,
    ],
  )
  reply.header('set-cookie', `qf_session=${sessionSecret}; Path=/api; HttpOnly; SameSite=Lax`)
  return reply.redirect(`${options.frontendUrl}/collectivites/${session.siret}/envoyer_mes_donnees`, 302)
})

app.get('/api/v1/sessions/current', async (request, reply) => {
  const sessionSecret = cookie(request.headers.cookie, 'qf_session')
  if (!sessionSecret) return reply.status(401).send({ error: 'missing' })
  const { rows } = await db.query<SessionRow>('select * from "journey_sessions" where "secret_hash" = $1', [
    hash(sessionSecret),
  ])
  const session = rows[0]
  if (!session) return reply.status(401).send({ error: 'missing' })
  const now = new Date()
  const expiresAt = plusMinutes(now, 30)
  await db.query('update "journey_sessions" set "updated_at" = $1, "expires_at" = $2 where "id" = $3', [
    now,
    expiresAt,
    session.id,
  ])
  const collectivity = await db.query<{ name: string }>(
    'select * from "collectivities" where "siret" = $1 and "status" = $2',
    [session.siret, 'active'],
  )
  const data = session.personal_data
    ? open<{ identity: unknown; quotientFamilial: unknown }>(session.personal_data, session.id)
    : null
  return {
    id: session.id,
    step: session.step,
    collectivity: { siret: session.siret, name: collectivity.rows[0]?.name ?? session.siret },
    identity: data?.identity ?? null,
    quotientFamilial: data?.quotientFamilial ?? null,
    expiresAt: expiresAt.toISOString(),
  }
})

// pg-boss 10's `send` statement, as the API runs it in the submission's transaction.
const enqueueJob = `INSERT INTO pgboss.job ( id, name, data, priority, start_after, singleton_key, singleton_on, dead_letter, expire_in, keep_until, retry_limit, retry_delay, retry_backoff, policy ) SELECT id, j.name, data, priority, start_after, singleton_key, singleton_on, COALESCE(j.dead_letter, q.dead_letter) as dead_letter, CASE WHEN expire_in IS NOT NULL THEN expire_in::numeric * interval '1s' WHEN q.expire_seconds IS NOT NULL THEN q.expire_seconds * interval '1s' WHEN expire_in_default IS NOT NULL THEN expire_in_default::numeric * interval '1s' ELSE interval '15 minutes' END as expire_in, CASE WHEN right(keep_until, 1) = 'Z' THEN CAST(keep_until as timestamp with time zone) ELSE start_after + CAST(COALESCE(keep_until, (q.retention_minutes * 60)::text, keep_until_default, '14 days') as interval) END as keep_until, COALESCE(j.retry_limit, q.retry_limit, retry_limit_default, 2) as retry_limit, CASE WHEN COALESCE(j.retry_backoff, q.retry_backoff, retry_backoff_default, false) THEN GREATEST(COALESCE(j.retry_delay, q.retry_delay, retry_delay_default), 1) ELSE COALESCE(j.retry_delay, q.retry_delay, retry_delay_default, 0) END as retry_delay, COALESCE(j.retry_backoff, q.retry_backoff, retry_backoff_default, false) as retry_backoff, q.policy FROM ( SELECT COALESCE($1::uuid, gen_random_uuid()) as id, $2 as name, $3::jsonb as data, COALESCE($4::int, 0) as priority, CASE WHEN right($5, 1) = 'Z' THEN CAST($5 as timestamp with time zone) ELSE now() + CAST(COALESCE($5,'0') as interval) END as start_after, $6 as singleton_key, CASE WHEN $7::integer IS NOT NULL THEN 'epoch'::timestamp + '1 second'::interval * ($7 * floor((date_part('epoch', now()) + $8) / $7)) ELSE NULL END as singleton_on, $9 as dead_letter, $10 as expire_in, $11 as expire_in_default, $12 as keep_until, $13 as keep_until_default, $14::int as retry_limit, $15::int as retry_limit_default, $16::int as retry_delay, $17::int as retry_delay_default, $18::bool as retry_backoff, $19::bool as retry_backoff_default ) j JOIN pgboss.queue q ON j.name = q.name ON CONFLICT DO NOTHING RETURNING id`
const referenceAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

app.post('/api/v1/sessions/current/submission', async (request, reply) => {
  const sessionSecret = cookie(request.headers.cookie, 'qf_session')
  if (!sessionSecret) return reply.status(401).send({ error: 'missing' })
  const found = await db.query<SessionRow>('select * from "journey_sessions" where "secret_hash" = $1', [
    hash(sessionSecret),
  ])
  const current = found.rows[0]
  if (!current) return reply.status(401).send({ error: 'missing' })
  const now = new Date()
  await db.query('update "journey_sessions" set "updated_at" = $1, "expires_at" = $2 where "id" = $3', [
    now,
    plusMinutes(now, 30),
    current.id,
  ])
  const client = await db.connect()
  try {
    await client.query('begin')
    const locked = (
      await client.query<SessionRow>('select * from "journey_sessions" where "id" = $1 for update', [
        current.id,
      ])
    ).rows[0]
    if (!locked?.personal_data || (request.body as { consent?: unknown }).consent !== true)
      throw new Error('not submittable')
    const data = open<{ identity: unknown; quotientFamilial: unknown; idToken: string }>(
      locked.personal_data,
      locked.id,
    )
    const collectivity = (
      await client.query<{ siret: string; name: string; cog_code: string }>(
        'select * from "collectivities" where "siret" = $1 and "status" = $2',
        [locked.siret, 'active'],
      )
    ).rows[0]
    const reference = [...randomBytes(13)].map((b) => referenceAlphabet[b & 31]).join('')
    const dossier = {
      reference,
      submittedAt: now,
      collectivity: { siret: collectivity?.siret, name: collectivity?.name, cog: collectivity?.cog_code },
      pivotIdentity: data.identity,
      quotientFamilial: data.quotientFamilial,
    }
    await client.query(
      'insert into "submissions" ("reference", "siret", "status", "submitted_at", "updated_at", "sealed_dossier") values ($1, $2, $3, $4, $5, $6) on conflict ("reference") do nothing returning "reference"',
      [reference, locked.siret, 'queued', now, now, seal(dossier, `submission:${reference}`)],
    )
    await client.query(enqueueJob, [
      null,
      'deliver-submission',
      JSON.stringify({ reference }),
      null,
      null,
      reference,
      null,
      0,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ])
    await client.query(
      'update "journey_sessions" set "updated_at" = $1, "step" = $2, "login_transaction" = $3, "login_code_hash" = $4, "login_code_expires_at" = $5, "personal_data" = $6, "submission_reference" = $7, "logout_id_token" = $8 where "id" = $9',
      [now, 'submitted', null, null, null, null, reference, data.idToken, locked.id],
    )
    await client.query('commit')
    return reply.status(202).send({ reference, status: 'queued', submittedAt: now.toISOString() })
  } catch (err) {
    await client.query('rollback')
    throw err
  } finally {
    client.release()
  }
})

app.get('/cpu', async () => process.cpuUsage())
app.get('/ready', async () => ({ status: 'ready' }))

await app.listen({ host: '127.0.0.1', port: options.port })
const stop = () => {
  void app
    .close()
    .then(() => Promise.all([db.end(), http.close(), apiParticulier.close()]))
    .finally(() => process.exit(0))
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
