import { describe, expect, it } from 'vitest'
import { departementFromCog, isValidCog, isValidSiret, luhnValid } from '../src/identifiers.js'

/** Replaces the digit at `index` by the next one (mod 10): a one-digit typo. */
const typo = (s: string, index: number) =>
  s.slice(0, index) + String((Number(s[index]) + 1) % 10) + s.slice(index + 1)

describe('luhnValid', () => {
  it.each([
    ['79927398713', true],
    ['79927398710', false],
    ['0', true],
    ['18', true],
    ['19', false],
    ['', false],
    ['12a4', false],
  ])('%j → %s', (digits, valid) => {
    expect(luhnValid(digits)).toBe(valid)
  })
})

describe('isValidSiret', () => {
  const realSirets = [
    '21040107100019', // Majastres
    '21730132400018', // Hauteluce
    '21750001600019', // Paris
    '21200004600012', // Ajaccio
    '21974110600013', // Saint-Denis (La Réunion)
    '21010004600015', // Ambérieu-en-Bugey
    '13002526500013', // DINUM
  ]

  it.each(realSirets)('accepts the real SIRET %s (Luhn)', (siret) => {
    expect(isValidSiret(siret)).toBe(true)
  })

  it('refuses every one-digit typo of a real SIRET (Luhn catches them all)', () => {
    for (const siret of realSirets)
      for (let i = 0; i < 14; i++) expect(isValidSiret(typo(siret, i)), typo(siret, i)).toBe(false)
  })

  it('refuses two swapped adjacent digits', () => {
    expect(isValidSiret('12040107100019')).toBe(false)
    expect(isValidSiret('21040107100091')).toBe(false)
  })

  it.each([
    '2104010710001',
    '210401071000190',
    '',
    '2104010710001A',
    ' 21040107100019',
    '21 040 107 100 019',
  ])('refuses %j (not 14 digits)', (siret) => {
    expect(isValidSiret(siret)).toBe(false)
  })

  describe("La Poste's exception (SIREN 356000000)", () => {
    it('accepts an establishment whose digits add up to a multiple of 5, though Luhn fails', () => {
      expect(luhnValid('35600000049837')).toBe(false)
      expect(isValidSiret('35600000049837')).toBe(true) // digit sum 45
    })

    it('accepts the head office 35600000000048 (Luhn holds, digit sum 26)', () => {
      expect(isValidSiret('35600000000048')).toBe(true)
    })

    it('refuses a La Poste SIRET that passes neither rule', () => {
      expect(isValidSiret('35600000049838')).toBe(false) // sum 46, Luhn fails
      expect(isValidSiret('35600000000049')).toBe(false) // sum 27, Luhn fails
    })

    it('does not extend the exception to other SIRENs', () => {
      // digit sum 45 but Luhn fails: only La Poste gets the multiple-of-5 rule
      expect(luhnValid('35700000049836')).toBe(false)
      expect(isValidSiret('35700000049836')).toBe(false)
    })
  })
})

describe('isValidCog', () => {
  it.each([
    ['01004', 'Ambérieu-en-Bugey (leading zero)'],
    ['04107', 'Majastres'],
    ['75101', 'Paris 1er arrondissement'],
    ['95690', 'Val-d’Oise, highest metropolitan département'],
    ['2A004', 'Ajaccio (Corse-du-Sud)'],
    ['2B033', 'Bastia (Haute-Corse)'],
    ['97105', 'Basse-Terre (Guadeloupe)'],
    ['97209', 'Fort-de-France (Martinique)'],
    ['97302', 'Cayenne (Guyane)'],
    ['97411', 'Saint-Denis (La Réunion)'],
    ['97502', 'Saint-Pierre (Saint-Pierre-et-Miquelon)'],
    ['97611', 'Mamoudzou (Mayotte)'],
    ['97701', 'Saint-Barthélemy'],
    ['97801', 'Saint-Martin'],
  ])('accepts %s (%s)', (cog) => {
    expect(isValidCog(cog)).toBe(true)
  })

  it.each([
    ['', 'empty'],
    ['7510', 'four characters'],
    ['751011', 'six characters'],
    ['2a004', 'lower-case Corsica'],
    ['2C004', 'no 2C'],
    ['20004', 'département 20 (split in 1976)'],
    ['00123', 'département 00'],
    ['96001', 'no département 96'],
    ['97001', 'no overseas 970'],
    ['97901', 'no overseas 979'],
    ['98735', 'Polynésie française (no CAF)'],
    ['98818', 'Nouvelle-Calédonie (no CAF)'],
    ['04000', 'commune 000'],
    ['97100', 'overseas commune 00'],
    ['2A00X', 'letter in the commune number'],
    [' 4107', 'leading space'],
  ])('refuses %j (%s)', (cog) => {
    expect(isValidCog(cog)).toBe(false)
  })
})

describe('departementFromCog', () => {
  it.each([
    ['01004', '01'],
    ['2A004', '2A'],
    ['2B033', '2B'],
    ['75101', '75'],
    ['97105', '971'],
    ['97411', '974'],
    ['97611', '976'],
    ['97801', '978'],
  ])('%s → %s', (cog, departement) => {
    expect(departementFromCog(cog)).toBe(departement)
  })

  it.each(['20004', '98735', '2a004', ''])('throws a RangeError on %j', (cog) => {
    expect(() => departementFromCog(cog)).toThrow(RangeError)
  })
})
