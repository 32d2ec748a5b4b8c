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
