import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problemTypes } from '@qf/contracts'
import { Browser, DrivenClock } from '@qf/testing'
import {
  HAUTELUCE,
  MAJASTRES,
  PORTAL_ORIGIN,
  SPA_ORIGIN,
  currentSession,
  fullLogin,
  land,
  loginAtFranceConnect,
  openCallback,
  startJourneyWorld,
  type JourneyWorld,
} from './helpers/journey-world.js'

type Json = {
  type?: string
  code?: string
  errors?: { name: string }[]
  sessionToken?: string
  logoutUrl?: string
  loginUrl?: string
}
const readJson = async (res: Response) => (await res.json()) as Json

const clock = new DrivenClock()
let world: JourneyWorld

beforeAll(async () => {
  world = await startJourneyWorld({ ports: { clock } })
})
afterAll(async () => {
  await world?.close()
})

const landingPath = (siret: string) => `${SPA_ORIGIN}/collectivites/${siret}/envoyer_mes_donnees`
const errorPath = (siret: string, code: string) => `${SPA_ORIGIN}/collectivites/${siret}/erreur?code=${code}`

describe('the journey over the sandbox', () => {
  it('CNAF family with children: identity and QF are read at login, the browser goes to the review step', async () => {
    const { browser, created, landing } = await fullLogin(world, MAJASTRES, 'avec_nom_dusage', {
      externalId: 'famille-42',
      redirectUri: 'http://localhost:8080/retour?x=1',
    })
    expect(created.collectivity).toEqual({ siret: MAJASTRES, name: 'Majastres' })
    expect(landing.href).toBe(landingPath(MAJASTRES))
    const { status, body } = await currentSession(world, browser)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      step: 'authenticated',
      collectivity: { siret: MAJASTRES, name: 'Majastres' },
      externalId: 'famille-42',
      redirectUri: 'http://localhost:8080/retour?x=1',
      identity: {
        familyName: 'MERCIER',
        givenName: 'Pierre',
        givenNameArray: ['Pierre'],
        birthdate: '1969-03-17',
        gender: 'male',
        birthplace: '95277',
        birthcountry: '99100',
        genderLabel: 'Homme',
        birthplaceName: 'Gonesse',
        birthcountryName: 'France',
      },
      quotientFamilial: { supplier: 'CNAF', value: 2550, year: 2024, month: 2 },
      quotientFamilialError: null,
      submission: null,
    })
    const qf = body.quotientFamilial as { allocataires: unknown[]; enfants: { prenoms: string }[] }
    expect(qf.allocataires).toHaveLength(1)
    expect(qf.enfants.map((e) => e.prenoms)).toEqual(['PIERRE', 'ROBERT', 'HENRY'])
  })

  it('MSA family', async () => {
    const { browser, landing } = await fullLogin(world, HAUTELUCE, 'test_CINDY')
    expect(landing.href).toBe(landingPath(HAUTELUCE))
    const { body } = await currentSession(world, browser)
    expect(body.quotientFamilial).toMatchObject({ supplier: 'MSA', value: 2550 })
    expect((body.quotientFamilial as { enfants: unknown[] }).enfants).toHaveLength(5)
  })

  it('a person unknown to CAF and MSA (35003): error page; the identity is erased, only the FranceConnect logout is left', async () => {
    const { browser, landing } = await fullLogin(world, MAJASTRES, 'test_THIBAULT')
    expect(landing.href).toBe(errorPath(MAJASTRES, 'qf_not_found'))
    const { status, body } = await currentSession(world, browser)
    expect(status).toBe(200)
    expect(body).toMatchObject({ step: 'created', identity: null, quotientFamilial: null })
    expect(JSON.stringify(body)).not.toMatch(/TABLE|THIBAULT/)
    const submit = await browser.fetch(`${world.apiUrl}/api/v1/sessions/current/submission`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ consent: true }),
    })
    expect(submit.status).toBeGreaterThanOrEqual(400)
    expect(submit.status).toBeLessThan(500)
    const { default: pg } = await import('pg')
    const client = new pg.Client({ connectionString: world.database.url })
    await client.connect()
    try {
      const { rows } = await client.query('select personal_data from journey_sessions where id = $1', [
        body.id,
      ])
      expect(rows[0]).toEqual({ personal_data: null })
    } finally {
      await client.end()
    }
    // "Se déconnecter" on the error page: FranceConnect's session/end, with the id_token kept for it.
    const res = await browser.fetch(`${world.apiUrl}/api/v1/sessions/current/logout`, { method: 'POST' })
    expect(res.status).toBe(200)
    const url = new URL((await readJson(res)).logoutUrl ?? '')
    expect(url.href.startsWith(`${world.sandbox.url}/franceconnect/api/v2/session/end`)).toBe(true)
    expect(url.searchParams.get('id_token_hint')).toBeTruthy()
    expect((await currentSession(world, browser)).status).toBe(401)
  })

  it('names the place and country of birth (a Paris arrondissement)', async () => {
    const paris = await fullLogin(world, MAJASTRES, 'test')
    expect((await currentSession(world, paris.browser)).body.identity).toMatchObject({
      birthplace: '75107',
      birthplaceName: 'Paris 7e Arrondissement',
      birthcountryName: 'France',
      genderLabel: 'Femme',
    })
    // The sandbox's person born abroad (naissance_algerie) is unknown to CAF and MSA: the journey ends
    // on the error page with the identity erased, so the birth abroad is read in journey-view.unit.test.ts.
    const abroad = await fullLogin(world, MAJASTRES, 'naissance_algerie')
    expect(abroad.landing.href).toBe(errorPath(MAJASTRES, 'qf_not_found'))
    expect((await currentSession(world, abroad.browser)).body.identity).toBeNull()
  })

  it('keeps a partial birth date as given (2020-00-00)', async () => {
    const { browser } = await fullLogin(world, MAJASTRES, 'yogo')
    const { body } = await currentSession(world, browser)
    const enfants = (body.quotientFamilial as { enfants: { dateNaissance: string }[] }).enfants
    expect(enfants.map((e) => e.dateNaissance)).toContain('2020-00-00')
  })

  it('API Particulier down: retried, then a stable error; back up: the next login works', async () => {
    world.sandbox.faults.set('api-particulier', { outage: true, failureStatus: 503 })
    try {
      const { browser, landing } = await fullLogin(world, MAJASTRES, 'test')
      expect(landing.href).toBe(errorPath(MAJASTRES, 'qf_provider_unavailable'))
      const { body } = await currentSession(world, browser)
      expect(body).toMatchObject({ step: 'created', identity: null })
    } finally {
      world.sandbox.faults.reset('api-particulier')
    }
    const { landing } = await fullLogin(world, MAJASTRES, 'test')
    expect(landing.href).toBe(landingPath(MAJASTRES))
  })

  it('FranceConnect cancel (access_denied) → error page; the session stays usable for another try', async () => {
    const { browser, created } = await land(world, { siret: MAJASTRES })
    const callback = await loginAtFranceConnect(world, browser, created.loginUrl, { cancel: true })
    expect(callback.searchParams.get('error')).toBe('access_denied')
    expect((await openCallback(browser, callback)).href).toBe(
      errorPath(MAJASTRES, 'franceconnect_access_denied'),
    )
    const { body } = await currentSession(world, browser)
    expect(body).toMatchObject({ step: 'created', identity: null })
    // The login link was single-use: the session holder asks for a fresh one.
    const renewed = await browser.fetch(`${world.apiUrl}/api/v1/sessions/current/login-url`, {
      method: 'POST',
    })
    expect(renewed.status).toBe(200)
    const { loginUrl } = await readJson(renewed)
    expect(loginUrl).not.toBe(created.loginUrl)
    const retry = await loginAtFranceConnect(world, browser, loginUrl ?? '', { login: 'test' })
    expect((await openCallback(browser, retry)).href).toBe(landingPath(MAJASTRES))
  })

  it('a tampered state is refused', async () => {
    const { browser, created } = await land(world, { siret: MAJASTRES })
    const callback = await loginAtFranceConnect(world, browser, created.loginUrl, { login: 'test' })
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`)
    expect((await openCallback(browser, callback)).href).toBe(`${SPA_ORIGIN}/erreur?code=invalid_state`)
    expect((await currentSession(world, browser)).body.identity).toBeNull()
  })

  it('a replayed callback (same code and state) is refused and changes nothing', async () => {
    const { browser, created } = await land(world, { siret: MAJASTRES })
    const callback = await loginAtFranceConnect(world, browser, created.loginUrl, { login: 'test' })
    expect((await openCallback(browser, callback)).href).toBe(landingPath(MAJASTRES))
    const before = await currentSession(world, browser)
    expect((await openCallback(browser, callback)).href).toBe(`${SPA_ORIGIN}/erreur?code=invalid_state`)
    const after = await currentSession(world, browser)
    expect(after.body.identity).toEqual(before.body.identity)
  })

  it('an expired session: 401 problem, and a login finishing after expiry lands on session_expired', async () => {
    const idle = await land(world, { siret: MAJASTRES })
    clock.advance(31 * 60 * 1000)
    try {
      const { status, body } = await currentSession(world, idle.browser)
      expect(status).toBe(401)
      expect(body.type).toBe(problemTypes.sessionExpired)
      expect(JSON.stringify(body)).not.toMatch(/MERCIER|DUBOIS/)
    } finally {
      clock.advance(-31 * 60 * 1000)
    }
    const { browser, created } = await land(world, { siret: MAJASTRES })
    const callback = await loginAtFranceConnect(world, browser, created.loginUrl, { login: 'test' })
    clock.advance(31 * 60 * 1000)
    try {
      expect((await openCallback(browser, callback)).href).toBe(errorPath(MAJASTRES, 'session_expired'))
    } finally {
      clock.advance(-31 * 60 * 1000)
    }
  })

  it('a second collectivity in the same browser starts afresh (nothing inherited)', async () => {
    const { browser } = await fullLogin(world, MAJASTRES, 'test', {
      externalId: 'majastres-1',
      redirectUri: 'http://localhost:8080/majastres',
    })
    await land(world, { siret: HAUTELUCE }, browser)
    const { body } = await currentSession(world, browser)
    expect(body).toMatchObject({
      step: 'created',
      collectivity: { siret: HAUTELUCE, name: 'Hauteluce' },
      externalId: null,
      redirectUri: null,
      identity: null,
      quotientFamilial: null,
    })
  })

  it.each([
    ['another origin', 'https://evil.example/phish'],
    ['javascript:', 'javascript:alert(1)'],
    ['plain http elsewhere than localhost', 'http://portail.majastres.fr/'],
    ['credentials in the URL', 'http://user:pw@localhost:8080/'],
    ['not a URL', 'nope'],
  ])('refuses a redirect_uri with %s (422, stable type, not echoed)', async (_case, redirectUri) => {
    const res = await new Browser(SPA_ORIGIN).fetch(`${world.apiUrl}/api/v1/sessions`, {
      method: 'POST',
      json: { siret: MAJASTRES, redirectUri },
    })
    expect(res.status).toBe(422)
    const text = await res.text()
    expect(JSON.parse(text).type).toBe(problemTypes.invalidRedirectUri)
    expect(text).not.toContain(redirectUri)
  })

  it.each([
    ['empty', ''],
    ['oversized', 'x'.repeat(256)],
    ['a control character', 'abc\u0001def'],
    ['a newline', 'abc\ndef'],
    ['not a string', 12],
  ])('refuses an externalId that is %s (422 problem naming the field)', async (_case, externalId) => {
    const res = await new Browser(SPA_ORIGIN).fetch(`${world.apiUrl}/api/v1/sessions`, {
      method: 'POST',
      json: { siret: MAJASTRES, externalId },
    })
    expect(res.status).toBe(422)
    const body = await readJson(res)
    expect(body.type).toBe(problemTypes.validation)
    expect(body.errors?.map((e: { name: string }) => e.name)).toContain('body.externalId')
  })

  it('accepts a 255-character printable externalId with accents', async () => {
    const externalId = `é${'a'.repeat(254)}`
    const { browser } = await land(world, { siret: MAJASTRES, externalId })
    expect((await currentSession(world, browser)).body.externalId).toBe(externalId)
  })

  it('unknown collectivity → 404 not-found; one not offered (awaiting HubEE) → 404 not-offered', async () => {
    for (const [siret, type, code] of [
      ['21010004600015', problemTypes.collectivityNotOffered, 'not_yet_offered'],
      ['12345678901234', problemTypes.collectivityNotFound, undefined],
    ] as const) {
      const res = await new Browser(SPA_ORIGIN).fetch(`${world.apiUrl}/api/v1/sessions`, {
        method: 'POST',
        json: { siret },
      })
      expect(res.status).toBe(404)
      const problem = await readJson(res)
      expect([problem.type, problem.code]).toEqual([type, code])
    }
  })

  it('session swapping: a login link crafted by someone else never lets them read the victim’s data', async () => {
    const attacker = await land(world, { siret: MAJASTRES, externalId: 'attacker' })
    const victim = new Browser(SPA_ORIGIN)
    // The victim follows the attacker's login link and logs in.
    const callback = await loginAtFranceConnect(world, victim, attacker.created.loginUrl, {
      login: 'avec_nom_dusage',
    })
    expect((await openCallback(victim, callback)).href).toBe(landingPath(MAJASTRES))
    // The attacker's credential was rotated away: nothing to read.
    const stolen = await currentSession(world, attacker.browser)
    expect(stolen.status).toBe(401)
    expect(JSON.stringify(stolen.body)).not.toContain('MERCIER')
    // The victim, who completed the login, reads their own data.
    expect((await currentSession(world, victim)).body.identity).toMatchObject({ familyName: 'MERCIER' })
  })

  it('session swapping the other way: a callback started in another browser is refused', async () => {
    const attacker = await land(world, { siret: MAJASTRES })
    const callback = await loginAtFranceConnect(world, attacker.browser, attacker.created.loginUrl, {
      login: 'test',
    })
    const victim = await land(world, { siret: MAJASTRES })
    expect((await openCallback(victim.browser, callback)).href).toBe(errorPath(MAJASTRES, 'invalid_state'))
    expect((await currentSession(world, victim.browser)).body.identity).toBeNull()
  })

  describe('the login link: a single-use ticket only the session’s creator holds (issue 7 §1)', () => {
    const loginAt = (params: string) => `${world.apiUrl}/api/v1/auth/franceconnect/login?${params}`
    const opened = async (browser: Browser, url: string) => {
      const res = await browser.fetch(url)
      await res.arrayBuffer()
      return { status: res.status, location: res.headers.get('location') ?? '', browser }
    }

    it('carries a ticket, not the session id', async () => {
      const { created } = await land(world, { siret: MAJASTRES })
      const url = new URL(created.loginUrl)
      expect([...url.searchParams.keys()]).toEqual(['ticket'])
      expect(created.loginUrl).not.toContain(created.id)
    })

    it('the old ?session=<id> starts nothing: a logged-in citizen is neither reset nor taken over', async () => {
      const { browser, created } = await fullLogin(world, MAJASTRES, 'avec_nom_dusage', {
        externalId: 'victim-1',
      })
      const third = new Browser()
      const attempt = await opened(third, loginAt(`session=${created.id}`))
      expect(attempt.status).toBe(302)
      expect(attempt.location).toBe(`${SPA_ORIGIN}/erreur?code=session_expired`)
      expect(third.cookie('qf_login')).toBeUndefined()
      const { body } = await currentSession(world, browser)
      expect(body).toMatchObject({ step: 'authenticated', identity: { familyName: 'MERCIER' } })
    })

    it('a login link replayed after the login (history, a shared link) resets nothing', async () => {
      const { browser, created } = await fullLogin(world, MAJASTRES, 'avec_nom_dusage')
      for (const someone of [new Browser(), browser]) {
        const replay = await opened(someone, created.loginUrl)
        expect(replay.location).toBe(`${SPA_ORIGIN}/erreur?code=session_expired`)
      }
      const { body } = await currentSession(world, browser)
      expect(body).toMatchObject({ step: 'authenticated', identity: { familyName: 'MERCIER' } })
    })

    it('is single-use: a second navigation (another browser) does not restart the login under way', async () => {
      const { browser, created } = await land(world, { siret: MAJASTRES })
      const first = await opened(browser, created.loginUrl)
      expect(first.location.startsWith(`${world.sandbox.url}/franceconnect/`)).toBe(true)
      const second = await opened(new Browser(), created.loginUrl)
      expect(second.location).toBe(`${SPA_ORIGIN}/erreur?code=session_expired`)
      // The citizen's login, started first, still completes.
      const callback = await loginAtFranceConnect(world, browser, first.location, { login: 'test' })
      expect((await openCallback(browser, callback)).href).toBe(landingPath(MAJASTRES))
    })

    it('is short-lived (5 minutes)', async () => {
      const { browser, created } = await land(world, { siret: MAJASTRES })
      clock.advance(6 * 60 * 1000)
      try {
        const late = await opened(browser, created.loginUrl)
        expect(late.location).toBe(`${SPA_ORIGIN}/erreur?code=session_expired`)
      } finally {
        clock.advance(-6 * 60 * 1000)
      }
    })

    it('is re-issued only to the session holder, and never once logged in', async () => {
      const anonymous = await new Browser(SPA_ORIGIN).fetch(
        `${world.apiUrl}/api/v1/sessions/current/login-url`,
        {
          method: 'POST',
        },
      )
      expect(anonymous.status).toBe(401)
      const { browser } = await fullLogin(world, MAJASTRES, 'test')
      const again = await browser.fetch(`${world.apiUrl}/api/v1/sessions/current/login-url`, {
        method: 'POST',
      })
      expect(again.status).toBe(409)
      expect((await readJson(again)).type).toBe(problemTypes.sessionAlreadyAuthenticated)
    })
  })

  describe('the callback consumes its state once, from the bound browser only (issue 7 §7)', () => {
    it('a stolen callback URL presented from another browser does not burn the citizen’s login', async () => {
      const { browser, created } = await land(world, { siret: MAJASTRES })
      const callback = await loginAtFranceConnect(world, browser, created.loginUrl, {
        login: 'avec_nom_dusage',
      })
      const thief = new Browser(SPA_ORIGIN)
      expect((await openCallback(thief, callback)).href).toBe(errorPath(MAJASTRES, 'invalid_state'))
      expect(thief.cookie('qf_session')).toBeUndefined()
      // The citizen's own callback, presented afterwards, still completes the login.
      expect((await openCallback(browser, callback)).href).toBe(landingPath(MAJASTRES))
      expect((await currentSession(world, browser)).body.identity).toMatchObject({ familyName: 'MERCIER' })
    })

    it('two concurrent callbacks from the bound browser: exactly one passes', async () => {
      const { browser, created } = await land(world, { siret: MAJASTRES })
      const callback = await loginAtFranceConnect(world, browser, created.loginUrl, {
        login: 'avec_nom_dusage',
      })
      const outcomes = await Promise.all([openCallback(browser, callback), openCallback(browser, callback)])
      const hrefs = outcomes.map((u) => u.href).sort()
      expect(hrefs).toEqual([landingPath(MAJASTRES), `${SPA_ORIGIN}/erreur?code=invalid_state`].sort())
      const { body } = await currentSession(world, browser)
      expect(body).toMatchObject({ step: 'authenticated', identity: { familyName: 'MERCIER' } })
    })
  })

  it.each([
    ['a trailing ?', `${PORTAL_ORIGIN}/qf?`],
    ['a trailing #', `${PORTAL_ORIGIN}/#`],
    ['a path making another host (//host, issue 21 L9)', `${PORTAL_ORIGIN}//evil.example`],
    ['a backslash (issue 21 L9)', `${PORTAL_ORIGIN}/\\evil.example`],
    ['an encoded separator (issue 21 L9)', `${PORTAL_ORIGIN}/redirect/https:%2f%2fevil.example`],
  ])('refuses a frontendUrl with %s (issue 7 §9)', async (_case, frontendUrl) => {
    const res = await new Browser(PORTAL_ORIGIN).fetch(`${world.apiUrl}/api/v1/sessions`, {
      method: 'POST',
      json: { siret: MAJASTRES, frontendUrl },
    })
    expect(res.status).toBe(422)
    expect((await readJson(res)).type).toBe(problemTypes.invalidFrontendUrl)
  })

  it('refuses a state-changing request from a site that is not allowed', async () => {
    const res = await new Browser('https://evil.example').fetch(`${world.apiUrl}/api/v1/sessions`, {
      method: 'POST',
      json: { siret: MAJASTRES },
    })
    expect(res.status).toBe(403)
    expect((await readJson(res)).type).toBe(problemTypes.forbiddenOrigin)
  })

  it('a front end on another allowed origin drives the journey with a bearer token, no third-party cookie', async () => {
    const portal = new Browser(PORTAL_ORIGIN)
    const res = await portal.fetch(`${world.apiUrl}/api/v1/sessions`, {
      method: 'POST',
      json: { siret: MAJASTRES, externalId: 'portail-7', frontendUrl: `${PORTAL_ORIGIN}/qf` },
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('access-control-allow-origin')).toBe(PORTAL_ORIGIN)
    expect(res.headers.getSetCookie()).toEqual([])
    const created = await readJson(res)
    const callback = await loginAtFranceConnect(world, portal, created.loginUrl ?? '', {
      login: 'avec_nom_dusage',
    })
    const landing = await openCallback(portal, callback)
    expect(`${landing.origin}${landing.pathname}`).toBe(
      `${PORTAL_ORIGIN}/qf/collectivites/${MAJASTRES}/envoyer_mes_donnees`,
    )
    expect(landing.search).toBe('')
    const loginCode = new URLSearchParams(landing.hash.slice(1)).get('login_code') ?? ''
    expect(loginCode.length).toBeGreaterThan(20)
    // The portal's scripts call the API cross-site: no cookie travels (a fresh client), only the token.
    const scripts = new Browser(PORTAL_ORIGIN)
    const exchange = await scripts.fetch(`${world.apiUrl}/api/v1/sessions/token`, {
      method: 'POST',
      json: { loginCode },
    })
    expect(exchange.status).toBe(200)
    const { sessionToken } = await readJson(exchange)
    const current = await currentSession(world, scripts, { authorization: `Bearer ${sessionToken}` })
    expect(current.body).toMatchObject({ externalId: 'portail-7', identity: { familyName: 'MERCIER' } })
    const replay = await scripts.fetch(`${world.apiUrl}/api/v1/sessions/token`, {
      method: 'POST',
      json: { loginCode },
    })
    expect(replay.status).toBe(401)
    expect((await readJson(replay)).type).toBe(problemTypes.invalidLoginCode)
  })

  it('refuses a frontendUrl whose origin the API does not allow', async () => {
    const res = await new Browser(PORTAL_ORIGIN).fetch(`${world.apiUrl}/api/v1/sessions`, {
      method: 'POST',
      json: { siret: MAJASTRES, frontendUrl: 'https://evil.example/qf' },
    })
    expect(res.status).toBe(422)
    expect((await readJson(res)).type).toBe(problemTypes.invalidFrontendUrl)
  })

  it('logout destroys the session and goes through FranceConnect session/end to the "déconnecté" page', async () => {
    const { browser } = await fullLogin(world, MAJASTRES, 'test')
    const res = await browser.fetch(`${world.apiUrl}/api/v1/sessions/current/logout`, { method: 'POST' })
    expect(res.status).toBe(200)
    const { logoutUrl } = await readJson(res)
    const url = new URL(logoutUrl ?? '')
    expect(url.href.startsWith(`${world.sandbox.url}/franceconnect/api/v2/session/end`)).toBe(true)
    expect(url.searchParams.get('id_token_hint')).toBeTruthy()
    expect(url.searchParams.get('state')).toBeTruthy()
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(
      `${world.apiUrl}/api/v1/auth/franceconnect/logout-callback`,
    )
    const back = await browser.follow(url, (u) => u.origin === SPA_ORIGIN)
    // The page that says what happened, with the way back to the collectivity's page.
    expect(back.href).toBe(`${SPA_ORIGIN}/collectivites/${MAJASTRES}/deconnecte`)
    expect((await currentSession(world, browser)).status).toBe(401)
  })

  it('logout before the FranceConnect login lands on the "déconnecté" page at once; a forged logout state goes home', async () => {
    const { browser } = await land(world, { siret: HAUTELUCE })
    const res = await browser.fetch(`${world.apiUrl}/api/v1/sessions/current/logout`, { method: 'POST' })
    expect(res.status).toBe(200)
    expect((await readJson(res)).logoutUrl).toBe(`${SPA_ORIGIN}/collectivites/${HAUTELUCE}/deconnecte`)
    for (const state of ['', 'x', '../../evil', 'https://evil.example/.abc', '1234.abc']) {
      const back = await new Browser().fetch(
        `${world.apiUrl}/api/v1/auth/franceconnect/logout-callback?state=${encodeURIComponent(state)}`,
        { redirect: 'manual' },
      )
      expect(back.status).toBe(302)
      expect(back.headers.get('location')).toBe(`${SPA_ORIGIN}/`)
    }
  })

  it('without a session: 401 problem', async () => {
    const { status, body } = await currentSession(world, new Browser())
    expect(status).toBe(401)
    expect(body.type).toBe(problemTypes.sessionMissing)
  })

  it('stores personal data encrypted at rest', async () => {
    const { browser } = await fullLogin(world, MAJASTRES, 'avec_nom_dusage')
    const { body } = await currentSession(world, browser)
    const { default: pg } = await import('pg')
    const client = new pg.Client({ connectionString: world.database.url })
    await client.connect()
    try {
      const { rows } = await client.query('select * from journey_sessions where id = $1', [body.id])
      const raw = JSON.stringify(rows[0])
      expect(raw).not.toContain('MERCIER')
      expect(raw).not.toContain('1969-03-17')
      expect(raw).not.toContain('2550')
    } finally {
      await client.end()
    }
  })
})
