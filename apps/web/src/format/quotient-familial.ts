import type { QuotientFamilial } from '@qf/contracts'

const SUPPLIERS: Record<QuotientFamilial['supplier'], string> = {
  CNAF: 'CAF (caisse d’allocations familiales)',
  MSA: 'MSA (mutualité sociale agricole)',
}

/** The body that computed the QF, spelled out. */
export function supplierLabel(supplier: QuotientFamilial['supplier']): string {
  return SUPPLIERS[supplier]
}

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })

/** "2 550 €" (with the non-breaking spaces French typography wants). */
export function formatEuros(value: number): string {
  return euros.format(value)
}
