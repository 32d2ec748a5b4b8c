import { webhookUrlMaxLength } from '@qf/contracts'
import { browserUrlAllowed, isLocalOrPrivateHost } from '../../lib/url-policy.js'

/**
 * Why this URL may not receive the webhook, in French (for the admin), or undefined. Production:
 * https only, no loopback, private, shared or link-local host (the address it resolves to is
 * checked again at each send by the transport). Elsewhere: https, or plain http on a loopback host
 * (a kit's `serve` on the developer's machine). Never credentials in the URL nor a fragment.
 */
export function webhookUrlRefusal(
  value: string,
  { production }: { production: boolean },
): string | undefined {
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
  if (production) {
    if (url.protocol !== 'https:') return 'https est obligatoire en production'
    if (isLocalOrPrivateHost(url.hostname))
      return 'une adresse locale, privée ou de lien local est refusée en production'
    return undefined
  }
  if (!browserUrlAllowed(url, true))
    return 'https est obligatoire (http seulement sur localhost, hors production)'
  return undefined
}
