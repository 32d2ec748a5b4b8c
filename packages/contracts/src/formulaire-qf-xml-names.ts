/**
 * The element names of `FormulaireQF.xml` (Ruby on Rails' `Hash#to_xml` layout, docs/formulaire-qf-xml.md):
 * one definition for the API that writes the XML and the kit that publishes its XSD.
 */

/** `external_id` → `external-id`, `anneeDateDeNaissance` → `annee-date-de-naissance`. */
export function xmlElementName(key: string): string {
  const dashed = key
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '-')
  return /^[a-z]/.test(dashed) ? dashed : `x-${dashed}`
}

const singulars: Record<string, string> = { allocataires: 'allocataire', enfants: 'enfant' }

/** The element of one item of an array (Rails' `singularize`, for the names this document has). */
export function xmlItemName(arrayName: string): string {
  return singulars[arrayName] ?? (arrayName.endsWith('s') ? arrayName.slice(0, -1) : `${arrayName}-item`)
}
