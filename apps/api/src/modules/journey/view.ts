import type { CurrentSession, PivotIdentity, SessionIdentity, SessionSubmission } from '@qf/contracts'
import type { PlaceNames } from '../../lib/place-names.js'
import type { JourneySession } from './session.js'

const genderLabels = { female: 'Femme', male: 'Homme' } as const

/** The pivot identity with its codes read as names (the raw code when the lists do not know it). */
export function toSessionIdentity(identity: PivotIdentity, names: PlaceNames): SessionIdentity {
  return {
    ...identity,
    genderLabel: genderLabels[identity.gender],
    birthplaceName:
      identity.birthplace === null ? null : (names.commune(identity.birthplace) ?? identity.birthplace),
    birthcountryName: names.country(identity.birthcountry) ?? identity.birthcountry,
  }
}

/**
 * What the citizen's front end sees of a session (`getCurrentSession`). Once submitted, only the
 * sending (reference, status): the personal data has left the session. `names` is needed only when
 * the session shows an identity (the lists are read on first use).
 */
export function toCurrentSession(
  session: JourneySession,
  collectivityName: string | undefined,
  names: PlaceNames | undefined,
  submission: SessionSubmission | null = null,
): CurrentSession {
  const pd = session.step === 'submitted' ? null : session.personalData
  if (pd?.identity && !names) throw new Error('toCurrentSession: the place names are needed for an identity')
  return {
    id: session.id,
    step: session.step,
    collectivity: { siret: session.siret, name: collectivityName ?? session.siret },
    externalId: session.externalId,
    redirectUri: session.redirectUri,
    identity: pd?.identity && names ? toSessionIdentity(pd.identity, names) : null,
    quotientFamilial: pd?.quotientFamilial ?? null,
    quotientFamilialError: pd?.quotientFamilialError ?? null,
    submission,
    expiresAt: session.expiresAt.toISOString(),
  }
}
