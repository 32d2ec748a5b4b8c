import { AppError } from '../../errors/catalog.js'
import { browserUrlAllowed } from '../../lib/url-policy.js'

/**
 * A URL a browser will be sent to: `https`, or plain `http` on a loopback host outside production; no
 * credentials, no fragment. Returns the parsed URL or undefined.
 */
export function parseBrowserUrl(value: string, allowLocalHttp: boolean): URL | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return undefined
  }
  if (url.username || url.password || url.hash) return undefined
  return browserUrlAllowed(url, allowLocalHttp) ? url : undefined
}

/** The collectivity's `redirect_uri`: its origin must be in the collectivity's allow-list. */
export function checkRedirectUri(
  value: string,
  allowedOrigins: readonly string[],
  allowLocalHttp: boolean,
): string {
  const url = parseBrowserUrl(value, allowLocalHttp)
  if (!url || !allowedOrigins.includes(url.origin)) {
    throw new AppError('invalidRedirectUri', {
      detail: 'L’adresse de retour doit être en https et appartenir à un site autorisé par la collectivité.',
      errors: [{ name: 'body.redirectUri', reason: 'n’est pas une adresse autorisée par la collectivité' }],
    })
  }
  return url.href
}

/** One path segment of a front end's base: unreserved and sub-delimiter characters, no `%`, not `.`/`..`. */
const baseSegment = /^[A-Za-z0-9._~!$&'()*+,;=:@-]+$/

/**
 * The path of a front end's base, as written, when it is already normal: segments of plain characters
 * (no percent-encoding, so no encoded `/`, `\` or `.`), no empty segment (`//evil.example`), no dot
 * segment, no backslash. `null` otherwise. The return URL is built under it, so it must mean one thing.
 */
function normalBasePath(value: string): string | null {
  if (value.includes('\\')) return null
  const afterScheme = value.indexOf('//')
  if (afterScheme < 0) return null
  const slash = value.indexOf('/', afterScheme + 2)
  const path = slash < 0 ? '' : value.slice(slash)
  const segments = path.replace(/\/$/, '').split('/').slice(1)
  if (segments.some((s) => !baseSegment.test(s) || s === '.' || s === '..')) return null
  return path
}

/**
 * A third-party front end's base URL: its origin must be one of the API's allowed origins; a path is
 * allowed (`https://portail.example/qf`) when it is already normal (see `normalBasePath`: no `//`,
 * backslash, percent-encoding or dot segment); a query or a fragment is not — not even an empty one (a
 * trailing `?` or `#`), since the return URL is built under this base. Returned without trailing slash.
 */
export function checkFrontendUrl(
  value: string,
  allowedOrigins: readonly string[],
  allowLocalHttp: boolean,
): string {
  const url =
    value.includes('?') || value.includes('#') || normalBasePath(value) === null
      ? undefined
      : parseBrowserUrl(value, allowLocalHttp)
  if (!url || !allowedOrigins.includes(url.origin)) {
    throw new AppError('invalidFrontendUrl', {
      detail: 'Ce front-end n’est pas autorisé à utiliser cette API.',
      errors: [
        {
          name: 'body.frontendUrl',
          reason:
            'n’est pas une adresse de base autorisée (origine autorisée, chemin simple possible, sans //, \\, %, ., .., ? ni #)',
        },
      ],
    })
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/** `base` (no query, no fragment) + a path under it, a query and a fragment, built with the URL API. */
function under(
  base: string,
  segments: readonly string[],
  query: Record<string, string> = {},
  fragment: Record<string, string> = {},
): string {
  const url = new URL(base)
  url.pathname = [url.pathname.replace(/\/+$/, ''), ...segments.map(encodeURIComponent)].join('/')
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v)
  const hash = new URLSearchParams(fragment).toString()
  if (hash) url.hash = hash
  return url.href
}

/** Where a journey's browser URLs point: the API's own links and the front end's pages. */
export interface JourneyUrls {
  /** The API's public base URL (the callback's redirect URI is built on it). */
  readonly apiBase: string
  /** The login link handed out by `createSession` / `renewLoginUrl`: a single-use ticket, never the session id. */
  login(ticket: string): string
  /** The front end's home page (after logout). */
  home(session?: { frontendUrl: string | null } | null): string
  /**
   * After a logout: the SPA's "Vous êtes déconnecté" page of the collectivity (a third-party front end's
   * home, which has its own page for it); the site's home when the collectivity is not known.
   */
  loggedOut(session: { siret: string; frontendUrl: string | null } | null): string
  /** The review step of a logged-in session; `loginCode` travels in the fragment (bearer mode). */
  review(session: { siret: string; frontendUrl: string | null }, loginCode?: string | null): string
  /** The error page: the collectivity's when the session is known, else the site's. */
  error(
    session: { siret: string; frontendUrl: string | null } | null,
    code: string,
    loginCode?: string | null,
  ): string
}

/** The journey's URLs, from the API's and the SPA's public base URLs (built with the URL API). */
export function journeyUrls(http: { publicUrl: string; webUrl: string }): JourneyUrls {
  const front = (session?: { frontendUrl: string | null } | null) => session?.frontendUrl ?? http.webUrl
  const fragment = (loginCode?: string | null): Record<string, string> =>
    loginCode ? { login_code: loginCode } : {}
  return {
    apiBase: http.publicUrl,
    login: (ticket) => under(http.publicUrl, ['api', 'v1', 'auth', 'franceconnect', 'login'], { ticket }),
    home: (session) => under(front(session), ['']),
    loggedOut: (session) =>
      !session
        ? under(http.webUrl, [''])
        : session.frontendUrl
          ? under(session.frontendUrl, [''])
          : under(http.webUrl, ['collectivites', session.siret, 'deconnecte']),
    review: (session, loginCode) =>
      under(front(session), ['collectivites', session.siret, 'envoyer_mes_donnees'], {}, fragment(loginCode)),
    error: (session, code, loginCode) =>
      session
        ? under(front(session), ['collectivites', session.siret, 'erreur'], { code }, fragment(loginCode))
        : under(http.webUrl, ['erreur'], { code }),
  }
}
