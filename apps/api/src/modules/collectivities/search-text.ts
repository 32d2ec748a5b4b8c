/**
 * Text as the collectivity search compares it: lowercase, accents stripped (`é` → `e`, `œ` → `oe`),
 * hyphens and apostrophes as spaces, blanks collapsed. Computed in TypeScript on write (and on the
 * query) because PGlite has no `unaccent` extension.
 */
export function toSearchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[-'’‘_.,/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** What the citizen typed, split into what the search compares (see `parseSearchQuery`). */
export interface SearchQuery {
  /** The name part in `toSearchText` form, abbreviations spelt out, filler words dropped ('' if none). */
  name: string
  /** Codes typed with (or instead of) the name: postal code prefixes or département codes. */
  codes: string[]
  /** Postal codes an arrondissement stands for ("Paris 3e" → 75003); the name must match too. */
  arrondissementPostalCodes: string[]
}

/** How people abbreviate "Saint" ("St Denis", "Ste-Marie"). */
const abbreviations: Readonly<Record<string, string>> = {
  st: 'saint',
  ste: 'sainte',
  sts: 'saints',
  stes: 'saintes',
}

/** Words in front of the name that are not the name ("Mairie de …", "Commune de …", "CCAS de …"). */
const fillerWords = new Set([
  'mairie',
  'commune',
  'ville',
  'ccas',
  'cias',
  'hotel',
  'la',
  'de',
  'd',
  'du',
  'des',
])

/** The cities with arrondissements: the first postal code, arrondissement N being `base + N`. */
const arrondissementBases: Readonly<Record<string, number>> = { paris: 75000, lyon: 69000, marseille: 13000 }

const isCode = (token: string) => /^(\d{1,5}|2[ab])$/.test(token)

/**
 * Splits a search as a citizen types it: "St-Denis 97400", "Mairie de Majastres", "Paris 3e", "4".
 * A lone digit is a département ("4" → "04"); a code next to a name narrows that name.
 */
export function parseSearchQuery(raw: string): SearchQuery {
  const tokens = toSearchText(raw)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean)
  const codes: string[] = []
  const ordinals: number[] = []
  const words: string[] = []
  for (const token of tokens) {
    const ordinal = /^(\d{1,2})(e|er|eme|ieme)$/.exec(token)
    if (ordinal) ordinals.push(Number(ordinal[1]))
    else if (isCode(token)) codes.push(/^\d$/.test(token) ? `0${token}` : token)
    else words.push(abbreviations[token] ?? token)
  }
  let start = 0
  while (start < words.length && fillerWords.has(words[start] ?? '')) start += 1
  const nameWords = words.slice(start)
  const base = nameWords.length === 1 ? arrondissementBases[nameWords[0] ?? ''] : undefined
  return {
    name: nameWords.join(' '),
    codes,
    arrondissementPostalCodes:
      base === undefined ? [] : ordinals.filter((n) => n >= 1 && n <= 20).map((n) => String(base + n)),
  }
}
