import { randomUUID } from 'node:crypto'
import type { CreatedSession, CreateSessionBody } from '@qf/contracts'
import { hashSecret, newSecret } from '../../lib/secrets.js'
import { findBySiret, requireOffered } from '../collectivities/index.js'
import type { JourneyDeps } from './deps.js'
import { newLoginTicket } from './login-ticket.js'
import { sessionRepository } from './repository.js'
import { plus } from './session.js'
import { checkFrontendUrl, checkRedirectUri } from './urls.js'

export interface CreatedJourney {
  /** The session credential: the cookie's value (same-site front end) or, in bearer mode, never sent. */
  secret: string
  /** How the front end holds the session: a cookie, or a bearer token obtained after login. */
  transport: 'cookie' | 'bearer'
  created: CreatedSession
}

/**
 * A citizen lands: a new session for the collectivity (a landing never inherits the previous
 * journey of this browser, `previousSecret` is deleted), and the login link: it carries a single-use,
 * short-lived ticket (never the session's public id), so only the creator can start the login.
 */
export async function createSession(
  deps: Pick<
    JourneyDeps,
    'db' | 'box' | 'clock' | 'urls' | 'frontendOrigins' | 'allowLocalHttp' | 'sessionIdleMs'
  >,
  body: CreateSessionBody,
  previousSecret: string | undefined,
): Promise<CreatedJourney> {
  const collectivity = requireOffered(await findBySiret(deps.db, body.siret))
  const redirectUri =
    body.redirectUri !== undefined
      ? checkRedirectUri(body.redirectUri, collectivity.allowedRedirectOrigins, deps.allowLocalHttp)
      : null
  const frontendUrl =
    body.frontendUrl !== undefined
      ? checkFrontendUrl(body.frontendUrl, deps.frontendOrigins, deps.allowLocalHttp)
      : null
  const now = deps.clock.now()
  const secret = newSecret()
  const id = randomUUID()
  const expiresAt = plus(now, deps.sessionIdleMs)
  const { ticket, stored } = newLoginTicket(now)
  await deps.db.transaction().execute(async (trx) => {
    const sessions = sessionRepository(trx, deps.box)
    if (previousSecret) await sessions.deleteBySecretHash(hashSecret(previousSecret))
    await sessions.insert(
      {
        id,
        secretHash: hashSecret(secret),
        siret: collectivity.siret,
        externalId: body.externalId ?? null,
        redirectUri,
        frontendUrl,
        loginTicket: stored,
        expiresAt,
      },
      now,
    )
  })
  return {
    secret,
    transport: frontendUrl ? 'bearer' : 'cookie',
    created: {
      id,
      collectivity: { siret: collectivity.siret, name: collectivity.name },
      loginUrl: deps.urls.login(ticket),
      expiresAt: expiresAt.toISOString(),
    },
  }
}
