import { AppError } from '../../errors/catalog.js'
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
 * Starts the FranceConnect login of the session a login ticket belongs to: the ticket is consumed
 * (single use, unexpired, never for an authenticated session), then a fresh transaction (state,
 * nonce, PKCE) is bound to this browser. An unknown, used or expired ticket starts nothing.
 */
export async function startLogin(
  deps: Pick<JourneyDeps, 'db' | 'box' | 'clock' | 'identityProvider' | 'urls' | 'sessionIdleMs'>,
  ticket: string | undefined,
): Promise<LoginStart> {
  const now = deps.clock.now()
  const sessions = sessionRepository(deps.db, deps.box)
  const session =
    ticket && ticketPattern.test(ticket)
      ? await sessions.consumeLoginTicket(hashSecret(ticket), now)
      : undefined
  if (!session || session.expiresAt <= now) {
    if (session) await sessions.delete(session.id)
    return { location: deps.urls.error(session ?? null, 'session_expired') }
  }
  const transaction = deps.identityProvider.newTransaction()
  let location: URL
  try {
    location = await deps.identityProvider.authorizationUrl(transaction)
  } catch (err) {
    throw new AppError('identityProviderUnavailable', {
      detail: 'FranceConnect ne répond pas. Veuillez réessayer dans quelques instants.',
      cause: err,
    })
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
