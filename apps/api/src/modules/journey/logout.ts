import type { LogoutResult } from '@qf/contracts'
import { AppError } from '../../errors/catalog.js'
import { newSecret } from '../../lib/secrets.js'
import type { JourneyDeps } from './deps.js'
import { sessionRepository } from './repository.js'
import type { JourneySession } from './session.js'

/** Destroys the session; the FranceConnect logout URL when the citizen logged in, else the front end's home. */
export async function logout(
  deps: Pick<JourneyDeps, 'db' | 'box' | 'identityProvider' | 'urls'>,
  session: JourneySession,
): Promise<LogoutResult> {
  await sessionRepository(deps.db, deps.box).delete(session.id)
  const idToken = session.personalData?.idToken ?? session.logoutIdToken
  if (!idToken) return { logoutUrl: deps.urls.home(session) }
  try {
    const url = await deps.identityProvider.logoutUrl({ idToken, state: newSecret() })
    return { logoutUrl: url.href }
  } catch (err) {
    throw new AppError('identityProviderUnavailable', {
      detail: 'Votre session est fermée ici, mais FranceConnect ne répond pas pour la déconnexion.',
      cause: err,
    })
  }
}
