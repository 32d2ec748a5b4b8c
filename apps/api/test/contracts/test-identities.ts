import type { PivotIdentity } from '@qf/contracts'

/**
 * `avec_nom_dusage` of apps/sandbox/fixtures/franceconnect/test-identities.csv, as FranceConnect gives
 * it for the QF form's scopes: `identite_pivot` does not carry `preferred_username` (DUBOIS here).
 */
export const testIdentityPierreMercier: { login: string; expectedIdentity: PivotIdentity } = {
  login: 'avec_nom_dusage',
  expectedIdentity: {
    givenName: 'Pierre',
    givenNameArray: ['Pierre'],
    familyName: 'MERCIER',
    preferredUsername: null,
    birthdate: '1969-03-17',
    gender: 'male',
    birthplace: '95277',
    birthcountry: '99100',
  },
}
