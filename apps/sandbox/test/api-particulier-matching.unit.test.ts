import { describe, expect, it } from 'vitest'
import { loadQfFixtures } from '../src/api-particulier/fixtures.js'
import { matchCivility, normalizeValue } from '../src/api-particulier/matching.js'
import { isValidSiret } from '../src/api-particulier/siret.js'
import { seedCollectivities } from '../src/seed.js'

describe('API Particulier fixture matching', () => {
  const { civility, franceConnect } = loadQfFixtures()

  it('loads every staging case of both endpoints', () => {
    expect(civility).toHaveLength(30)
    expect(franceConnect).toHaveLength(14)
    expect(civility.every((f) => [200, 404, 429, 502, 504].includes(f.status))).toBe(true)
  })

  it('keeps every civility case distinct once case and accents are ignored', () => {
    const keys = civility.map((f) =>
      Object.entries(f.params)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}=${normalizeValue(v)}`)
        .join('&'),
    )
    expect(new Set(keys).size).toBe(keys.length)
    for (const fixture of civility) expect(matchCivility(civility, fixture.params)).toBe(fixture)
  })

  it('needs exactly the fixture parameters: more birth details is another case', () => {
    const nominal = civility.find((f) => f.file === '200-identite-cas-nominal.yaml')
    expect(nominal).toBeDefined()
    const { jourDateNaissance: _day, moisDateNaissance: _month, ...yearOnly } = nominal?.params ?? {}
    expect(matchCivility(civility, yearOnly)?.file).toBe(
      '200-identite-cas-nominal-peu-de-donnee-naissance.yaml',
    )
    const { anneeDateNaissance: _year, ...noDate } = yearOnly
    expect(matchCivility(civility, noDate)?.status).toBe(404)
    expect(matchCivility(civility, { ...yearOnly, nomUsage: 'AUTRE', annee: 2024 })?.file).toBe(
      '200-identite-cas-nominal-peu-de-donnee-naissance.yaml',
    )
  })

  it('normalizes text, numbers and first-name lists', () => {
    expect(normalizeValue('  Gérôme  Jean ')).toBe('GEROME JEAN')
    expect(normalizeValue('06')).toBe('6')
    expect(normalizeValue(['Anne-Laure', 'Zoé'])).toBe('ANNE-LAURE|ZOE')
  })
})

describe('SIRET check', () => {
  it('accepts the seed collectivities and refuses bad ones', () => {
    for (const c of seedCollectivities) expect(isValidSiret(c.siret)).toBe(true)
    expect(isValidSiret('13002526500013')).toBe(true)
    expect(isValidSiret('13002526500012')).toBe(false)
    expect(isValidSiret('1300252650001')).toBe(false)
    expect(isValidSiret('35600000000010')).toBe(true)
  })
})
