import { hashSecret, newSecret } from '../../lib/secrets.js'
import type { JourneyDeps } from './deps.js'
import { sessionRepository } from './repository.js'
import { plus } from './session.js'

export interface LoginStart {
  /** Where to send the browser: FranceConnect, or the error page. */
  location: string
  /** The binding secret for a cookie of this browser (the callback must come back with it). */
  binding?: string
}

const ticketPattern = /^[A-Za-z0-9_-]{43}$/

/**
 * Starts the FranceConnect login of the session a login ticket belongs to: FranceConnect's discovery
 * is read first (a fresh transaction: state, nonce, PKCE), then the ticket is consumed (single use,
 * unexpired, never for an authenticated session) and the transaction bound to this browser. An
 * unknown, used or expired ticket starts nothing. FranceConnect down: the browser (this is a
 * navigation) goes to the error page `franceconnect_unavailable`, and the ticket is kept, so that a
 * reload once FranceConnect answers again logs in.
 */
export async function startLogin(
  deps: Pick<JourneyDeps, 'db' | 'box' | 'clock' | 'identityProvider' | 'urls' | 'sessionIdleMs'>,
  ticket: string | undefined,
): Promise<LoginStart> {
  const sessions = sessionRepository(deps.db, deps.box)
  const ticketHash = ticket && ticketPattern.test(ticket) ? hashSecret(ticket) : undefined
  if (!ticketHash) return { location: deps.urls.error(null, 'session_expired') }
  const transaction = deps.identityProvider.newTransaction()
  let location: URL
  try {
    location = await deps.identityProvider.authorizationUrl(transaction)
  } catch {
    // Nothing consumed: the collectivity's error page if the ticket is known, else the site's.
    const session = await sessions.findBy('login_ticket_hash', ticketHash)
    return { location: deps.urls.error(session ?? null, 'franceconnect_unavailable') }
  }
  const now = deps.clock.now()
  const session = await sessions.consumeLoginTicket(ticketHash, now)
  if (!session || session.expiresAt <= now) {
    if (session) await sessions.delete(session.id)
    return { location: deps.urls.error(session ?? null, 'session_expired') }
  }
  const binding = newSecret()
  await sessions.update(
    session.id,
    {
      step: 'login_pending',
      loginState: transaction.state,
      loginBindingHash: hashSecret(binding),
      loginTransaction: { nonce: transaction.nonce, codeVerifier: transaction.codeVerifier },
      loginCodeHash: null,
      loginCodeExpiresAt: null,
      personalData: null,
      expiresAt: plus(now, deps.sessionIdleMs),
    },
    now,
  )
  return { location: location.href, binding }
}
