import { AppError } from '../../errors/catalog.js'
import { checkRedirectUri } from '../journey/index.js'
import type { CollectivityRecord } from './record.js'

/** Why a `redirect_uri` is refused, in French (the share kit shows it), or `null` when it is allowed. */
export function redirectUriRefusal(
  value: string,
  allowedOrigins: readonly string[],
  allowLocalHttp: boolean,
): string | null {
  try {
    checkRedirectUri(value, allowedOrigins, allowLocalHttp)
    return null
  } catch (error) {
    if (!(error instanceof AppError)) throw error
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'n’est pas une adresse complète (https://…)'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'doit commencer par https://'
  if (url.username || url.password) return 'ne doit pas contenir d’identifiant ni de mot de passe'
  if (url.protocol === 'http:' && !allowedOrigins.includes(url.origin))
    return 'doit commencer par https:// (http n’est accepté que sur localhost, hors production)'
  if (!allowedOrigins.includes(url.origin))
    return `le site ${url.origin} n’est pas autorisé par cette collectivité : demandez-lui de l’ajouter à sa liste`
  return 'n’est pas une adresse de retour autorisée'
}

/**
 * The landing URL of a collectivity (`<web>/collectivites/<SIRET>`), personalised with the editor's
 * `external_id` and `redirect_uri` (checked against the collectivity's allow-list, as the journey
 * checks it: 422 `invalid-redirect-uri` naming `parameter` with the reason). One check for the QR code
 * routes and the link builder.
 */
export function landingUrl(
  webUrl: string,
  collectivity: Pick<CollectivityRecord, 'siret' | 'allowedRedirectOrigins'>,
  query: { external_id?: string | undefined; redirect_uri?: string | undefined },
  allowLocalHttp: boolean,
  parameter = 'querystring.redirect_uri',
): string {
  const url = new URL(`${webUrl}/collectivites/${collectivity.siret}`)
  if (query.external_id !== undefined) url.searchParams.set('external_id', query.external_id)
  if (query.redirect_uri !== undefined) {
    const refusal = redirectUriRefusal(
      query.redirect_uri,
      collectivity.allowedRedirectOrigins,
      allowLocalHttp,
    )
    if (refusal !== null)
      throw new AppError('invalidRedirectUri', {
        detail: `L’adresse de retour ${refusal}.`,
        errors: [{ name: parameter, reason: refusal }],
      })
    url.searchParams.set(
      'redirect_uri',
      checkRedirectUri(query.redirect_uri, collectivity.allowedRedirectOrigins, allowLocalHttp),
    )
  }
  return url.href
}
