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

/** Two birth dates, compared on what both know. */
export function compareBirthDates(
  a: PartialDate,
  b: PartialDate,
): 'equal' | 'compatible' | 'different' | 'unknown' {
  if (a.year === null || b.year === null) return 'unknown'
  if (a.year !== b.year) return 'different'
  for (const k of ['month', 'day'] as const) {
    const x = a[k]
    const y = b[k]
    if (x !== null && y !== null && x !== y) return 'different'
  }
  const full = (d: PartialDate) => d.month !== null && d.day !== null
  return full(a) && full(b) ? 'equal' : 'compatible'
}

/**
 * The requester's own entry among the allocataires of the CAF/MSA answer: the same birth name, first
 * given name and birth date (full, or written the same) as the FranceConnect identity pivot. It is
 * where the usage name the CAF or MSA knows comes from (FranceConnect's `identite_pivot` has none);
 * undefined when the requester is not listed (then no one else's usage name is lent to them).
 */
export function requesterAllocataire<
  T extends { nom_naissance: string; prenoms: string | readonly string[]; date_naissance: string },
>(
  pivot: { family_name: string; given_name: string; birthdate: string },
  allocataires: readonly T[],
): T | undefined {
  const birthdate = parseBirthDate(pivot.birthdate)
  return allocataires.find(
    (a) =>
      compact(a.nom_naissance) === compact(pivot.family_name) &&
      firstGivenName(a.prenoms) === firstGivenName(pivot.given_name) &&
      (a.date_naissance === pivot.birthdate ||
        compareBirthDates(parseBirthDate(a.date_naissance), birthdate) === 'equal'),
  )
}
