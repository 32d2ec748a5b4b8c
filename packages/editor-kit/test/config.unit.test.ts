import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError, hubeeClientIdOf, loadConfig, parseConfig } from '../src/config.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qf-config-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('configuration', () => {
  it('defaults to the production HubEE and API Particulier', () => {
    const config = parseConfig({}, dir)
    expect(config.hubee).toMatchObject({
      apiUrl: 'https://api.hubee.numerique.gouv.fr',
      tokenUrl: 'https://auth.hubee.numerique.gouv.fr/oauth2/token',
    })
    expect(config.apiParticulier.baseUrl).toBe('https://particulier.api.gouv.fr')
    expect(config.stateDir).toBe(join(dir, '.qf-editeur', 'etat'))
    expect(config.inboxDir).toBe(join(dir, '.qf-editeur', 'dossiers'))
  })

  it('--sandbox starts from the shipped sample: the sandbox URLs and its subscriptions', async () => {
    const config = await loadConfig({ sandbox: true, env: {}, cwd: dir })
    expect(config.hubee.apiUrl).toBe('http://localhost:4000/hubee')
    expect(config.hubee.tokenUrl).toBe('http://localhost:4000/hubee-auth/oauth2/token')
    expect(config.apiParticulier.baseUrl).toBe('http://localhost:4000/api-particulier')
    expect(config.subscriptions.map(hubeeClientIdOf)).toContain('SI-21040107100019-04107')
    expect(config.stateDir).toBe(join(dir, '.qf-editeur', 'etat'))
  })

  it('file, then environment over it; relative paths from the file’s folder', async () => {
    const file = join(dir, 'conf.json')
    await writeFile(
      file,
      JSON.stringify({
        stateDir: 'etat',
        subscriptions: [{ siret: '21040107100019', cog: '04107', hubeeClientSecret: 's' }],
      }),
    )
    const config = await loadConfig({
      file,
      env: {
        QF_HUBEE_API_URL: 'https://api.bas.hubee.numerique.gouv.fr',
        QF_WEBHOOK_SECRETS: 'a-secret-of-16-chars,another-secret-16c',
      },
    })
    expect(config.stateDir).toBe(join(dir, 'etat'))
    expect(config.hubee.apiUrl).toBe('https://api.bas.hubee.numerique.gouv.fr')
    expect(config.webhook.secrets).toEqual(['a-secret-of-16-chars', 'another-secret-16c'])
    expect(config.subscriptions).toHaveLength(1)
  })

  it('one subscription from QF_SIRET & co', async () => {
    const config = await loadConfig({
      cwd: dir,
      env: {
        QF_SIRET: '21040107100019',
        QF_COG: '04107',
        QF_HUBEE_CLIENT_SECRET: 'secret',
        QF_API_PARTICULIER_TOKEN: 'jwt',
      },
    })
    expect(config.subscriptions).toEqual([
      { siret: '21040107100019', cog: '04107', hubeeClientSecret: 'secret', apiParticulierToken: 'jwt' },
    ])
  })

  it('refuses what is wrong, naming the path', () => {
    expect(() =>
      parseConfig({ subscriptions: [{ siret: '1', cog: '04107', hubeeClientSecret: 's' }] }),
    ).toThrow(ConfigError)
    expect(() => parseConfig({ hubee: { apiUrl: 'ftp://x' } })).toThrow(/URL invalide/)
    expect(() => parseConfig({ unknown: true })).toThrow(ConfigError)
    expect(() => parseConfig({ apiParticulier: { requestsPerSecond: 50 } })).toThrow(/requestsPerSecond/)
    const s = { siret: '21040107100019', cog: '04107', hubeeClientSecret: 's' }
    expect(() => parseConfig({ subscriptions: [s, s] })).toThrow(/double/)
  })
})
