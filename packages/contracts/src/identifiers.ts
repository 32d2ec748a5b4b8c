/**
 * Checks of the French public identifiers the registry writes (the write side: the TypeBox
 * patterns in collectivity.ts only check the shape).
 */

/** SIREN of La Poste: its establishments' SIRETs do not follow Luhn (INSEE's documented exception). */
export const laPosteSiren = '356000000'

const digitSum = (digits: string) => [...digits].reduce((sum, d) => sum + Number(d), 0)

/** Luhn checksum over a string of digits (the check digit is the last one). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    const fromRight = digits.length - 1 - i
    let d = Number(digits[i])
    if (fromRight % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/**
 * A SIRET: 14 digits whose Luhn checksum holds, or, for La Poste (SIREN `356000000`), whose
 * digits add up to a multiple of 5 (its head office `35600000000048` passes Luhn too).
 */
export function isValidSiret(s: string): boolean {
  if (!/^\d{14}$/.test(s)) return false
  if (luhnValid(s)) return true
  return s.startsWith(laPosteSiren) && digitSum(s) % 5 === 0
}

/**
 * An INSEE COG code of a commune (5 characters): a département `01`…`95` (not `20`, split in
 * 1976), `2A` or `2B` (Corsica), followed by a commune number `001`…`999`; overseas the
 * département has three digits, `971`…`976` (DROM, with Saint-Pierre-et-Miquelon `975`) and
 * `977`/`978` (Saint-Barthélemy, Saint-Martin, served by the CAF de la Guadeloupe), followed by two.
 * Pacific codes (`98…`) are refused: no CAF there.
 */
export function isValidCog(s: string): boolean {
  const overseas = /^97([1-8])(\d{2})$/.exec(s)
  if (overseas) return overseas[2] !== '00'
  const metropolitan = /^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5])(\d{3})$/.exec(s)
  return metropolitan !== null && metropolitan[2] !== '000'
}

/**
 * The département of a commune, from its INSEE COG code: the first two characters (`01`…`95`,
 * `2A`, `2B`), or the first three overseas (`971`…`978`). Throws a RangeError on anything that
 * is not a valid COG code.
 */
export function departementFromCog(cog: string): string {
  if (!isValidCog(cog)) throw new RangeError(`Not an INSEE COG code: ${cog}`)
  return cog.startsWith('97') ? cog.slice(0, 3) : cog.slice(0, 2)
}
