/** FranceConnect v2 scopes → the claims they release. */
export const identityScopeClaims = {
  openid: ['sub'],
  identite_pivot: [
    'given_name',
    'given_name_array',
    'family_name',
    'birthdate',
    'gender',
    'birthplace',
    'birthcountry',
  ],
  given_name: ['given_name', 'given_name_array'],
  family_name: ['family_name'],
  birthdate: ['birthdate'],
  gender: ['gender'],
  birthplace: ['birthplace'],
  birthcountry: ['birthcountry'],
  preferred_username: ['preferred_username'],
  email: ['email'],
} as const

/** Data scopes: no claim at FranceConnect, carried by the access token for the data providers (API Particulier). */
export const dataScopes = [
  'cnaf_quotient_familial',
  'cnaf_allocataires',
  'cnaf_enfants',
  'cnaf_adresse',
] as const

/** The only eIDAS level of the "low" FranceConnect platform. */
export const acrEidas1 = 'eidas1'
