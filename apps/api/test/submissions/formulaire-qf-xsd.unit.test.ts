// The XML the API deposits validates against the XSD the kit publishes (packages/editor-kit/schema).
import { readFile } from 'node:fs/promises'
import { FormulaireQfDocument } from '@qf/contracts'
import { describe, expect, it } from 'vitest'
import { validateXML } from 'xmllint-wasm'
import { formulaireQfXmlText } from '../../src/modules/submissions/documents/index.js'

const xsd = await readFile(
  new URL('../../../../packages/editor-kit/schema/formulaire-qf.xsd', import.meta.url),
  'utf8',
)

async function validate(xml: string) {
  const result = await validateXML({
    xml: [{ fileName: 'FormulaireQF.xml', contents: xml }],
    schema: [{ fileName: 'formulaire-qf.xsd', contents: xsd }],
  })
  return { valid: result.valid, errors: result.errors.map((e) => e.message) }
}

const example = (): FormulaireQfDocument =>
  structuredClone((FormulaireQfDocument.examples as FormulaireQfDocument[])[0] as FormulaireQfDocument)

describe('FormulaireQF.xml against schema/formulaire-qf.xsd', () => {
  it('the contracts example, and its variants (nulls, no child, an address, MSA), are valid', async () => {
    const base = example()
    const variants: FormulaireQfDocument[] = [base]
    const nulls = example()
    nulls.external_id = null
    nulls.pivot_identity.birthplace = null
    nulls.quotient_familial_v3.quotient_familial.annee_calcul = null
    nulls.quotient_familial_v3.quotient_familial.mois_calcul = null
    nulls.quotient_familial_v3.enfants = []
    nulls.quotient_familial.enfants = []
    nulls.quotient_familial_v3.adresse = {
      destinataire: 'Madame DUBOIS ANGELA',
      code_postal_ville: '75001 PARIS',
    }
    nulls.quotient_familial_v3.quotient_familial.fournisseur = 'MSA'
    nulls.quotient_familial.regime = 'MSA'
    variants.push(nulls)
    for (const doc of variants)
      expect(await validate(formulaireQfXmlText(doc))).toEqual({ valid: true, errors: [] })
  })

  it('refuses what the format does not allow (so the test can fail)', async () => {
    const xml = formulaireQfXmlText(example())
    const month = await validate(
      xml.replace(/<mois type="integer">\d+<\/mois>/, '<mois type="integer">13</mois>'),
    )
    expect(month.valid).toBe(false)
    const unknown = await validate(xml.replace('<hash>', '<hash>\n  <inconnu>1</inconnu>'))
    expect(unknown.valid).toBe(false)
    const untyped = await validate(xml.replace(/<allocataires type="array">/, '<allocataires>'))
    expect(untyped.valid).toBe(false)
  })
})
