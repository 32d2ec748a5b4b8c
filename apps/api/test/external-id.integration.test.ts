import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problemTypes } from '@qf/contracts'
import {
  acceptedExternalIds,
  refusedExternalIds,
} from '../../../packages/contracts/test/external-id-samples.js'
import { Browser } from '@qf/testing'
import {
  MAJASTRES,
  SPA_ORIGIN,
  currentSession,
  startJourneyWorld,
  type JourneyWorld,
} from './helpers/journey-world.js'

// Issue 7, item 8: `externalId` accepts well-formed Unicode without controls, format or separator
// characters (but the plain space inside), 1–255 code points; what it accepts comes back unchanged.
let world: JourneyWorld

beforeAll(async () => {
  world = await startJourneyWorld()
})
afterAll(async () => {
  await world?.close()
})

/** POSTs the JSON text as is (so a lone-surrogate escape reaches the server as written). */
async function createSession(browser: Browser, jsonText: string) {
  return browser.fetch(`${world.apiUrl}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: jsonText,
  })
}

/** JSON text with every non-ASCII code unit escaped: lone surrogates survive the trip. */
const asciiJson = (value: unknown) =>
  JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )

describe('externalId over HTTP', () => {
  it.each(acceptedExternalIds.map((v) => [v]))(
    'accepts %j and gives it back unchanged',
    async (externalId) => {
      const browser = new Browser(SPA_ORIGIN)
      const res = await createSession(browser, asciiJson({ siret: MAJASTRES, externalId }))
      expect(res.status).toBe(201)
      const { body } = await currentSession(world, browser)
      expect(body.externalId).toBe(externalId)
    },
  )

  it.each(refusedExternalIds.map(([v, why]) => [why, v]))(
    'refuses a value with %s: 422 naming the field',
    async (_why, externalId) => {
      const res = await createSession(new Browser(SPA_ORIGIN), asciiJson({ siret: MAJASTRES, externalId }))
      expect(res.status).toBe(422)
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      const body = (await res.json()) as { type: string; errors: { name: string }[] }
      expect(body.type).toBe(problemTypes.validation)
      expect(body.errors.map((e) => e.name)).toContain('body.externalId')
    },
  )

  it('a lone surrogate written as an escape is refused, not turned into U+FFFD', async () => {
    const res = await createSession(
      new Browser(SPA_ORIGIN),
      `{"siret":"${MAJASTRES}","externalId":"ab\\ud800"}`,
    )
    expect(res.status).toBe(422)
  })
})
