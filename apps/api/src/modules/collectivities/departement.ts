import { cogCodePattern } from '@qf/contracts'

const cogPattern = new RegExp(cogCodePattern)

/**
 * The département of a commune, from its INSEE COG code: the first two characters (`01`…`95`,
 * `2A`, `2B`), or the first three overseas (`971`…`976`).
 */
export function departementFromCog(cog: string): string {
  if (!cogPattern.test(cog)) throw new RangeError(`Not an INSEE COG code: ${cog}`)
  return cog.startsWith('97') ? cog.slice(0, 3) : cog.slice(0, 2)
}
