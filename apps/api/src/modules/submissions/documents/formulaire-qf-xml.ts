import { formulaireQf, type FormulaireQfDocument } from '@qf/contracts'
import { create } from 'xmlbuilder2'
import type { DossierAttachment } from './dossier-content.js'

/**
 * `FormulaireQF.xml`: the JSON document in the layout of Ruby on Rails' `Hash#to_xml` (what the
 * national form deposits): root `<hash>`, element names dasherized (`external_id` → `external-id`,
 * `nomUsuel` → `nom-usuel`), arrays `type="array"` with one singular child per item, integers
 * `type="integer"`, booleans `type="boolean"`, floats `type="float"`, null `nil="true"`.
 * See docs/formulaire-qf-xml.md.
 */

type XMLBuilder = ReturnType<typeof create>

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

function append(parent: XMLBuilder, name: string, value: unknown): void {
  if (value === null || value === undefined) {
    parent.ele(name, { nil: 'true' })
  } else if (Array.isArray(value)) {
    const list = parent.ele(name, { type: 'array' })
    const item = xmlItemName(name)
    for (const v of value) append(list, item, v)
  } else if (typeof value === 'object') {
    const element = parent.ele(name)
    for (const [k, v] of Object.entries(value)) append(element, xmlElementName(k), v)
  } else if (typeof value === 'number') {
    parent.ele(name, { type: Number.isInteger(value) ? 'integer' : 'float' }).txt(String(value))
  } else if (typeof value === 'boolean') {
    parent.ele(name, { type: 'boolean' }).txt(String(value))
  } else {
    parent.ele(name).txt(String(value))
  }
}

/** The XML text of the document (UTF-8, declaration, 2-space indentation). */
export function formulaireQfXmlText(document: FormulaireQfDocument): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('hash')
  for (const [k, v] of Object.entries(document)) append(root, xmlElementName(k), v)
  return root.end({ prettyPrint: true, indent: '  ' })
}

export function formulaireQfXml(document: FormulaireQfDocument): DossierAttachment {
  return {
    fileName: formulaireQf.xmlFileName,
    mimeType: 'application/xml',
    bytes: Buffer.from(`${formulaireQfXmlText(document)}\n`, 'utf8'),
  }
}
