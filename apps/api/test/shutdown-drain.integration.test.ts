import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startSandbox, type Sandbox } from '@qf/sandbox'
import { freePort } from '@qf/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'
import { land, loginAtFranceConnect, MAJASTRES, PORTAL_ORIGIN, SPA_ORIGIN } from './helpers/journey-world.js'

// Issue 22, item 7: SIGTERM while a login callback waits on a slow API Particulier (9 s per call, within
// its 20 s budget): the process used to end itself at SHUTDOWN_GRACE_MS + 5 s, cutting the callback
// (exit 1); the citizen had to log in again. The drain now lasts as long as a callback may.
const apiDir = fileURLToPath(new URL('..', import.meta.url))
const client = { clientId: 'qf-test', clientSecret: 'qf-test-secret-0123456789abcdefghij' }
let database: TestDatabase
let sandbox: Sandbox

beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await sandbox?.close()
  await database?.drop()
})

describe('SIGTERM with a login callback in flight', () => {
  it('finishes the callback (302 to the review page), then exits 0', async () => {
    const port = await freePort()
    const apiUrl = `http://localhost:${port}`
    sandbox = await startSandbox({
      port: 0,
      franceConnectClients: [
        {
          ...client,
          redirectUris: [`${apiUrl}/api/v1/auth/franceconnect/callback`],
          postLogoutRedirectUris: [`${apiUrl}/api/v1/auth/franceconnect/logout-callback`],
        },
      ],
    })
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: apiDir,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        PORT: String(port),
        DATABASE_URL: database.url,
        DEMO_SEED: 'true',
        SHUTDOWN_GRACE_MS: '1000',
        API_PUBLIC_URL: apiUrl,
        WEB_PUBLIC_URL: SPA_ORIGIN,
        CORS_ORIGINS: `${SPA_ORIGIN},${PORTAL_ORIGIN}`,
        FRANCECONNECT_ISSUER: `${sandbox.url}/franceconnect/api/v2`,
        FRANCECONNECT_CLIENT_ID: client.clientId,
        FRANCECONNECT_CLIENT_SECRET: client.clientSecret,
        API_PARTICULIER_URL: `${sandbox.url}/api-particulier`,
        API_PARTICULIER_TIMEOUT_MS: '15000',
        HUBEE_API_URL: `${sandbox.url}/hubee`,
        HUBEE_TOKEN_URL: `${sandbox.url}/hubee-auth/oauth2/token`,
        INSEE_API_URL: `${sandbox.url}/insee/api-sirene/3.11`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      const end = Date.now() + 90_000
      while (Date.now() < end) {
        const res = await fetch(`${apiUrl}/ready`).catch(() => null)
        if (res?.status === 200) break
        await new Promise((r) => setTimeout(r, 250))
      }
      const world = { apiUrl }
      const { browser, created } = await land(world, { siret: MAJASTRES })
      const callback = await loginAtFranceConnect(world, browser, created.loginUrl, { login: 'test' })
      const faults = await fetch(`${sandbox.url}/__admin/faults/api-particulier`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ latencyMs: 9_000 }),
      })
      expect(faults.status).toBe(200)
      const answered = browser.fetch(callback).then(
        async (res) => ({
          status: res.status,
          location: res.headers.get('location'),
          body: await res.text(),
        }),
        (error: unknown) => ({ status: 0, location: null, body: String(error) }),
      )
      await new Promise((r) => setTimeout(r, 1_000))
      child.kill('SIGTERM')
      const result = await answered
      expect(result.status, `${result.body}\n${output}`).toBe(302)
      expect(result.location).toBe(`${SPA_ORIGIN}/collectivites/${MAJASTRES}/envoyer_mes_donnees`)
      expect(await exited, output).toBe(0)
    } finally {
      child.kill('SIGKILL')
    }
  }, 180_000)
})
