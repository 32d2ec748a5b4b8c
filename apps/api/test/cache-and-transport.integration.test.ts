import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServer } from './helpers/app.js'
import { Browser } from '@qf/testing'
import {
  MAJASTRES,
  PORTAL_ORIGIN,
  currentSession,
  fullLogin,
  land,
  loginAtFranceConnect,
  startJourneyWorld,
  type JourneyWorld,
} from './helpers/journey-world.js'

// Issue 7, item 5: answers carrying personal data or credentials are never cacheable; HSTS follows
// the public URL's scheme.
let world: JourneyWorld

beforeAll(async () => {
  world = await startJourneyWorld()
})
afterAll(async () => {
  await world?.close()
})

describe('Cache-Control: no-store', () => {
  it('on the session, its identity and QF, the logout answer and the redirects of the login', async () => {
    const { browser, created } = await land(world, { siret: MAJASTRES })
    const login = await browser.fetch(created.loginUrl)
    await login.arrayBuffer()
    expect(login.headers.get('cache-control')).toBe('no-store')
    const { browser: citizen } = await fullLogin(world, MAJASTRES, 'avec_nom_dusage')
    const current = await citizen.fetch(`${world.apiUrl}/api/v1/sessions/current`)
    expect(current.status).toBe(200)
    expect(current.headers.get('cache-control')).toBe('no-store')
    const logout = await citizen.fetch(`${world.apiUrl}/api/v1/sessions/current/logout`, { method: 'POST' })
    expect(logout.status).toBe(200)
    expect(((await logout.json()) as { logoutUrl: string }).logoutUrl).toContain('id_token_hint')
    expect(logout.headers.get('cache-control')).toBe('no-store')
  })

  it('on the created session, the callback redirect carrying the login code, and the token exchange', async () => {
    const portal = new Browser(PORTAL_ORIGIN)
    const res = await portal.fetch(`${world.apiUrl}/api/v1/sessions`, {
      method: 'POST',
      json: { siret: MAJASTRES, frontendUrl: `${PORTAL_ORIGIN}/qf` },
    })
    expect(res.headers.get('cache-control')).toBe('no-store')
    const created = (await res.json()) as { loginUrl: string }
    const callback = await loginAtFranceConnect(world, portal, created.loginUrl, { login: 'avec_nom_dusage' })
    const answer = await portal.fetch(callback)
    await answer.arrayBuffer()
    expect(answer.status).toBe(302)
    expect(answer.headers.get('cache-control')).toBe('no-store')
    const landing = new URL(answer.headers.get('location') ?? '')
    const loginCode = new URLSearchParams(landing.hash.slice(1)).get('login_code') ?? ''
    const exchange = await new Browser(PORTAL_ORIGIN).fetch(`${world.apiUrl}/api/v1/sessions/token`, {
      method: 'POST',
      json: { loginCode },
    })
    expect(exchange.status).toBe(200)
    expect(exchange.headers.get('cache-control')).toBe('no-store')
  })

  it('on errors too (a 401 problem)', async () => {
    const res = await currentSession(world, new Browser())
    expect(res.status).toBe(401)
    const raw = await fetch(`${world.apiUrl}/api/v1/sessions/current`)
    expect(raw.headers.get('cache-control')).toBe('no-store')
  })
})

describe('Strict-Transport-Security', () => {
  it('is sent when the public URL is https, even outside production', async () => {
    const server = await buildTestServer(world.database.url, { API_PUBLIC_URL: 'https://qf.example.fr' })
    try {
      const res = await server.inject({ method: 'GET', url: '/health' })
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/)
    } finally {
      await server.close()
    }
  })

  it('is not sent over plain http (localhost)', async () => {
    const res = await fetch(`${world.apiUrl}/health`)
    expect(res.headers.get('strict-transport-security')).toBeNull()
  })
})
