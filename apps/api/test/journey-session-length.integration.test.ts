import { problemTypes } from '@qf/contracts'
import { DrivenClock } from '@qf/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  MAJASTRES,
  currentSession,
  fullLogin,
  startJourneyWorld,
  type JourneyWorld,
} from './helpers/journey-world.js'

// SESSION_IDLE_SECONDS shortens the session (the SPA's warning is tested in the browser with it).
const clock = new DrivenClock()
let world: JourneyWorld

beforeAll(async () => {
  world = await startJourneyWorld({ ports: { clock }, env: { SESSION_IDLE_SECONDS: '60' } })
})
afterAll(async () => {
  await world?.close()
})

describe('a session length set by SESSION_IDLE_SECONDS', () => {
  it('expires after that idle time; reading the session (the SPA’s "Prolonger") pushes it back', async () => {
    const { browser } = await fullLogin(world, MAJASTRES, 'test')
    const first = await currentSession(world, browser)
    const left = Date.parse(String(first.body.expiresAt)) - clock.now().getTime()
    expect(left).toBeGreaterThan(55_000)
    expect(left).toBeLessThanOrEqual(60_000)

    clock.advance(50_000)
    const extended = await currentSession(world, browser)
    expect(extended.status).toBe(200)
    expect(Date.parse(String(extended.body.expiresAt)) - clock.now().getTime()).toBeGreaterThan(55_000)

    clock.advance(50_000) // 100 s after login, 50 s after the extension: still open
    expect((await currentSession(world, browser)).status).toBe(200)

    clock.advance(61_000)
    const expired = await currentSession(world, browser)
    expect(expired.status).toBe(401)
    expect(expired.body.type).toBe(problemTypes.sessionExpired)
  })
})
