import type { CurrentSession, SessionSubmission } from '@qf/contracts'
import type { JourneySession } from './session.js'

/**
 * What the citizen's front end sees of a session (`getCurrentSession`). Once submitted, only the
 * sending (reference, status): the personal data has left the session.
 */
export function toCurrentSession(
  session: JourneySession,
  collectivityName: string | undefined,
  submission: SessionSubmission | null = null,
): CurrentSession {
  const pd = session.step === 'submitted' ? null : session.personalData
  return {
    id: session.id,
    step: session.step,
    collectivity: { siret: session.siret, name: collectivityName ?? session.siret },
    externalId: session.externalId,
    redirectUri: session.redirectUri,
    identity: pd?.identity ?? null,
    quotientFamilial: pd?.quotientFamilial ?? null,
    quotientFamilialError: pd?.quotientFamilialError ?? null,
    submission,
    expiresAt: session.expiresAt.toISOString(),
  }
}
