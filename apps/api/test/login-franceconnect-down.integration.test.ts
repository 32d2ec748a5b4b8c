import { startSandbox, type Sandbox } from '@qf/sandbox'
import { freePort } from '@qf/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { land, MAJASTRES, SPA_ORIGIN, startJourneyWorld, type JourneyWorld } from './helpers/journey-world.js'

// Issue 22, item 8: an API started while FranceConnect is down consumed the login ticket before trying
// discovery, and answered the browser's navigation with raw problem+json; a reload then said "session
// expirée". Discovery comes first now, and the browser is sent to the SPA's error page.
let world: JourneyWorld
let fcPort: number
let franceConnect: Sandbox | undefined

beforeAll(async () => {
  fcPort = await freePort()
  // FranceConnect (a stand-in on a port of its own) is not started yet.
  world = await startJourneyWorld({
    env: { FRANCECONNECT_ISSUER: `http://localhost:${fcPort}/franceconnect/api/v2` },
  })
})
afterAll(async () => {
  await franceConnect?.close()
  await world?.close()
})

describe('the login link while FranceConnect is down', () => {
  it('redirects the browser to the error page, keeps the ticket, and works once FranceConnect is back', async () => {
    const { browser, created } = await land(world, { siret: MAJASTRES })
    const down = await browser.fetch(created.loginUrl)
    expect(down.status).toBe(302)
    expect(down.headers.get('content-type') ?? '').not.toMatch(/json/)
    expect(down.headers.get('location')).toBe(
      `${SPA_ORIGIN}/collectivites/${MAJASTRES}/erreur?code=franceconnect_unavailable`,
    )
    await down.arrayBuffer()

    franceConnect = await startSandbox({
      port: fcPort,
      franceConnectClients: [
        {
          clientId: 'qf-test',
          clientSecret: 'qf-test-secret-0123456789abcdefghij',
          redirectUris: [`${world.apiUrl}/api/v1/auth/franceconnect/callback`],
          postLogoutRedirectUris: [`${world.apiUrl}/api/v1/auth/franceconnect/logout-callback`],
        },
      ],
    })
    // The same link (a reload): the ticket was not spent on the failed attempt.
    const up = await browser.fetch(created.loginUrl)
    expect(up.status).toBe(302)
    const location = new URL(up.headers.get('location') ?? '')
    expect(location.origin).toBe(`http://localhost:${fcPort}`)
    expect(location.searchParams.get('client_id')).toBe('qf-test')
    await up.arrayBuffer()
    // And it is single use all the same.
    const again = await browser.fetch(created.loginUrl)
    expect(again.headers.get('location')).toContain('code=session_expired')
    await again.arrayBuffer()
  }, 60_000)
})
