import { readFileSync } from 'node:fs'
import { parseCsvRecords } from './csv.js'

/** A fictitious citizen of the FranceConnect integration environment (fixtures/franceconnect/test-identities.csv). */
export interface TestIdentity {
  /** Login at the integration identity provider; the stand-in's account id. */
  login: string
  given_name: string
  given_name_array: string[]
  family_name: string
  /** Usage name, absent when the CSV cell is empty. */
  preferred_username?: string
  gender: 'male' | 'female'
  birthdate: string
  /** INSEE COG commune code; empty for people born abroad. */
  birthplace: string
  birthcountry: string
  /** What API Particulier is expected to answer for this person (documentation column). */
  expected_qf: string
}

const identitiesFile = new URL('../../fixtures/franceconnect/test-identities.csv', import.meta.url)

export function parseTestIdentities(csv: string): TestIdentity[] {
  return parseCsvRecords(csv).map((r) => {
    const gender = r.gender === 'female' ? 'female' : 'male'
    const identity: TestIdentity = {
      login: r.login ?? '',
      given_name: r.given_name ?? '',
      given_name_array: (r.given_name ?? '').split(' ').filter(Boolean),
      family_name: r.family_name ?? '',
      gender,
      birthdate: r.birthdate ?? '',
      birthplace: r.birthplace ?? '',
      birthcountry: r.birthcountry ?? '',
      expected_qf: r.expected_qf ?? '',
    }
    if (r.preferred_username) identity.preferred_username = r.preferred_username
    return identity
  })
}

let cache: TestIdentity[] | undefined

/** The test identities, read once from the in-repo fixture. */
export function loadTestIdentities(): TestIdentity[] {
  cache ??= parseTestIdentities(readFileSync(identitiesFile, 'utf8'))
  return cache
}

/** The OIDC claims FranceConnect knows for an identity (the scopes decide which are released). */
export function identityClaims(identity: TestIdentity): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    given_name: identity.given_name,
    given_name_array: identity.given_name_array,
    family_name: identity.family_name,
    birthdate: identity.birthdate,
    gender: identity.gender,
    birthplace: identity.birthplace,
    birthcountry: identity.birthcountry,
  }
  if (identity.preferred_username) claims.preferred_username = identity.preferred_username
  return claims
}
