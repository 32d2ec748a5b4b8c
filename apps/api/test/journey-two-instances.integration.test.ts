import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  MAJASTRES,
  SPA_ORIGIN,
  currentSession,
  land,
  loginAtFranceConnect,
  openCallback,
  startJourneyWorld,
  type JourneyWorld,
} from './helpers/journey-world.js'

let world: JourneyWorld

beforeAll(async () => {
  world = await startJourneyWorld({ instances: 2 })
})
afterAll(async () => {
  await world?.close()
})

describe('two API instances on one Postgres (no state in memory)', () => {
  it('a journey started on one instance finishes on the other', async () => {
    const [first, second] = world.instances
    if (!first || !second) throw new Error('two instances expected')
    // Landing and login start on the first instance…
    const { browser, created } = await land(world, { siret: MAJASTRES, externalId: 'lb-1' })
    const callback = await loginAtFranceConnect(world, browser, created.loginUrl, {
      login: 'avec_nom_dusage',
    })
    // …the load balancer sends FranceConnect's callback to the second one…
    const landing = await openCallback(browser, callback, second.url)
    expect(landing.href).toBe(`${SPA_ORIGIN}/collectivites/${MAJASTRES}/envoyer_mes_donnees`)
    // …and both read the same session.
    for (const instance of [first, second]) {
      const res = await browser.fetch(`${instance.url}/api/v1/sessions/current`)
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ externalId: 'lb-1', identity: { familyName: 'MERCIER' } })
    }
    const logout = await browser.fetch(`${second.url}/api/v1/sessions/current/logout`, { method: 'POST' })
    expect(logout.status).toBe(200)
    expect((await currentSession(world, browser)).status).toBe(401)
  })
})
