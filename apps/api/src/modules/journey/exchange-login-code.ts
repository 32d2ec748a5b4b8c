import type { SessionToken } from '@qf/contracts'
import { AppError } from '../../errors/catalog.js'
import { hashSecret, newSecret } from '../../lib/secrets.js'
import type { JourneyDeps } from './deps.js'
import { sessionRepository } from './repository.js'
import { plus } from './session.js'

/** Bearer mode: the one-time code from the callback → the session token (single use, 2 minutes). */
export async function exchangeLoginCode(
  deps: Pick<JourneyDeps, 'db' | 'box' | 'clock' | 'sessionIdleMs'>,
  loginCode: string,
): Promise<SessionToken> {
  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx) => {
    const sessions = sessionRepository(trx, deps.box)
    const session = await sessions.findBy('login_code_hash', hashSecret(loginCode), { forUpdate: true })
    if (
      !session ||
      !session.loginCodeExpiresAt ||
      session.loginCodeExpiresAt <= now ||
      session.expiresAt <= now
    ) {
      throw new AppError('invalidLoginCode', {
        detail: 'Ce code de connexion est inconnu, déjà utilisé ou expiré.',
      })
    }
    const token = newSecret()
    const expiresAt = plus(now, deps.sessionIdleMs)
    await sessions.update(
      session.id,
      { secretHash: hashSecret(token), loginCodeHash: null, loginCodeExpiresAt: null, expiresAt },
      now,
    )
    return { sessionToken: token, expiresAt: expiresAt.toISOString() }
  })
}
