import { AppError } from '../../errors/catalog.js'
import { SealedBoxError } from '../../lib/sealed-box.js'
import { hashSecret } from '../../lib/secrets.js'
import type { JourneyDeps } from './deps.js'
import { sessionRepository } from './repository.js'
import { plus, type JourneySession } from './session.js'

const missing = () =>
  new AppError('sessionMissing', { detail: 'Aucune session n’est ouverte dans ce navigateur.' })
const expired = () =>
  new AppError('sessionExpired', {
    detail: 'Votre session a expiré. Recommencez depuis le lien de votre collectivité.',
  })

/**
 * Authentication: the session a credential (cookie or bearer token) opens, its idle expiry pushed
 * back; a 401 problem otherwise (an expired session is deleted on the way).
 */
export async function currentSession(
  deps: Pick<JourneyDeps, 'db' | 'box' | 'clock' | 'sessionIdleMs'>,
  secret: string | undefined,
): Promise<JourneySession> {
  if (!secret) throw missing()
  const sessions = sessionRepository(deps.db, deps.box)
  let session: JourneySession | undefined
  try {
    session = await sessions.findBy('secret_hash', hashSecret(secret))
  } catch (error) {
    // Sealed with a key no longer configured (a rotation that dropped it) or altered: the session
    // cannot be used again; it ends like an expired one (ADR 0025).
    if (!(error instanceof SealedBoxError)) throw error
    await sessions.deleteBySecretHash(hashSecret(secret))
    throw expired()
  }
  const now = deps.clock.now()
  if (!session) throw missing()
  if (session.expiresAt <= now) {
    await sessions.delete(session.id)
    throw expired()
  }
  const expiresAt = plus(now, deps.sessionIdleMs)
  await sessions.update(session.id, { expiresAt }, now)
  return { ...session, expiresAt }
}
