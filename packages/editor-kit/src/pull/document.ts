import { Value } from '@sinclair/typebox/value'
import { FormulaireQfDocument } from '@qf/contracts'
import '../formats.js'
import { frenchErrors } from '../messages.js'

export type DocumentCheck = { ok: true; document: FormulaireQfDocument } | { ok: false; errors: string[] }

/**
 * Parses `FormulaireQF.json` and validates it against the published schema (v3 data and v2
 * projection), then checks that the two agree on the QF. Error texts name paths, never values.
 */
export function parseFormulaireQfDocument(bytes: Buffer | string): DocumentCheck {
  let value: unknown
  try {
    value = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'))
  } catch {
    return { ok: false, errors: ['FormulaireQF.json n’est pas un JSON valide'] }
  }
  if (!Value.Check(FormulaireQfDocument, value)) {
    const errors = frenchErrors(Value.Errors(FormulaireQfDocument, value), 10)
    return { ok: false, errors }
  }
  const v3 = value.quotient_familial_v3.quotient_familial
  const v2 = value.quotient_familial
  const disagreements: string[] = []
  if (v2.quotientFamilial !== v3.valeur) disagreements.push('/quotient_familial/quotientFamilial ≠ valeur v3')
  if (v2.regime !== v3.fournisseur) disagreements.push('/quotient_familial/regime ≠ fournisseur v3')
  if (v2.annee !== v3.annee || v2.mois !== v3.mois) disagreements.push('/quotient_familial/annee|mois ≠ v3')
  if (disagreements.length > 0) return { ok: false, errors: disagreements }
  return { ok: true, document: value }
}
