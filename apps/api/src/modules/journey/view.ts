import type { CurrentSession } from '@qf/contracts'
import type { JourneySession } from './session.js'

/** What the citizen's front end sees of a session (`getCurrentSession`). */
export function toCurrentSession(
  session: JourneySession,
  collectivityName: string | undefined,
): CurrentSession {
  const pd = session.personalData
  return {
    id: session.id,
    step: session.step,
    collectivity: { siret: session.siret, name: collectivityName ?? session.siret },
    externalId: session.externalId,
    redirectUri: session.redirectUri,
    identity: pd?.identity ?? null,
    quotientFamilial: pd?.quotientFamilial ?? null,
    quotientFamilialError: pd?.quotientFamilialError ?? null,
    submission: null,
    expiresAt: session.expiresAt.toISOString(),
  }
}
