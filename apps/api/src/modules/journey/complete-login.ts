import type { JourneyErrorCode } from '@qf/contracts'
import { hashSecret, newSecret } from '../../lib/secrets.js'
import { IdentityProviderError } from '../../ports/identity-provider.js'
import type { JourneyDeps } from './deps.js'
import { journeyCodeForQfFailure } from './qf-failure.js'
import { sessionRepository } from './repository.js'
import { LOGIN_CODE_TTL_MS, plus, type JourneySession, type PersonalData } from './session.js'

/** Where the callback sends the browser, and the credential it hands over on the way. */
export interface CallbackOutcome {
  location: string
  /** Cookie mode: the rotated session secret to set. */
  sessionSecret?: string
  /** A failure worth a log line (never with personal data). */
  failure?: { code: JourneyErrorCode; reason: string }
}

const identityFailureCode = (kind: IdentityProviderError['kind']): JourneyErrorCode =>
  kind === 'access_denied'
    ? 'franceconnect_access_denied'
    : kind === 'provider_error'
      ? 'franceconnect_error'
      : 'login_failed'

/**
 * The FranceConnect callback: consumes the state (once, from the bound browser), verifies the login, reads
 * the quotient familial at once (the access token lives 60 s), stores both sealed, and rotates the
 * credential (the data is readable only with a credential born here, handed to this browser alone).
 */
export async function completeLogin(
  deps: Pick<
    JourneyDeps,
    'db' | 'box' | 'clock' | 'identityProvider' | 'quotientFamilial' | 'urls' | 'sessionIdleMs'
  >,
  callbackUrl: URL,
  binding: string | undefined,
): Promise<CallbackOutcome> {
  const { clock, urls } = deps
  const sessions = sessionRepository(deps.db, deps.box)
  const fail = (session: JourneySession | null, code: JourneyErrorCode, reason: string): CallbackOutcome => ({
    location: urls.error(session, code),
    failure: { code, reason },
  })
  const now = clock.now()
  const state = callbackUrl.searchParams.get('state')
  // The binding is checked in the same statement that consumes the state: a callback presented by
  // another browser (a stolen URL) consumes nothing, and the citizen's own callback still works.
  const session =
    state && binding ? await sessions.consumeLoginState(state, hashSecret(binding), now) : undefined
  if (!session || !session.loginTransaction || !state) {
    const pending = state ? await sessions.findBy('login_state', state) : undefined
    return pending
      ? fail(pending, 'invalid_state', 'callback from another browser than the one that started the login')
      : fail(null, 'invalid_state', 'unknown or already used state')
  }
  const transaction = { state, ...session.loginTransaction }
  if (session.expiresAt <= now) {
    await sessions.delete(session.id)
    return fail(session, 'session_expired', 'session expired during login')
  }

  let user
  try {
    user = await deps.identityProvider.completeLogin(callbackUrl, transaction)
  } catch (err) {
    await sessions.update(session.id, { step: 'created', loginTransaction: null }, now)
    if (err instanceof IdentityProviderError) return fail(session, identityFailureCode(err.kind), err.message)
    throw err
  }

  const qf = await deps.quotientFamilial.byFranceConnectToken(user.accessToken, session.siret)
  const qfCode = qf.ok ? null : journeyCodeForQfFailure[qf.kind]
  const secret = newSecret()
  const after = clock.now()
  const loginCode = session.frontendUrl ? newSecret() : null
  const credential = {
    secretHash: hashSecret(secret),
    loginTransaction: null,
    loginTicket: null,
    loginCodeHash: loginCode ? hashSecret(loginCode) : null,
    loginCodeExpiresAt: loginCode ? plus(after, LOGIN_CODE_TTL_MS) : null,
    expiresAt: plus(after, deps.sessionIdleMs),
  }
  if (!qf.ok) {
    // The journey ends on this error: nothing personal stays readable in this browser (a shared
    // computer). The session keeps only the id_token, so that "Se déconnecter" ends FranceConnect's
    // session too; a new login may start from the collectivity's page (ADR 0034).
    await sessions.update(
      session.id,
      { ...credential, step: 'created', personalData: null, logoutIdToken: user.idToken },
      after,
    )
  } else {
    const personalData: PersonalData = {
      identity: user.identity,
      quotientFamilial: qf.quotientFamilial,
      quotientFamilialError: null,
      rawQuotientFamilial: qf.raw,
      idToken: user.idToken,
    }
    await sessions.update(
      session.id,
      { ...credential, step: 'authenticated', personalData, logoutIdToken: null },
      after,
    )
  }
  return {
    location: qfCode ? urls.error(session, qfCode, loginCode) : urls.review(session, loginCode),
    ...(loginCode ? {} : { sessionSecret: secret }),
    ...(qf.ok || !qfCode
      ? {}
      : {
          failure: {
            code: qfCode,
            reason:
              `api particulier ${qf.status ?? 'unreachable'} ${qf.kind} ${qf.providerCode ?? ''}`.trim(),
          },
        }),
  }
}
