import { describe, expect, it } from 'vitest'
import { AppError } from '../src/errors/catalog.js'
import { checkFrontendUrl, checkRedirectUri, journeyUrls } from '../src/modules/journey/urls.js'

const portal = 'https://portail.majastres.fr'
const localPortal = 'http://localhost:8080'
const allowed = [portal, localPortal]

function rejection(run: () => unknown): AppError {
  let error: unknown
  try {
    run()
  } catch (e) {
    error = e
  }
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

const unsafe = [
  ['another origin', 'https://evil.example/qf'],
  ['a sub-domain of an allowed origin', 'https://evil.portail.majastres.fr/qf'],
  ['an allowed origin as a prefix', 'https://portail.majastres.fr.evil.example/qf'],
  ['another port', 'https://portail.majastres.fr:8443/qf'],
  ['plain http on an allowed host', 'http://portail.majastres.fr/qf'],
  ['javascript:', 'javascript:alert(1)'],
  ['data:', 'data:text/html,<script>alert(1)</script>'],
  ['credentials', 'https://user:secret@portail.majastres.fr/qf'],
  ['a user name alone', 'https://user@portail.majastres.fr/qf'],
  ['a fragment', 'https://portail.majastres.fr/qf#token'],
  ['a relative URL', '/qf'],
  ['a protocol-relative URL', '//portail.majastres.fr/qf'],
  ['not a URL', 'n-importe-quoi'],
  ['an empty string', ''],
] as const

describe('checkRedirectUri', () => {
  it('accepts an https URL of an allowed origin, with path and query', () => {
    expect(checkRedirectUri(`${portal}/qf?famille=1`, allowed, false)).toBe(`${portal}/qf?famille=1`)
  })

  it('returns the normalised URL', () => {
    expect(checkRedirectUri('HTTPS://PORTAIL.MAJASTRES.FR/qf', allowed, false)).toBe(`${portal}/qf`)
  })

  it('accepts http://localhost:8080 only when local http is allowed', () => {
    expect(checkRedirectUri(`${localPortal}/retour`, allowed, true)).toBe(`${localPortal}/retour`)
    expect(rejection(() => checkRedirectUri(`${localPortal}/retour`, allowed, false)).key).toBe(
      'invalidRedirectUri',
    )
  })

  it('refuses a local http URL whose origin is not allowed, even when local http is', () => {
    expect(rejection(() => checkRedirectUri('http://localhost:9999/retour', allowed, true)).key).toBe(
      'invalidRedirectUri',
    )
  })

  it('refuses everything when the collectivity allows no origin', () => {
    expect(rejection(() => checkRedirectUri(`${portal}/qf`, [], true)).key).toBe('invalidRedirectUri')
  })

  it.each(unsafe)('refuses %s', (_label, value) => {
    const error = rejection(() => checkRedirectUri(value, allowed, true))
    expect(error.key).toBe('invalidRedirectUri')
    expect(error.status).toBe(422)
    expect(error.errors?.[0]?.name).toBe('body.redirectUri')
    if (value) expect(`${error.detail} ${JSON.stringify(error.errors)}`).not.toContain(value)
  })
})

describe('checkFrontendUrl', () => {
  it('accepts an allowed https origin, without trailing slash', () => {
    expect(checkFrontendUrl(`${portal}/`, allowed, false)).toBe(portal)
    expect(checkFrontendUrl(`${portal}/qf/`, allowed, false)).toBe(`${portal}/qf`)
  })

  it('accepts http://localhost:8080 only when local http is allowed', () => {
    expect(checkFrontendUrl(localPortal, allowed, true)).toBe(localPortal)
    expect(rejection(() => checkFrontendUrl(localPortal, allowed, false)).key).toBe('invalidFrontendUrl')
  })

  it('refuses a query string', () => {
    expect(rejection(() => checkFrontendUrl(`${portal}/?next=x`, allowed, false)).key).toBe(
      'invalidFrontendUrl',
    )
  })

  it.each([
    ['a trailing ?', `${portal}/?`],
    ['a trailing ? after a path', `${portal}/qf?`],
    ['a trailing #', `${portal}/#`],
    ['a trailing # after a path', `${portal}/qf#`],
    ['an empty query and fragment', `${portal}/qf?#`],
  ])('refuses %s (the URL API would drop it silently)', (_label, value) => {
    expect(rejection(() => checkFrontendUrl(value, allowed, false)).key).toBe('invalidFrontendUrl')
  })

  it.each([
    ['an empty segment making a host (//host)', `${portal}//evil.example`],
    ['an empty segment inside the path', `${portal}/qf//evil.example`],
    ['a backslash', `${portal}/\\evil.example`],
    ['an encoded slash', `${portal}/redirect/https:%2f%2fevil.example`],
    ['an encoded backslash', `${portal}/%5Cevil.example`],
    ['a dot segment', `${portal}/qf/../admin`],
    ['an encoded dot segment', `${portal}/qf/%2e%2e/admin`],
  ])('refuses a path with %s (issue 21, L9)', (_label, value) => {
    expect(rejection(() => checkFrontendUrl(value, allowed, false)).key).toBe('invalidFrontendUrl')
  })

  it('accepts a base URL with a path (normalised, no trailing slash)', () => {
    expect(checkFrontendUrl(`${portal}/portail/qf`, allowed, false)).toBe(`${portal}/portail/qf`)
  })

  it.each(unsafe)('refuses %s', (_label, value) => {
    const error = rejection(() => checkFrontendUrl(value, allowed, true))
    expect(error.key).toBe('invalidFrontendUrl')
    expect(error.status).toBe(422)
    expect(error.errors?.[0]?.name).toBe('body.frontendUrl')
  })
})

describe('journeyUrls: every browser URL built with the URL API', () => {
  const urls = journeyUrls({ publicUrl: 'https://api.example', webUrl: 'https://qf.example' })
  const bearer = { siret: '21040107100019', frontendUrl: `${portal}/portail/qf` }
  const spa = { siret: '21040107100019', frontendUrl: null }

  it('puts the review and error pages under a front end’s base path, the login code in the fragment', () => {
    expect(urls.review(bearer, 'c0de')).toBe(
      `${portal}/portail/qf/collectivites/21040107100019/envoyer_mes_donnees#login_code=c0de`,
    )
    expect(urls.error(bearer, 'qf_not_found', 'c0de')).toBe(
      `${portal}/portail/qf/collectivites/21040107100019/erreur?code=qf_not_found#login_code=c0de`,
    )
    expect(urls.home(bearer)).toBe(`${portal}/portail/qf/`)
    expect(urls.loggedOut(bearer)).toBe(`${portal}/portail/qf/`)
  })

  it('uses the SPA for a same-site session, and its error page when no session is known', () => {
    expect(urls.review(spa)).toBe('https://qf.example/collectivites/21040107100019/envoyer_mes_donnees')
    expect(urls.error(null, 'invalid_state')).toBe('https://qf.example/erreur?code=invalid_state')
    expect(urls.home()).toBe('https://qf.example/')
    expect(urls.loggedOut(spa)).toBe('https://qf.example/collectivites/21040107100019/deconnecte')
    expect(urls.loggedOut(null)).toBe('https://qf.example/')
  })

  it('carries the login ticket (never a session id) in the login link', () => {
    const link = new URL(urls.login('t1ck3t_-'))
    expect(`${link.origin}${link.pathname}`).toBe('https://api.example/api/v1/auth/franceconnect/login')
    expect([...link.searchParams.keys()]).toEqual(['ticket'])
    expect(link.searchParams.get('ticket')).toBe('t1ck3t_-')
  })
})
