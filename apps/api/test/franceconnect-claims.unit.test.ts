import { describe, expect, it } from 'vitest'
import { toPivotIdentity } from '../src/adapters/franceconnect/openid-client-franceconnect.js'

/** Userinfo claims of the `test` identity (identite_pivot), plus a nom d'usage. */
const claims = {
  sub: 'b6048e95bb134ec5b1d1e1fa69f287172e91722b9354d637a1bcf2ebb0fd2ef5v1',
  given_name: 'Angela Claire Louise',
  given_name_array: ['Angela', 'Claire', 'Louise'],
  family_name: 'DUBOIS',
  preferred_username: 'MARTIN',
  birthdate: '1962-08-24',
  gender: 'female',
  birthplace: '75107',
  birthcountry: '99100',
}

describe('toPivotIdentity', () => {
  it('maps complete claims', () => {
    expect(toPivotIdentity(claims)).toEqual({
      givenName: 'Angela Claire Louise',
      givenNameArray: ['Angela', 'Claire', 'Louise'],
      familyName: 'DUBOIS',
      preferredUsername: 'MARTIN',
      birthdate: '1962-08-24',
      gender: 'female',
      birthplace: '75107',
      birthcountry: '99100',
    })
  })

  it('gives null for an absent or empty nom d’usage', () => {
    const { preferred_username: _, ...without } = claims
    expect(toPivotIdentity(without)?.preferredUsername).toBeNull()
    expect(toPivotIdentity({ ...claims, preferred_username: '' })?.preferredUsername).toBeNull()
  })

  it('splits given_name when given_name_array is absent, and drops non-strings from it', () => {
    const { given_name_array: _, ...without } = claims
    expect(toPivotIdentity(without)?.givenNameArray).toEqual(['Angela', 'Claire', 'Louise'])
    expect(toPivotIdentity({ ...claims, given_name_array: ['Angela', 3, 'Louise'] })?.givenNameArray).toEqual(
      ['Angela', 'Louise'],
    )
  })

  it('gives a null birthplace for someone born abroad (empty birthplace)', () => {
    const identity = toPivotIdentity({ ...claims, birthplace: '', birthcountry: '99352' })
    expect(identity).toMatchObject({ birthplace: null, birthcountry: '99352' })
  })

  it('keeps a presumed birth date (1980-00-00) as is', () => {
    expect(toPivotIdentity({ ...claims, birthdate: '1980-00-00' })?.birthdate).toBe('1980-00-00')
  })

  it.each([
    ['family_name is missing', { family_name: undefined }],
    ['given_name is missing', { given_name: undefined }],
    ['birthcountry is missing', { birthcountry: undefined }],
    ['the gender is neither male nor female', { gender: 'other' }],
    ['the gender is not a string', { gender: 1 }],
    ['the birth date is not AAAA-MM-JJ', { birthdate: '24/08/1962' }],
    ['the birth date is missing', { birthdate: undefined }],
    ['family_name is not a string', { family_name: ['DUBOIS'] }],
  ])('gives undefined when %s', (_label, patch) => {
    expect(toPivotIdentity({ ...claims, ...patch })).toBeUndefined()
  })
})
