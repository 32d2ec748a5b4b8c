import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { dataFileUrl } from '../src/data-files.js'
import { indexCommunes, parseCountries, placeNames } from '../src/lib/place-names.js'

describe('place names (INSEE COG codes → names)', () => {
  it('reads communes, Paris/Lyon/Marseille arrondissements and former communes from @etalab/decoupage-administratif', async () => {
    const names = await placeNames()
    expect(names.commune('75107')).toBe('Paris 7e Arrondissement')
    expect(names.commune('75056')).toBe('Paris')
    expect(names.commune('69381')).toBe('Lyon 1er Arrondissement')
    expect(names.commune('13212')).toBe('Marseille 12e Arrondissement')
    expect(names.commune('95277')).toBe('Gonesse')
    expect(names.commune('2A004')).toBe('Ajaccio')
    expect(names.commune('97411')).toBe('Saint-Denis')
    expect(names.commune('00000')).toBeUndefined()
  })

  it('reads countries, old codes included, from the INSEE list copied into apps/api/data', async () => {
    const names = await placeNames()
    expect(names.country('99100')).toBe('France')
    expect(names.country('99352')).toBe('Algérie')
    expect(names.country('99141')).toBe('Allemagne de l’Est')
    expect(names.country('99443')).toBe('Bonaire, Saint-Eustache, Saba')
    expect(names.country('99999')).toBeUndefined()
  })

  it('is read once: concurrent and later callers share the same lists', async () => {
    const [a, b] = await Promise.all([placeNames(), placeNames()])
    expect(a).toBe(b)
    expect(await placeNames()).toBe(a)
  })

  it('a former commune keeping the code of the commune it joined is named by both', () => {
    const names = indexCommunes([
      { code: '01033', nom: 'Valserhône', type: 'commune-actuelle' },
      { code: '01033', nom: 'Bellegarde-sur-Valserine', type: 'commune-deleguee' },
      { code: '01091', nom: 'Lancrans', type: 'commune-deleguee' },
      { code: '75056', nom: 'Paris', type: 'commune-actuelle' },
      { code: '75107', nom: 'Paris 7e Arrondissement', type: 'arrondissement-municipal' },
      { code: '12345', nom: 'Même nom', type: 'commune-actuelle' },
      { code: '12345', nom: 'Même nom', type: 'commune-deleguee' },
      { code: 42, nom: 'not a record' },
    ])
    expect(Object.fromEntries(names)).toEqual({
      '01033': 'Valserhône (Bellegarde-sur-Valserine)',
      '01091': 'Lancrans',
      '75056': 'Paris',
      '75107': 'Paris 7e Arrondissement',
      '12345': 'Même nom',
    })
    expect(() => indexCommunes({})).toThrow(/not an array/)
  })

  it('parses the CSV: quoted fields, doubled quotes, CRLF, blank lines', () => {
    const names = parseCountries(
      'code,name,until\r\n99100,France,\r\n99443,"Bonaire, Saint-Eustache, Saba",\r\n\r\n99998,"Le ""pays""",1990-01-01\n',
    )
    expect(Object.fromEntries(names)).toEqual({
      '99100': 'France',
      '99443': 'Bonaire, Saint-Eustache, Saba',
      '99998': 'Le "pays"',
    })
    expect(() => parseCountries('a,b\n1,2')).toThrow(/columns/)
  })

  it('the copied list is the INSEE one, every line a 99xxx code with a name', () => {
    const csv = readFileSync(dataFileUrl('countries.csv'), 'utf8')
    const names = parseCountries(csv)
    expect(names.size).toBe(csv.trim().split('\n').length - 1)
    for (const [code, name] of names) {
      expect(code).toMatch(/^99\d{3}$/)
      expect(name.trim()).toBe(name)
    }
  })
})
