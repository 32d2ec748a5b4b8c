import { exportJWK, generateKeyPair } from 'jose'
import { describe, expect, it } from 'vitest'
import { randomBytes, randomUUID } from 'node:crypto'
import { ConfigError, demoSecretsKey, demoSessionKey, loadConfig } from '../src/config/load.js'

/** Secrets as production gets them: random (the checks refuse low-entropy and reused values). */
const strong = {
  franceconnect: randomBytes(32).toString('hex'),
  hubee: randomUUID(),
  hubeeAdmin: randomUUID(),
  insee: randomUUID(),
  datapass: randomBytes(24).toString('base64url'),
  metrics: randomBytes(32).toString('hex'),
  sessionKey: randomBytes(32).toString('base64'),
  secretsKey: randomBytes(32).toString('base64'),
}

describe('configuration', () => {
  it('works with no configuration at all (demo defaults)', () => {
    const config = loadConfig({})
    expect(config.http.port).toBe(3000)
    expect(config.franceconnect.issuer).toBe('http://localhost:4000/franceconnect/api/v2')
    expect(config.franceconnect.redirectUri).toBe('http://localhost:3000/api/v1/auth/franceconnect/callback')
    expect(config.security.sessionKeyring).toEqual({
      current: { id: 'k0', key: demoSessionKey },
      previous: [],
    })
    expect(config.database.url).toBeUndefined()
  })

  it('reads the FranceConnect decryption keys (JWKS of private keys) and refuses unusable ones', async () => {
    expect(loadConfig({}).franceconnect.decryptionKeys).toEqual([])
    const { privateKey } = await generateKeyPair('ECDH-ES', { extractable: true })
    const jwk = { ...(await exportJWK(privateKey)), alg: 'ECDH-ES', kid: 'enc-1' }
    const config = loadConfig({ FRANCECONNECT_DECRYPTION_JWKS: JSON.stringify({ keys: [jwk] }) })
    expect(config.franceconnect.decryptionKeys).toEqual([jwk])
    const { d: _private, ...publicOnly } = jwk
    for (const bad of [
      'not json',
      JSON.stringify({ keys: [] }),
      JSON.stringify({ keys: [publicOnly] }),
      JSON.stringify({ keys: [{ ...jwk, alg: 'ECDH-ES+A128KW' }] }),
    ]) {
      expect(() => loadConfig({ FRANCECONNECT_DECRYPTION_JWKS: bad }), bad).toThrow(
        /FRANCECONNECT_DECRYPTION_JWKS/,
      )
    }
  })

  it('converts and groups variables', () => {
    const config = loadConfig({
      PORT: '8080',
      CORS_ORIGINS: 'https://a.fr, https://b.fr/',
      TRUST_PROXY: 'true',
    })
    expect(config.http.port).toBe(8080)
    expect(config.http.corsOrigins).toEqual(['https://a.fr', 'https://b.fr'])
    expect(config.http.trustProxy).toBe(true)
  })

  it('reads the session length (30 minutes by default, shorter for a test, never longer)', () => {
    expect(loadConfig({}).journey.sessionIdleMs).toBe(30 * 60 * 1000)
    expect(loadConfig({ SESSION_IDLE_SECONDS: '20' }).journey.sessionIdleMs).toBe(20_000)
    for (const bad of ['1801', '5', 'soon'])
      expect(() => loadConfig({ SESSION_IDLE_SECONDS: bad })).toThrow(ConfigError)
  })

  it('stops the boot with a message naming each bad variable', () => {
    let error: unknown
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SESSION_ENCRYPTION_KEY: 'short' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const message = (error as ConfigError).message
    expect(message).toContain('PORT')
    expect(message).toContain('DATABASE_URL')
    expect(message).toContain('SESSION_ENCRYPTION_KEY')
    expect(message).not.toContain('FRANCECONNECT_ISSUER')
  })

  it('refuses to start in production with demo secrets or stand-in URLs', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/FRANCECONNECT_CLIENT_SECRET/)
    const real = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/qf',
      FRANCECONNECT_ISSUER: 'https://oidc.franceconnect.gouv.fr/api/v2',
      FRANCECONNECT_CLIENT_SECRET: strong.franceconnect,
      API_PARTICULIER_URL: 'https://particulier.api.gouv.fr',
      HUBEE_API_URL: 'https://api.hubee.numerique.gouv.fr',
      HUBEE_TOKEN_URL: 'https://auth.hubee.numerique.gouv.fr/oauth2/token',
      HUBEE_CLIENT_SECRET: strong.hubee,
      INSEE_API_URL: 'https://api.insee.fr/api-sirene/3.11',
      INSEE_API_KEY: strong.insee,
      SESSION_ENCRYPTION_KEY: strong.sessionKey,
      SECRETS_ENCRYPTION_KEYS: `k2026:${strong.secretsKey}`,
      DATAPASS_WEBHOOK_SECRET: strong.datapass,
      HUBEE_ADMIN_CLIENT_SECRET: strong.hubeeAdmin,
      METRICS_TOKEN: strong.metrics,
      API_PUBLIC_URL: 'https://api.qf.example.fr',
      WEB_PUBLIC_URL: 'https://qf.example.fr',
      CORS_ORIGINS: 'https://qf.example.fr',
    }
    expect(loadConfig(real).env).toBe('production')
    expect(() => loadConfig({ ...real, HUBEE_API_URL: 'http://localhost:4000/hubee' })).toThrow(
      /HUBEE_API_URL.*stand-ins/,
    )
    expect(() => loadConfig({ ...real, DATABASE_URL: '' })).toThrow(/DATABASE_URL/)
    expect(() => loadConfig({ ...real, DEMO_SEED: 'true' })).toThrow(/DEMO_SEED/)
  })

  describe('session keyring (SESSION_ENCRYPTION_KEYS, legacy SESSION_ENCRYPTION_KEY)', () => {
    const a = randomBytes(32)
    const b = randomBytes(32)
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/qf',
      FRANCECONNECT_ISSUER: 'https://oidc.franceconnect.gouv.fr/api/v2',
      FRANCECONNECT_CLIENT_SECRET: strong.franceconnect,
      API_PARTICULIER_URL: 'https://particulier.api.gouv.fr',
      HUBEE_API_URL: 'https://api.hubee.numerique.gouv.fr',
      HUBEE_TOKEN_URL: 'https://auth.hubee.numerique.gouv.fr/oauth2/token',
      HUBEE_CLIENT_SECRET: strong.hubee,
      INSEE_API_URL: 'https://api.insee.fr/api-sirene/3.11',
      INSEE_API_KEY: strong.insee,
      SECRETS_ENCRYPTION_KEYS: `k2026:${strong.secretsKey}`,
      DATAPASS_WEBHOOK_SECRET: strong.datapass,
      HUBEE_ADMIN_CLIENT_SECRET: strong.hubeeAdmin,
      METRICS_TOKEN: strong.metrics,
      API_PUBLIC_URL: 'https://api.qf.example.fr',
      WEB_PUBLIC_URL: 'https://qf.example.fr',
      CORS_ORIGINS: 'https://qf.example.fr',
    }

    it('the legacy single key is the keyring k0 (the id its rows carry); the keyring reads current first', () => {
      expect(loadConfig({ SESSION_ENCRYPTION_KEY: a.toString('base64') }).security.sessionKeyring).toEqual({
        current: { id: 'k0', key: a },
        previous: [],
      })
      const ring = loadConfig({
        SESSION_ENCRYPTION_KEYS: `k2026-12:${b.toString('base64')}, k0:${a.toString('base64')}`,
      }).security.sessionKeyring
      expect(ring.current).toEqual({ id: 'k2026-12', key: b })
      expect(ring.previous).toEqual([{ id: 'k0', key: a }])
    })

    it('refuses a malformed keyring, and both variables at once', () => {
      expect(() => loadConfig({ SESSION_ENCRYPTION_KEYS: 'k1:short' })).toThrow(/SESSION_ENCRYPTION_KEYS/)
      expect(() =>
        loadConfig({ SESSION_ENCRYPTION_KEYS: `k1:${a.toString('base64')},k1:${b.toString('base64')}` }),
      ).toThrow(/SESSION_ENCRYPTION_KEYS: key ids must be unique/)
      expect(() =>
        loadConfig({
          SESSION_ENCRYPTION_KEYS: `k1:${a.toString('base64')}`,
          SESSION_ENCRYPTION_KEY: b.toString('base64'),
        }),
      ).toThrow(/SESSION_ENCRYPTION_KEY: set SESSION_ENCRYPTION_KEYS alone .*k0:<key>/)
    })

    it('production requires one of them, refuses the demo key (old or current) and a key under two ids', () => {
      expect(() => loadConfig(production)).toThrow(/SESSION_ENCRYPTION_KEYS: must be set in production/)
      expect(
        loadConfig({ ...production, SESSION_ENCRYPTION_KEY: a.toString('base64') }).security.sessionKeyring
          .current.id,
      ).toBe('k0')
      expect(
        loadConfig({
          ...production,
          SESSION_ENCRYPTION_KEYS: `k2:${b.toString('base64')},k0:${a.toString('base64')}`,
        }).security.sessionKeyring.current.id,
      ).toBe('k2')
      expect(() =>
        loadConfig({ ...production, SESSION_ENCRYPTION_KEY: demoSessionKey.toString('base64') }),
      ).toThrow(/SESSION_ENCRYPTION_KEY: the demo key must not be used in production/)
      expect(() =>
        loadConfig({
          ...production,
          SESSION_ENCRYPTION_KEYS: `k2:${b.toString('base64')},k0:${demoSessionKey.toString('base64')}`,
        }),
      ).toThrow(/SESSION_ENCRYPTION_KEYS: the demo key must not be used in production/)
      expect(() =>
        loadConfig({
          ...production,
          SESSION_ENCRYPTION_KEYS: `k2:${b.toString('base64')},k0:${b.toString('base64')}`,
        }),
      ).toThrow(/SESSION_ENCRYPTION_KEYS: one key is listed under two ids/)
    })
  })

  describe('registry variables', () => {
    const productionBase = () => {
      // The first `real` of this file, with its registry secrets.
      return {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/qf',
        FRANCECONNECT_ISSUER: 'https://oidc.franceconnect.gouv.fr/api/v2',
        FRANCECONNECT_CLIENT_SECRET: strong.franceconnect,
        API_PARTICULIER_URL: 'https://particulier.api.gouv.fr',
        HUBEE_API_URL: 'https://api.hubee.numerique.gouv.fr',
        HUBEE_TOKEN_URL: 'https://auth.hubee.numerique.gouv.fr/oauth2/token',
        HUBEE_CLIENT_SECRET: strong.hubee,
        INSEE_API_URL: 'https://api.insee.fr/api-sirene/3.11',
        INSEE_API_KEY: strong.insee,
        SESSION_ENCRYPTION_KEY: strong.sessionKey,
        METRICS_TOKEN: strong.metrics,
        API_PUBLIC_URL: 'https://api.qf.example.fr',
        WEB_PUBLIC_URL: 'https://qf.example.fr',
        CORS_ORIGINS: 'https://qf.example.fr',
        SECRETS_ENCRYPTION_KEYS: `k2026:${strong.secretsKey}`,
        DATAPASS_WEBHOOK_SECRET: strong.datapass,
        HUBEE_ADMIN_CLIENT_SECRET: strong.hubeeAdmin,
      }
    }

    it('outside production: a fixed demo keyring, the sandbox DataPass secret, 20 lookups/s', () => {
      const config = loadConfig({})
      expect(config.security.secretsKeyring.current.id).toBe('demo')
      expect(config.security.secretsKeyring.current.key).toEqual(demoSecretsKey)
      expect(config.registry).toEqual({
        datapassWebhookSecret: 'sandbox-datapass-webhook-secret',
        lookupRatePerSecond: 20,
      })
    })

    it('reads the keyring current first, and refuses a malformed one', () => {
      const a = Buffer.alloc(32, 1).toString('base64')
      const b = Buffer.alloc(32, 2).toString('base64')
      const ring = loadConfig({ SECRETS_ENCRYPTION_KEYS: `new:${a}, old:${b}` }).security.secretsKeyring
      expect(ring.current.id).toBe('new')
      expect(ring.previous?.map((k) => k.id)).toEqual(['old'])
      expect(() => loadConfig({ SECRETS_ENCRYPTION_KEYS: `a:${a},a:${b}` })).toThrow(
        /SECRETS_ENCRYPTION_KEYS/,
      )
      expect(() => loadConfig({ SECRETS_ENCRYPTION_KEYS: 'a:short' })).toThrow(/SECRETS_ENCRYPTION_KEYS/)
      expect(() => loadConfig({ API_PARTICULIER_LOOKUP_RATE: '21' })).toThrow(/API_PARTICULIER_LOOKUP_RATE/)
    })

    it('production requires the keyring, refuses the demo key, a key under two ids, and demo secrets', () => {
      expect(loadConfig(productionBase()).env).toBe('production')
      const { SECRETS_ENCRYPTION_KEYS: _unset, ...withoutKeys } = productionBase()
      expect(() => loadConfig(withoutKeys)).toThrow(/SECRETS_ENCRYPTION_KEYS: must be set in production/)
      expect(() =>
        loadConfig({
          ...productionBase(),
          SECRETS_ENCRYPTION_KEYS: `demo:${demoSecretsKey.toString('base64')}`,
        }),
      ).toThrow(/demo key/)
      const k = Buffer.alloc(32, 3).toString('base64')
      expect(() => loadConfig({ ...productionBase(), SECRETS_ENCRYPTION_KEYS: `a:${k},b:${k}` })).toThrow(
        /two ids/,
      )
      expect(() =>
        loadConfig({ ...productionBase(), DATAPASS_WEBHOOK_SECRET: 'sandbox-datapass-webhook-secret' }),
      ).toThrow(/DATAPASS_WEBHOOK_SECRET/)
      expect(() =>
        loadConfig({ ...productionBase(), HUBEE_ADMIN_CLIENT_SECRET: 'sandbox-admin-secret' }),
      ).toThrow(/HUBEE_ADMIN_CLIENT_SECRET/)
      expect(() => loadConfig({ ...productionBase(), WEBHOOK_ALLOWED_NETWORKS: '10.0.0.0/8' })).toThrow(
        /WEBHOOK_ALLOWED_NETWORKS: private webhook receivers/,
      )
    })
  })

  it('WEBHOOK_ALLOWED_NETWORKS: networks for local tests, malformed ones and production refused (issue 21, L4)', () => {
    expect(
      loadConfig({ WEBHOOK_ALLOWED_NETWORKS: '10.0.0.0/8, fd12::/16' }).webhooks.allowedNetworks,
    ).toEqual([
      { prefix: '10.0.0.0', length: 8, family: 'ipv4' },
      { prefix: 'fd12::', length: 16, family: 'ipv6' },
    ])
    expect(loadConfig({}).webhooks.allowedNetworks).toEqual([])
    for (const bad of ['10.0.0.0', '10.0.0.0/33', 'evil.example/8', 'fd12::/129'])
      expect(() => loadConfig({ WEBHOOK_ALLOWED_NETWORKS: bad }), bad).toThrow(/WEBHOOK_ALLOWED_NETWORKS/)
  })

  describe('production refuses weak, public or reused keys and tokens (issue 21, L8)', () => {
    const production = () => ({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/qf',
      FRANCECONNECT_ISSUER: 'https://oidc.franceconnect.gouv.fr/api/v2',
      FRANCECONNECT_CLIENT_SECRET: strong.franceconnect,
      API_PARTICULIER_URL: 'https://particulier.api.gouv.fr',
      HUBEE_API_URL: 'https://api.hubee.numerique.gouv.fr',
      HUBEE_TOKEN_URL: 'https://auth.hubee.numerique.gouv.fr/oauth2/token',
      HUBEE_CLIENT_SECRET: strong.hubee,
      INSEE_API_URL: 'https://api.insee.fr/api-sirene/3.11',
      INSEE_API_KEY: strong.insee,
      SESSION_ENCRYPTION_KEY: strong.sessionKey,
      METRICS_TOKEN: strong.metrics,
      API_PUBLIC_URL: 'https://api.qf.example.fr',
      WEB_PUBLIC_URL: 'https://qf.example.fr',
      CORS_ORIGINS: 'https://qf.example.fr',
      SECRETS_ENCRYPTION_KEYS: `k2026:${strong.secretsKey}`,
      DATAPASS_WEBHOOK_SECRET: strong.datapass,
      HUBEE_ADMIN_CLIENT_SECRET: strong.hubeeAdmin,
    })
    const demoSessionKeyBase64 = demoSessionKey.toString('base64')

    it('accepts random keys and tokens', () => {
      expect(loadConfig(production()).env).toBe('production')
    })

    it('/docs is off in production unless API_DOCS=true; on elsewhere (issue 21, info)', () => {
      expect(loadConfig(production()).http.docs).toBe(false)
      expect(loadConfig({ ...production(), API_DOCS: 'true' }).http.docs).toBe(true)
      expect(loadConfig({}).http.docs).toBe(true)
      expect(loadConfig({ API_DOCS: 'false' }).http.docs).toBe(false)
    })

    it.each([
      [
        'the public demo secrets key as session key',
        { SESSION_ENCRYPTION_KEY: demoSecretsKey.toString('base64') },
        /SESSION_ENCRYPTION_KEY: .*public demo key/,
      ],
      [
        'the public demo session key in the secrets keyring',
        { SECRETS_ENCRYPTION_KEYS: `k:${demoSessionKeyBase64}` },
        /SECRETS_ENCRYPTION_KEYS: .*public demo key/,
      ],
      [
        'a session key equal to the secrets key',
        { SESSION_ENCRYPTION_KEY: strong.secretsKey },
        /SESSION_ENCRYPTION_KEY: .*SECRETS_ENCRYPTION_KEYS/,
      ],
      [
        'a session key equal to a previous secrets key',
        { SECRETS_ENCRYPTION_KEYS: `new:${randomBytes(32).toString('base64')},old:${strong.sessionKey}` },
        /SESSION_ENCRYPTION_KEY: .*SECRETS_ENCRYPTION_KEYS/,
      ],
      [
        'an all-zero session key',
        { SESSION_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') },
        /SESSION_ENCRYPTION_KEY: .*low-entropy/,
      ],
      [
        'a repeated-byte secrets key',
        { SECRETS_ENCRYPTION_KEYS: `k:${Buffer.alloc(32, 7).toString('base64')}` },
        /SECRETS_ENCRYPTION_KEYS: .*low-entropy/,
      ],
      ['a metrics token of 32 × a', { METRICS_TOKEN: 'a'.repeat(32) }, /METRICS_TOKEN: .*low-entropy/],
      [
        'a DataPass secret of 16 × a',
        { DATAPASS_WEBHOOK_SECRET: 'a'.repeat(16) },
        /DATAPASS_WEBHOOK_SECRET: .*low-entropy/,
      ],
      [
        'an 8-character FranceConnect secret',
        { FRANCECONNECT_CLIENT_SECRET: 'k3Y9pQ2z' },
        /FRANCECONNECT_CLIENT_SECRET: .*low-entropy/,
      ],
      [
        'a HubEE secret of two characters repeated',
        { HUBEE_CLIENT_SECRET: 'ab'.repeat(20) },
        /HUBEE_CLIENT_SECRET: .*low-entropy/,
      ],
    ])('refuses %s', (_label, change, message) => {
      expect(() => loadConfig({ ...production(), ...change })).toThrow(message)
    })

    it('outside production the demo keys stay allowed', () => {
      expect(loadConfig({ METRICS_TOKEN: 'a'.repeat(32) }).metrics.token).toBe('a'.repeat(32))
    })
  })

  it('production requires METRICS_TOKEN; COOKIE_SECRET is gone', () => {
    const real = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/qf',
      FRANCECONNECT_ISSUER: 'https://oidc.franceconnect.gouv.fr/api/v2',
      FRANCECONNECT_CLIENT_SECRET: strong.franceconnect,
      API_PARTICULIER_URL: 'https://particulier.api.gouv.fr',
      HUBEE_API_URL: 'https://api.hubee.numerique.gouv.fr',
      HUBEE_TOKEN_URL: 'https://auth.hubee.numerique.gouv.fr/oauth2/token',
      HUBEE_CLIENT_SECRET: strong.hubee,
      INSEE_API_URL: 'https://api.insee.fr/api-sirene/3.11',
      INSEE_API_KEY: strong.insee,
      SESSION_ENCRYPTION_KEY: strong.sessionKey,
      SECRETS_ENCRYPTION_KEYS: `k2026:${strong.secretsKey}`,
      DATAPASS_WEBHOOK_SECRET: strong.datapass,
      HUBEE_ADMIN_CLIENT_SECRET: strong.hubeeAdmin,
      API_PUBLIC_URL: 'https://qf.example.fr',
      WEB_PUBLIC_URL: 'https://qf.example.fr',
      CORS_ORIGINS: 'https://qf.example.fr',
    }
    expect(() => loadConfig(real)).toThrow(/METRICS_TOKEN: must be set in production/)
    const config = loadConfig({ ...real, METRICS_TOKEN: strong.metrics })
    expect(config.metrics.token).toBe(strong.metrics)
    expect(Object.keys(config.security)).toEqual(['sessionKeyring', 'secretsKeyring'])
    expect(() => loadConfig({ METRICS_TOKEN: 'too-short' })).toThrow(/METRICS_TOKEN/)
  })

  describe('production refuses plain http and local or private addresses, naming the variable', () => {
    const real = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://10.0.0.5/qf',
      FRANCECONNECT_ISSUER: 'https://oidc.franceconnect.gouv.fr/api/v2',
      FRANCECONNECT_CLIENT_SECRET: strong.franceconnect,
      API_PARTICULIER_URL: 'https://particulier.api.gouv.fr',
      HUBEE_API_URL: 'https://api.hubee.numerique.gouv.fr',
      HUBEE_TOKEN_URL: 'https://auth.hubee.numerique.gouv.fr/oauth2/token',
      HUBEE_CLIENT_SECRET: strong.hubee,
      INSEE_API_URL: 'https://api.insee.fr/api-sirene/3.11',
      INSEE_API_KEY: strong.insee,
      SESSION_ENCRYPTION_KEY: strong.sessionKey,
      SECRETS_ENCRYPTION_KEYS: `k2026:${strong.secretsKey}`,
      DATAPASS_WEBHOOK_SECRET: strong.datapass,
      HUBEE_ADMIN_CLIENT_SECRET: strong.hubeeAdmin,
      METRICS_TOKEN: strong.metrics,
      API_PUBLIC_URL: 'https://api.qf.example.fr',
      WEB_PUBLIC_URL: 'https://qf.example.fr',
      CORS_ORIGINS: 'https://qf.example.fr,https://portail.majastres.fr',
    }
    const variables = [
      'FRANCECONNECT_ISSUER',
      'API_PARTICULIER_URL',
      'HUBEE_API_URL',
      'HUBEE_TOKEN_URL',
      'INSEE_API_URL',
      'API_PUBLIC_URL',
      'WEB_PUBLIC_URL',
      'CORS_ORIGINS',
    ]
    const badUrls = [
      'http://oidc.franceconnect.gouv.fr/api/v2',
      'https://localhost/x',
      'https://sandbox.localhost:4000/x',
      'https://127.0.0.1/x',
      'https://127.0.0.2/x',
      'https://0x7f.1/x',
      'https://0.0.0.0/x',
      'https://10.1.2.3/x',
      'https://172.16.0.1/x',
      'https://172.31.255.254/x',
      'https://192.168.1.1/x',
      'https://169.254.169.254/latest',
      'https://[::1]/x',
      'https://[::ffff:127.0.0.1]/x',
      'https://[fc00::1]/x',
      'https://[fd12:3456::1]/x',
      'https://[fe80::1]/x',
    ]

    it('accepts the real https URLs (a private DATABASE_URL is fine)', () => {
      expect(loadConfig(real).http.publicUrl).toBe('https://api.qf.example.fr')
    })

    it.each(variables)('%s', (name) => {
      for (const bad of badUrls) {
        const value = name === 'CORS_ORIGINS' ? `https://qf.example.fr,${new URL(bad).origin}` : bad
        expect(() => loadConfig({ ...real, [name]: value }), `${name}=${value}`).toThrow(
          new RegExp(`${name}: .*(https|loopback)`),
        )
      }
    })

    it('public addresses next to the private ranges are accepted', () => {
      for (const ok of [
        'https://172.32.0.1',
        'https://11.0.0.1',
        'https://[2001:db8::1]',
        'https://192.169.0.1',
      ])
        expect(loadConfig({ ...real, INSEE_API_URL: ok }).insee.apiUrl).toBe(ok)
    })

    it('outside production plain http to any stand-in host stays allowed', () => {
      const dev = loadConfig({ API_PARTICULIER_URL: 'http://sandbox:4000/api-particulier' })
      expect(dev.apiParticulier.url).toBe('http://sandbox:4000/api-particulier')
    })

    it('HubEE and INSEE are grouped by concern, defaulting to the sandbox', () => {
      const config = loadConfig({})
      expect(config.hubee).toEqual({
        apiUrl: 'http://localhost:4000/hubee',
        tokenUrl: 'http://localhost:4000/hubee-auth/oauth2/token',
        clientId: 'formulaire-qf-osl',
        clientSecret: 'sandbox-osl-secret',
        timeoutMs: 15_000,
        adminClientId: 'formulaire-qf-admin',
        adminClientSecret: 'sandbox-admin-secret',
        referentialScope: 'ADMIN',
        subscriptionCheckCron: '*/10 * * * *',
      })
      expect(loadConfig({ HUBEE_REFERENTIAL_SCOPE: 'DATAPASS' }).hubee.referentialScope).toBe('DATAPASS')
      expect(() => loadConfig({ HUBEE_REFERENTIAL_SCOPE: 'OSL' })).toThrow(/HUBEE_REFERENTIAL_SCOPE/)
      expect(config.delivery).toEqual({
        horizonMs: 24 * 3600 * 1000,
        retryDelaySeconds: 60,
        statusSyncCron: '*/5 * * * *',
        failedDossierRetentionMs: 72 * 3600 * 1000,
        traceRetentionMs: 90 * 24 * 3600 * 1000,
      })
      expect(() => loadConfig({ SUBMISSION_RETENTION_DAYS: '91' })).toThrow(/SUBMISSION_RETENTION_DAYS/)
      expect(() => loadConfig({ STATUS_SYNC_CRON: 'every 5 minutes' })).toThrow(/STATUS_SYNC_CRON/)
      expect(config.insee).toEqual({
        apiUrl: 'http://localhost:4000/insee/api-sirene/3.11',
        apiKey: 'sandbox-insee-key',
      })
    })
  })
})
