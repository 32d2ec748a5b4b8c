import { AppError } from '../../errors/catalog.js'

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * A URL a browser will be sent to: `https`, or plain `http` on localhost outside production; no
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
  if (url.protocol === 'https:') return url
  if (url.protocol === 'http:' && allowLocalHttp && localHosts.has(url.hostname)) return url
  return undefined
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

/** A third-party front end's base URL: its origin must be one of the API's allowed origins. */
export function checkFrontendUrl(
  value: string,
  allowedOrigins: readonly string[],
  allowLocalHttp: boolean,
): string {
  const url = parseBrowserUrl(value, allowLocalHttp)
  if (!url || url.search || !allowedOrigins.includes(url.origin)) {
    throw new AppError('invalidFrontendUrl', {
      detail: 'Ce front-end n’est pas autorisé à utiliser cette API.',
      errors: [{ name: 'body.frontendUrl', reason: 'n’est pas une origine autorisée' }],
    })
  }
  return url.href.replace(/\/+$/, '')
}

/** Where a journey's browser URLs point: the API's own links and the front end's pages. */
export interface JourneyUrls {
  /** The API's public base URL (the callback's redirect URI is built on it). */
  readonly apiBase: string
  /** The login link handed out by `createSession` (opened by the browser). */
  login(sessionId: string): string
  /** The front end's home page (after logout). */
  home(session?: { frontendUrl: string | null } | null): string
  /** The review step of a logged-in session; `loginCode` travels in the fragment (bearer mode). */
  review(session: { siret: string; frontendUrl: string | null }, loginCode?: string | null): string
  /** The error page: the collectivity's when the session is known, else the site's. */
  error(
    session: { siret: string; frontendUrl: string | null } | null,
    code: string,
    loginCode?: string | null,
  ): string
}

/** The journey's URLs, from the API's and the SPA's public base URLs. */
export function journeyUrls(http: { publicUrl: string; webUrl: string }): JourneyUrls {
  const front = (session?: { frontendUrl: string | null } | null) => session?.frontendUrl ?? http.webUrl
  const fragment = (loginCode?: string | null) => (loginCode ? `#login_code=${loginCode}` : '')
  return {
    apiBase: http.publicUrl,
    login: (sessionId) => `${http.publicUrl}/api/v1/auth/franceconnect/login?session=${sessionId}`,
    home: (session) => `${front(session)}/`,
    review: (session, loginCode) =>
      `${front(session)}/collectivites/${session.siret}/envoyer_mes_donnees${fragment(loginCode)}`,
    error: (session, code, loginCode) =>
      session
        ? `${front(session)}/collectivites/${session.siret}/erreur?code=${code}${fragment(loginCode)}`
        : `${http.webUrl}/erreur?code=${code}`,
  }
}
