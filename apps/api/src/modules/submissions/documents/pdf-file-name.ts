/** Letters NFKD does not decompose, spelled as French agents would type them. */
const transliterations: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
  þ: 'th',
  Þ: 'TH',
}

/** Longest part (name or given names) kept in the file name. */
const maxPartLength = 60

/** ASCII letters, digits, `_` and `-` only: accents removed, anything else becomes `_`. */
export function fileNamePart(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^ -~]/gu, (c) => transliterations[c] ?? '_')
  const safe = ascii
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '')
    .slice(0, maxPartLength)
    .replace(/[_-]+$/, '')
  return safe || 'inconnu'
}

/** `quotient_familial_<NOM>_<Prénoms>.pdf`, safe on any filesystem (≤ 144 characters). */
export function pdfFileName(familyName: string, givenName: string): string {
  return `quotient_familial_${fileNamePart(familyName)}_${fileNamePart(givenName)}.pdf`
}
