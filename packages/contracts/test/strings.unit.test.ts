import { describe, expect, it } from 'vitest'
import {
  ExternalId,
  base64UrlTokenPattern,
  nonBlankSafeTextPattern,
  printableTextPattern,
  safeTextPattern,
  unicodePattern,
} from '../src/index.js'
import { acceptedExternalIds, refusedExternalIds } from './external-id-samples.js'

/** What the validator does: the pattern with the `u` flag, lengths in code points. */
const externalIdOk = (value: string) =>
  unicodePattern(printableTextPattern).test(value) &&
  [...value].length >= (ExternalId.minLength ?? 0) &&
  [...value].length <= (ExternalId.maxLength ?? Infinity)

describe('ExternalId (PrintableText, 1–255 code points)', () => {
  it.each(acceptedExternalIds.map((v) => [v]))('accepts %j', (value) => {
    expect(externalIdOk(value)).toBe(true)
  })
  it.each(refusedExternalIds.map(([v, why]) => [why, v]))('refuses a value with %s', (_why, value) => {
    expect(externalIdOk(value)).toBe(false)
  })
})

describe('SafeText and Base64UrlToken', () => {
  it('SafeText refuses controls and lone surrogates, keeps everything else', () => {
    const safe = unicodePattern(safeTextPattern)
    for (const ok of ['', 'Ajaccio', 'Saint-Étienne', '😀', 'a\u200Bb', ' '])
      expect(safe.test(ok), JSON.stringify(ok)).toBe(true)
    for (const ko of ['a\u0000', '\u001B', '\u007F', '\u0085', '\uD800', 'a\uDFFFb'])
      expect(safe.test(ko), JSON.stringify(ko)).toBe(false)
    const nonBlank = unicodePattern(nonBlankSafeTextPattern)
    expect(nonBlank.test('  a ')).toBe(true)
    expect(nonBlank.test('   ')).toBe(false)
  })

  it('Base64UrlToken takes only base64url characters', () => {
    const token = unicodePattern(base64UrlTokenPattern)
    expect(token.test('q1w2-E3_r4')).toBe(true)
    for (const ko of ['', 'a b', 'a+b', 'a/b', 'a=', 'a\u0000', 'é']) expect(token.test(ko)).toBe(false)
  })
})
