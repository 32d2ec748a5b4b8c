import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problemTypes } from '@qf/contracts'
import { LogCapture } from './helpers/log-capture.js'
import { MAJASTRES, SPA_ORIGIN, startJourneyWorld, type JourneyWorld } from './helpers/journey-world.js'

// Issue 7, item 2: strings that can reach SQL refuse control characters (and lone surrogates) at the
// schema; malformed encodings are refused before any route: 4xx problem+json, never a 500.
let world: JourneyWorld
const logs = new LogCapture()

beforeAll(async () => {
  world = await startJourneyWorld({ env: { LOG_LEVEL: 'info' }, logStream: logs })
})
afterAll(async () => {
  await world?.close()
})

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  return (await res.json()) as { type: string; status: number; errors?: { name: string }[] }
}

describe('strings reaching SQL', () => {
  it('a NUL byte in the FranceConnect callback is a 422, not a 500', async () => {
    const res = await fetch(`${world.apiUrl}/api/v1/auth/franceconnect/callback?code=a%00b&state=x%00y`, {
      redirect: 'manual',
    })
    expect(res.status).toBe(422)
    const body = await problem(res)
    expect(body.type).toBe(problemTypes.validation)
    expect(body.errors?.map((e) => e.name).sort()).toEqual(['querystring.code', 'querystring.state'])
  })

  it('a state that is not base64url is refused at the schema', async () => {
    const res = await fetch(`${world.apiUrl}/api/v1/auth/franceconnect/callback?code=abc&state=a%20b`, {
      redirect: 'manual',
    })
    expect(res.status).toBe(422)
  })

  it('a NUL byte or a control character in a collectivity search is a 422', async () => {
    for (const q of ['a%00b', 'a%1Bb', 'a%C2%85b']) {
      const res = await fetch(`${world.apiUrl}/api/v1/collectivities?q=${q}`)
      expect(res.status, q).toBe(422)
      expect((await problem(res)).errors).toEqual([
        { name: 'querystring.q', reason: "n'a pas le format attendu" },
      ])
    }
  })

  it('a search keeps accepting accents and astral characters', async () => {
    const accents = await fetch(`${world.apiUrl}/api/v1/collectivities?q=${encodeURIComponent('Hauteluce')}`)
    expect(accents.status).toBe(200)
    const emoji = await fetch(`${world.apiUrl}/api/v1/collectivities?q=${encodeURIComponent('🏔')}`)
    expect(emoji.status).toBe(200)
    expect(await emoji.json()).toEqual({ items: [] })
  })

  it('a lone surrogate or a bad percent-encoding in a query string is a 400 bad-url', async () => {
    for (const q of ['%ED%A0%80', '%E0%A4%A', '%FF', 'abc%']) {
      const res = await fetch(`${world.apiUrl}/api/v1/collectivities?q=${q}`)
      expect(res.status, q).toBe(400)
      expect((await problem(res)).type).toBe(problemTypes.badUrl)
    }
  })

  it('JSON body strings refuse NUL and lone surrogates; a body that is not UTF-8 is a 400', async () => {
    const post = (path: string, body: string | Uint8Array) =>
      fetch(`${world.apiUrl}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: SPA_ORIGIN },
        body,
      })
    const nul = await post(
      '/sessions',
      JSON.stringify({ siret: MAJASTRES, redirectUri: 'https://a.fr/\u0000' }),
    )
    expect(nul.status).toBe(422)
    const lone = await post('/sessions', `{"siret":"${MAJASTRES}","frontendUrl":"https://a.fr/\\ud800"}`)
    expect(lone.status).toBe(422)
    const code = await post('/sessions/token', JSON.stringify({ loginCode: `${'a'.repeat(20)}\u0000` }))
    expect(code.status).toBe(422)
    const bytes = new Uint8Array([
      ...Buffer.from(`{"siret":"${MAJASTRES}","externalId":"`),
      0xed,
      0xa0,
      0x80,
      0x22,
      0x7d,
    ])
    const notUtf8 = await post('/sessions', bytes)
    expect(notUtf8.status).toBe(400)
    expect((await problem(notUtf8)).type).toBe(problemTypes.invalidBody)
  })

  it('none of this produced an error log line', () => {
    expect(logs.lines.length).toBeGreaterThan(0)
    expect(logs.atLeast(50)).toEqual([])
  })
})
