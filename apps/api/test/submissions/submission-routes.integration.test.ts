import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problemTypes, referenceAlphabet } from '@qf/contracts'
import { Browser } from '@qf/testing'
import {
  MAJASTRES,
  PORTAL_ORIGIN,
  currentSession,
  fullLogin,
  land,
  startJourneyWorld,
  type JourneyWorld,
} from '../helpers/journey-world.js'
import { InMemoryDossierHub } from '../../src/adapters/in-memory/in-memory-dossier-hub.js'
import { majastres } from '../contracts/hub-worlds.js'

type Json = Record<string, unknown> & { type?: string; reference?: string; status?: string }
const readJson = async (res: Response) => (await res.json()) as Json

// The routes' contract; the hub is the fake here (delivery over the sandbox is tested elsewhere).
const hub = new InMemoryDossierHub({ subscriptions: [{ recipient: majastres, processCode: 'FormulaireQF' }] })
let world: JourneyWorld

beforeAll(async () => {
  world = await startJourneyWorld({ ports: { dossierHub: hub } })
})
afterAll(async () => {
  await world?.close()
  await hub.close()
})

const submit = (browser: Browser, body: unknown = { consent: true }, headers: Record<string, string> = {}) =>
  browser.fetch(`${world.apiUrl}/api/v1/sessions/current/submission`, { method: 'POST', json: body, headers })
const getSubmission = (reference: string) => fetch(`${world.apiUrl}/api/v1/submissions/${reference}`)

describe('submitCurrentSession', () => {
  it('needs explicit consent: anything but {"consent": true} is a 422 problem', async () => {
    const { browser } = await fullLogin(world, MAJASTRES, 'test')
    for (const body of [{}, { consent: false }, { consent: 'true' }, { consent: true, extra: 1 }, []]) {
      const res = await submit(browser, body)
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect((await readJson(res)).type).toBe(problemTypes.validation)
    }
    expect((await currentSession(world, browser)).body.step).toBe('authenticated')
  })

  it('is refused (409, its own type) before login, and when the QF could not be read', async () => {
    const { browser } = await land(world, { siret: MAJASTRES })
    const early = await submit(browser)
    expect(early.status).toBe(409)
    expect((await readJson(early)).type).toBe(problemTypes.submissionNotAllowed)
    const noQf = await fullLogin(world, MAJASTRES, 'test_THIBAULT')
    const res = await submit(noQf.browser)
    expect(res.status).toBe(409)
    expect((await readJson(res)).type).toBe(problemTypes.submissionNotAllowed)
  })

  it('needs the session (401) and the same-origin check (403)', async () => {
    const anonymous = await submit(new Browser('http://localhost:5173'))
    expect(anonymous.status).toBe(401)
    const { browser } = await fullLogin(world, MAJASTRES, 'test')
    const foreign = await submit(browser, { consent: true }, { origin: 'https://evil.example' })
    expect(foreign.status).toBe(403)
    expect((await readJson(foreign)).type).toBe(problemTypes.forbiddenOrigin)
    expect((await currentSession(world, browser)).body.step).toBe('authenticated')
  })

  it('answers 202 with a 13-character reference; the session then shows the sending and no personal data', async () => {
    const { browser } = await fullLogin(world, MAJASTRES, 'avec_nom_dusage', { externalId: 'famille-7' })
    const res = await submit(browser)
    expect(res.status).toBe(202)
    const accepted = await readJson(res)
    expect(accepted.reference).toMatch(new RegExp(`^[${referenceAlphabet}]{13}$`))
    expect(accepted.status).toBe('queued')
    const { status, body } = await currentSession(world, browser)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      step: 'submitted',
      externalId: 'famille-7',
      identity: null,
      quotientFamilial: null,
      quotientFamilialError: null,
      submission: { reference: accepted.reference, submittedAt: accepted.submittedAt },
    })
    expect(JSON.stringify(body)).not.toContain('MERCIER')
  })

  it('a repeat, a double click or two tabs answer the same reference: one submission per journey', async () => {
    const { browser } = await fullLogin(world, MAJASTRES, 'test')
    const answers = await Promise.all([submit(browser), submit(browser), submit(browser)])
    const bodies = await Promise.all(answers.map(readJson))
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202])
    expect(new Set(bodies.map((b) => b.reference)).size).toBe(1)
    const again = await readJson(await submit(browser))
    expect(again.reference).toBe(bodies[0]?.reference)
    expect(again.submittedAt).toBe(bodies[0]?.submittedAt)
  })

  it('works with a third-party front end’s bearer token', async () => {
    const portal = new Browser(PORTAL_ORIGIN)
    const { browser } = await fullLogin(world, MAJASTRES, 'test')
    // The cookie's secret is the session credential either way; sent as a bearer token here.
    const token = browser.cookie('qf_session') ?? ''
    const res = await portal.fetch(`${world.apiUrl}/api/v1/sessions/current/submission`, {
      method: 'POST',
      json: { consent: true },
      headers: { authorization: `Bearer ${token}` },
    })
    expect(res.status).toBe(202)
  })
})

describe('getSubmission', () => {
  it('is public and shows status, collectivity and dates, no personal data', async () => {
    const { browser } = await fullLogin(world, MAJASTRES, 'avec_nom_dusage', { externalId: 'famille-8' })
    const accepted = await readJson(await submit(browser))
    const res = await getSubmission(String(accepted.reference))
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toContain('no-store')
    const body = await readJson(res)
    expect(body).toMatchObject({
      reference: accepted.reference,
      collectivity: { siret: MAJASTRES, name: 'Majastres' },
      submittedAt: accepted.submittedAt,
    })
    expect(['queued', 'delivered']).toContain(body.status)
    expect(Object.keys(body).sort()).toEqual(
      ['collectivity', 'deliveredAt', 'reference', 'status', 'submittedAt', 'updatedAt'].sort(),
    )
    for (const word of ['MERCIER', 'famille-8', 'Pierre']) expect(JSON.stringify(body)).not.toContain(word)
  })

  it('404 for an unknown reference, 422 for a malformed one, never a 500', async () => {
    const unknown = await getSubmission('7KQ4MXD9HTCW3')
    expect(unknown.status).toBe(404)
    expect((await readJson(unknown)).type).toBe(problemTypes.submissionNotFound)
    for (const bad of ['7kq4mxd9htcw3', '7KQ4MXD9HTCW', '0OQ4MXD9HTCW3', '7KQ4MXD9HTCW3X', '%E2%80%8B']) {
      const res = await getSubmission(bad)
      expect(res.status, bad).toBe(422)
      expect((await readJson(res)).type).toBe(problemTypes.validation)
    }
  })
})
