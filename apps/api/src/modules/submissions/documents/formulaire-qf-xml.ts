import { formulaireQf, type FormulaireQfDocument, xmlElementName, xmlItemName } from '@qf/contracts'
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

export { xmlElementName, xmlItemName }

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
