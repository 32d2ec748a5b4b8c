import type { LogoutResult } from '@qf/contracts'
import { AppError } from '../../errors/catalog.js'
import { newSecret } from '../../lib/secrets.js'
import type { JourneyDeps } from './deps.js'
import { sessionRepository } from './repository.js'
import type { JourneySession } from './session.js'

/**
 * The FranceConnect logout's `state`: the collectivity's SIRET (public) then a random part, so that the
 * return (`franceConnectLogoutCallback`) lands on that collectivity's "déconnecté" page.
 */
export const logoutState = (siret: string): string => `${siret}.${newSecret()}`

/** The SIRET a logout `state` carries, or null (absent, or not of our making). */
export function siretOfLogoutState(state: unknown): string | null {
  if (typeof state !== 'string') return null
  return /^(\d{14})\.[\w-]{16,}$/.exec(state)?.[1] ?? null
}

/**
 * Destroys the session; the FranceConnect logout URL when the citizen logged in, else the front end's
 * "déconnecté" page at once.
 */
export async function logout(
  deps: Pick<JourneyDeps, 'db' | 'box' | 'identityProvider' | 'urls'>,
  session: JourneySession,
): Promise<LogoutResult> {
  await sessionRepository(deps.db, deps.box).delete(session.id)
  const idToken = session.personalData?.idToken ?? session.logoutIdToken
  if (!idToken) return { logoutUrl: deps.urls.loggedOut(session) }
  try {
    const url = await deps.identityProvider.logoutUrl({ idToken, state: logoutState(session.siret) })
    return { logoutUrl: url.href }
  } catch (err) {
    throw new AppError('identityProviderUnavailable', {
      detail: 'Votre session est fermée ici, mais FranceConnect ne répond pas pour la déconnexion.',
      cause: err,
    })
  }
}
