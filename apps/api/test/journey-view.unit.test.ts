import { fixtures } from '@qf/testing'
import { describe, expect, it } from 'vitest'
import type { PlaceNames } from '../src/lib/place-names.js'
import { toCurrentSession, toSessionIdentity } from '../src/modules/journey/view.js'
import type { JourneySession } from '../src/modules/journey/session.js'

const session = (over: Partial<JourneySession> = {}): JourneySession => ({
  id: fixtures.createdSession().id,
  siret: fixtures.collectivity().siret,
  externalId: 'famille-1234',
  redirectUri: null,
  frontendUrl: null,
  step: 'authenticated',
  loginState: 'state-secret',
  loginBindingHash: 'binding-hash',
  loginTransaction: { nonce: 'n', codeVerifier: 'v' },
  loginCodeHash: 'code-hash',
  loginCodeExpiresAt: null,
  personalData: {
    identity: fixtures.identity(),
    quotientFamilial: fixtures.quotientFamilial(),
    quotientFamilialError: null,
    rawQuotientFamilial: { quotient_familial: { valeur: 2550 } },
    idToken: 'id-token-secret',
  },
  submissionReference: null,
  logoutIdToken: null,
  createdAt: new Date('2026-11-26T14:00:00Z'),
  expiresAt: new Date('2026-11-26T15:00:00Z'),
  ...over,
})

const names: PlaceNames = {
  commune: (code) => ({ '75107': 'Paris 7e Arrondissement' })[code],
  country: (code) => ({ '99100': 'France' })[code],
}

describe('the current-session view', () => {
  it('shows identity and QF, never the login secrets, the raw data nor the id_token', () => {
    const view = toCurrentSession(session(), 'Majastres', names)
    expect(view).toMatchObject({
      step: 'authenticated',
      collectivity: { siret: '21040107100019', name: 'Majastres' },
      identity: {
        ...fixtures.identity(),
        genderLabel: 'Femme',
        birthplaceName: 'Paris 7e Arrondissement',
        birthcountryName: 'France',
      },
      quotientFamilial: fixtures.quotientFamilial(),
      expiresAt: '2026-11-26T15:00:00.000Z',
    })
    const text = JSON.stringify(view)
    for (const secret of ['state-secret', 'binding-hash', 'code-hash', 'id-token-secret', 'valeur'])
      expect(text).not.toContain(secret)
  })

  it('falls back on the SIRET when the collectivity is gone, and shows nothing personal before login', () => {
    const view = toCurrentSession(session({ step: 'created', personalData: null }), undefined, undefined)
    expect(view).toMatchObject({
      collectivity: { siret: '21040107100019', name: '21040107100019' },
      identity: null,
      quotientFamilial: null,
      quotientFamilialError: null,
    })
  })

  it('keeps the raw code the lists do not know, and null for a birth abroad', () => {
    const identity = {
      ...fixtures.identity(),
      gender: 'male' as const,
      birthplace: '99999',
      birthcountry: '99352',
    }
    expect(toSessionIdentity(identity, names)).toMatchObject({
      genderLabel: 'Homme',
      birthplaceName: '99999',
      birthcountryName: '99352',
    })
    expect(toSessionIdentity({ ...identity, birthplace: null }, names).birthplaceName).toBeNull()
  })

  it('refuses to show an identity without the names', () => {
    expect(() => toCurrentSession(session(), 'Majastres', undefined)).toThrow(/place names/)
  })
})
