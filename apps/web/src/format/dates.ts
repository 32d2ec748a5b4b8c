const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
]

/** "février 2024" (month 1 to 12). */
export function formatMonthYear(year: number, month: number): string {
  const name = MONTHS[month - 1]
  return name ? `${name} ${year}` : String(year)
}

/**
 * What API Particulier's QF month means, in plain French: "Quotient familial de février 2024",
 * "Quotient familial d’avril 2024" (the QF of month M, computed on the resources of month M-1).
 */
export function quotientFamilialOf(year: number, month: number): string {
  const when = formatMonthYear(year, month)
  return /^[aeiouyéèêàâîôû]/i.test(when) ? `Quotient familial d’${when}` : `Quotient familial de ${when}`
}

/**
 * A date as FranceConnect and the CAF give it (AAAA-MM-JJ, where the day or the month may be 00 when
 * only presumed): "24 août 1962", "1er juin 1980", "juin 1980" or "1980".
 */
export function formatPartialDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return date
  const [, year = '', month = '', day = ''] = match
  const monthIndex = Number(month)
  if (monthIndex < 1 || monthIndex > 12) return year
  const monthYear = formatMonthYear(Number(year), monthIndex)
  const dayNumber = Number(day)
  if (dayNumber === 0) return monthYear
  return `${dayNumber === 1 ? '1er' : dayNumber} ${monthYear}`
}

/** "26 novembre 2026 à 16:02" in the browser's time zone. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const day = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' }).format(
    date,
  )
  const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' }).format(date)
  return `${day} à ${time}`
}
