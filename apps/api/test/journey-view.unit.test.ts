import { fixtures } from '@qf/testing'
import { describe, expect, it } from 'vitest'
import { toCurrentSession } from '../src/modules/journey/view.js'
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

describe('the current-session view', () => {
  it('shows identity and QF, never the login secrets, the raw data nor the id_token', () => {
    const view = toCurrentSession(session(), 'Majastres')
    expect(view).toMatchObject({
      step: 'authenticated',
      collectivity: { siret: '21040107100019', name: 'Majastres' },
      identity: fixtures.identity(),
      quotientFamilial: fixtures.quotientFamilial(),
      expiresAt: '2026-11-26T15:00:00.000Z',
    })
    const text = JSON.stringify(view)
    for (const secret of ['state-secret', 'binding-hash', 'code-hash', 'id-token-secret', 'valeur'])
      expect(text).not.toContain(secret)
  })

  it('falls back on the SIRET when the collectivity is gone, and shows nothing personal before login', () => {
    const view = toCurrentSession(session({ step: 'created', personalData: null }), undefined)
    expect(view).toMatchObject({
      collectivity: { siret: '21040107100019', name: '21040107100019' },
      identity: null,
      quotientFamilial: null,
      quotientFamilialError: null,
    })
  })
})
