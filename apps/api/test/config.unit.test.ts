import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config/load.js'

describe('configuration', () => {
  it('works with no configuration at all (demo defaults)', () => {
    const config = loadConfig({})
    expect(config.http.port).toBe(3000)
    expect(config.franceconnect.issuer).toBe('http://localhost:4000/franceconnect/api/v2')
    expect(config.franceconnect.redirectUri).toBe('http://localhost:3000/api/v1/auth/franceconnect/callback')
    expect(config.security.sessionEncryptionKey).toHaveLength(32)
    expect(config.database.url).toBeUndefined()
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
      FRANCECONNECT_CLIENT_SECRET: 'a-real-secret',
      API_PARTICULIER_URL: 'https://particulier.api.gouv.fr',
      HUBEE_API_URL: 'https://api.hubee.numerique.gouv.fr',
      HUBEE_TOKEN_URL: 'https://auth.hubee.numerique.gouv.fr/oauth2/token',
      HUBEE_CLIENT_SECRET: 'another-secret',
      INSEE_API_URL: 'https://api.insee.fr/api-sirene/3.11',
      INSEE_API_KEY: 'insee-key',
      SESSION_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      METRICS_TOKEN: 'm'.repeat(40),
    }
    expect(loadConfig(real).env).toBe('production')
    expect(() => loadConfig({ ...real, HUBEE_API_URL: 'http://localhost:4000/hubee' })).toThrow(
      /HUBEE_API_URL.*stand-ins/,
    )
    expect(() => loadConfig({ ...real, DATABASE_URL: '' })).toThrow(/DATABASE_URL/)
    expect(() => loadConfig({ ...real, DEMO_SEED: 'true' })).toThrow(/DEMO_SEED/)
  })

  it('production requires METRICS_TOKEN; COOKIE_SECRET is gone', () => {
    const real = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/qf',
      FRANCECONNECT_ISSUER: 'https://oidc.franceconnect.gouv.fr/api/v2',
      FRANCECONNECT_CLIENT_SECRET: 'a-real-secret',
      API_PARTICULIER_URL: 'https://particulier.api.gouv.fr',
      HUBEE_API_URL: 'https://api.hubee.numerique.gouv.fr',
      HUBEE_TOKEN_URL: 'https://auth.hubee.numerique.gouv.fr/oauth2/token',
      HUBEE_CLIENT_SECRET: 'another-secret',
      INSEE_API_URL: 'https://api.insee.fr/api-sirene/3.11',
      INSEE_API_KEY: 'insee-key',
      SESSION_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      API_PUBLIC_URL: 'https://qf.example.fr',
      WEB_PUBLIC_URL: 'https://qf.example.fr',
      CORS_ORIGINS: 'https://qf.example.fr',
    }
    expect(() => loadConfig(real)).toThrow(/METRICS_TOKEN: must be set in production/)
    const config = loadConfig({ ...real, METRICS_TOKEN: 'm'.repeat(40) })
    expect(config.metrics.token).toBe('m'.repeat(40))
    expect(Object.keys(config.security)).toEqual(['sessionEncryptionKey'])
    expect(() => loadConfig({ METRICS_TOKEN: 'too-short' })).toThrow(/METRICS_TOKEN/)
  })
})
