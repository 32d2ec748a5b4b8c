import { webhookUrlMaxLength } from '@qf/contracts'
import { isIP } from 'node:net'
import {
  browserUrlAllowed,
  isLocalOrPrivateHost,
  type NamedNetwork,
  webhookAddressAllowed,
  type WebhookAddressPolicy,
} from '../../lib/url-policy.js'

/** The settings the webhook URL policy reads: production or not, and the networks named for local tests. */
export interface WebhookUrlSettings {
  production: boolean
  /** `WEBHOOK_ALLOWED_NETWORKS` (outside production only): private ranges a local test may reach. */
  allowedNetworks: readonly NamedNetwork[]
}

/** The address policy of these settings (shared by the URL check and the transport's connection check). */
export const webhookAddressPolicy = (settings: WebhookUrlSettings): WebhookAddressPolicy =>
  settings.production
    ? { production: true }
    : { production: false, allowedNetworks: settings.allowedNetworks }

/**
 * Why this URL may not receive the webhook, in French (for the admin), or undefined. Production:
 * https only, no `localhost` name and no address of the IANA special-purpose registries (the address
 * a name resolves to is checked again at each send by the transport). Elsewhere: https, or plain http
 * on a loopback host (a kit's `serve` on the developer's machine); never a link-local, metadata or
 * unspecified address, a private one only when `WEBHOOK_ALLOWED_NETWORKS` names it. Never credentials
 * in the URL nor a fragment.
 */
export function webhookUrlRefusal(value: string, settings: WebhookUrlSettings): string | undefined {
  const { production } = settings
  if (value.length > webhookUrlMaxLength) return `l’adresse dépasse ${webhookUrlMaxLength} caractères`
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'ce n’est pas une adresse web valide'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'l’adresse doit commencer par https://'
  if (url.username || url.password) return 'l’adresse ne doit pas contenir d’identifiants'
  if (url.hash || value.includes('#')) return 'l’adresse ne doit pas contenir de fragment (#)'
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  const literalRefused =
    isIP(host) !== 0 && !webhookAddressAllowed(host, url.hostname, webhookAddressPolicy(settings))
  if (production) {
    if (url.protocol !== 'https:') return 'https est obligatoire en production'
    if (isLocalOrPrivateHost(url.hostname) || literalRefused)
      return 'une adresse locale, privée, réservée ou à usage spécial est refusée en production'
    return undefined
  }
  if (!browserUrlAllowed(url, true))
    return 'https est obligatoire (http seulement sur localhost, hors production)'
  if (literalRefused)
    return (
      'une adresse de lien local, de métadonnées ou privée est refusée (un réseau privé de test se déclare ' +
      'dans WEBHOOK_ALLOWED_NETWORKS, hors production)'
    )
  return undefined
}
