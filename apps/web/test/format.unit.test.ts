import { describe, expect, it } from 'vitest'
import { formatMonthYear, formatPartialDate, quotientFamilialOf } from '../src/format/dates.js'
import { formatEuros } from '../src/format/quotient-familial.js'

describe('formatPartialDate', () => {
  it.each([
    ['1962-08-24', '24 août 1962'],
    ['1980-06-01', '1er juin 1980'],
    ['1980-06-00', 'juin 1980'],
    ['1980-00-00', '1980'],
    ['1980-13-00', '1980'],
    ['pas une date', 'pas une date'],
  ])('%s → %s', (input, expected) => {
    expect(formatPartialDate(input)).toBe(expected)
  })
})

describe('formatMonthYear / formatEuros', () => {
  it('writes months and amounts the French way', () => {
    expect(formatMonthYear(2024, 2)).toBe('février 2024')
    expect(formatMonthYear(2024, 12)).toBe('décembre 2024')
    expect(formatEuros(2550).replace(/\s/g, ' ')).toBe('2 550 €')
  })
})

describe('quotientFamilialOf', () => {
  it.each([
    [2024, 2, 'Quotient familial de février 2024'],
    [2026, 4, 'Quotient familial d’avril 2026'],
    [2026, 8, 'Quotient familial d’août 2026'],
    [2026, 10, 'Quotient familial d’octobre 2026'],
  ])('%i-%i → %s', (year, month, expected) => {
    expect(quotientFamilialOf(year, month)).toBe(expected)
  })
})
