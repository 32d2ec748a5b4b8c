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
