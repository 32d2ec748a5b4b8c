/**
 * Name normalisation for matching: no accents (É → E, Œ → OE, ß → SS), upper case, hyphens,
 * apostrophes (’ ' ʼ) and dots as spaces, repeated spaces folded. `compact` also drops the spaces
 * ("D'ALMEIDA", "D ALMEIDA" and "DALMEIDA" are one name).
 */
export function normalizeName(value: string | null | undefined): string {
  if (!value) return ''
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[Œœ]/g, 'OE')
    .replace(/[Ææ]/g, 'AE')
    .replace(/ß/g, 'SS')
    .replace(/[Øø]/g, 'O')
    .replace(/[Łł]/g, 'L')
    .toUpperCase()
    .replace(/[-‐‑–—'’ʼ`´.,_]/g, ' ')
    .replace(/[^A-Z0-9 ]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

export const compact = (value: string | null | undefined) => normalizeName(value).replace(/ /g, '')

/** First names as tokens: "Jean-Philippe Marie" → [JEAN, PHILIPPE, MARIE]. */
export const givenNameTokens = (value: string | readonly string[] | null | undefined): string[] =>
  (Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '')
    .split(' ')
    .flatMap((p) => normalizeName(p).split(' '))
    .filter(Boolean)

/** The first given name as written ("Jean-Philippe" stays one first name), compacted. */
export const firstGivenName = (value: string | readonly string[] | null | undefined): string => {
  const first = Array.isArray(value)
    ? value[0]
    : typeof value === 'string'
      ? value.trim().split(/\s+/)[0]
      : ''
  return compact(first ?? '')
}

export interface PartialDate {
  year: number | null
  month: number | null
  day: number | null
}

/** `AAAA-MM-JJ`, `JJ/MM/AAAA`, with 00 (or XX) for an unknown part. */
export function parseBirthDate(value: string | null | undefined): PartialDate {
  const none = { year: null, month: null, day: null }
  if (!value) return none
  const v = value.trim()
  let y: string | undefined, m: string | undefined, d: string | undefined
  let match = /^(\d{4}|XXXX)-(\d{2}|XX)-(\d{2}|XX)$/i.exec(v)
  if (match) [, y, m, d] = match
  else {
    match = /^(\d{2}|XX)\/(\d{2}|XX)\/(\d{4})$/i.exec(v)
    if (!match) return none
    ;[, d, m, y] = match
  }
  const part = (s: string | undefined) => (s && /^\d+$/.test(s) && Number(s) > 0 ? Number(s) : null)
  return { year: part(y), month: part(m), day: part(d) }
}
