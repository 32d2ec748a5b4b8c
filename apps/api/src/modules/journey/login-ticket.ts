import type { LoginLink } from '@qf/contracts'
import { AppError } from '../../errors/catalog.js'
import { hashSecret, newSecret } from '../../lib/secrets.js'
import type { JourneyDeps } from './deps.js'
import { sessionRepository } from './repository.js'
import { LOGIN_TICKET_TTL_MS, loginStartableSteps, plus, type JourneySession } from './session.js'

/** A fresh single-use login ticket: the secret for `loginUrl`, and what is stored (its hash). */
export function newLoginTicket(now: Date) {
  const ticket = newSecret()
  return { ticket, stored: { hash: hashSecret(ticket), expiresAt: plus(now, LOGIN_TICKET_TTL_MS) } }
}

const startable = (step: JourneySession['step']) => (loginStartableSteps as readonly string[]).includes(step)

/**
 * The session holder asks for a new login link (a retry after a cancelled login): a new ticket
 * replaces any unused one. Refused once the session is authenticated: its data is never reset.
 */
export async function renewLoginUrl(
  deps: Pick<JourneyDeps, 'db' | 'box' | 'clock' | 'urls'>,
  session: JourneySession,
): Promise<LoginLink> {
  if (!startable(session.step)) {
    throw new AppError('sessionAlreadyAuthenticated', {
      detail: 'Vous êtes déjà connecté : cette session ne peut pas recommencer la connexion.',
    })
  }
  const now = deps.clock.now()
  const { ticket, stored } = newLoginTicket(now)
  await sessionRepository(deps.db, deps.box).update(session.id, { loginTicket: stored }, now)
  return { loginUrl: deps.urls.login(ticket), expiresAt: stored.expiresAt.toISOString() }
}
