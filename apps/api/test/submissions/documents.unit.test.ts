import { FormulaireQfDocument } from '@qf/contracts'
import { Value } from '@sinclair/typebox/value'
import { XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import {
  buildAttachments,
  buildFormulaireQfDocument,
  DossierContentError,
  fileNamePart,
  formulaireQfJson,
  formulaireQfXml,
  frenchDate,
  pdfFileName,
} from '../../src/modules/submissions/documents/index.js'
import { dasherizeKeys, decodeRailsXml, parser, pdfText } from './attachments-reader.js'
import { cnafDossier, msaDossier } from './dossiers.js'

describe('FormulaireQF.json', () => {
  it('has the national form keys and conforms to FormulaireQfDocument', () => {
    const document = buildFormulaireQfDocument(cnafDossier)
    expect(Value.Check(FormulaireQfDocument, document)).toBe(true)
    expect(Object.keys(document)).toEqual([
      'external_id',
      'pivot_identity',
      'quotient_familial_v3',
      'quotient_familial',
    ])
    expect(document.external_id).toBe('famille-1234')
    expect(document.pivot_identity).toEqual(cnafDossier.pivotIdentity)
    expect(document.quotient_familial_v3).toEqual({ ...cnafDossier.quotientFamilial, version: 'v3' })
  })

  it('projects the v2 shape: camelCase, nomUsuel, split dates (partial too), QF, month', () => {
    const { quotient_familial: v2 } = buildFormulaireQfDocument(cnafDossier)
    expect(v2).toEqual({
      regime: 'CNAF',
      allocataires: [
        {
          nomNaissance: 'MERCIER',
          nomUsuel: 'DUBOIS',
          prenoms: 'PIERRE ÉLIE',
          anneeDateDeNaissance: '1969',
          moisDateDeNaissance: '03',
          jourDateDeNaissance: '17',
          sexe: 'M',
        },
      ],
      enfants: [
        {
          nomNaissance: 'MERCIER',
          nomUsuel: null,
          prenoms: 'Hélène',
          anneeDateDeNaissance: '2012',
          moisDateDeNaissance: '06',
          jourDateDeNaissance: '01',
          sexe: 'F',
        },
        {
          nomNaissance: 'MERCIER',
          nomUsuel: null,
          prenoms: 'ROBERT',
          anneeDateDeNaissance: '2015',
          moisDateDeNaissance: '11',
          jourDateDeNaissance: '00',
          sexe: 'M',
        },
        {
          nomNaissance: 'MERCIER',
          nomUsuel: null,
          prenoms: 'HENRY',
          anneeDateDeNaissance: '2020',
          moisDateDeNaissance: '00',
          jourDateDeNaissance: '00',
          sexe: 'M',
        },
      ],
      quotientFamilial: 2550,
      annee: 2024,
      mois: 2,
      version: 'v2',
    })
  })

  it('handles an MSA family without children nor nom_usage key, and a null external_id', () => {
    const document = buildFormulaireQfDocument(msaDossier)
    expect(Value.Check(FormulaireQfDocument, document)).toBe(true)
    expect(document.external_id).toBeNull()
    expect(document.quotient_familial).toMatchObject({ regime: 'MSA', enfants: [], quotientFamilial: 812 })
    expect(document.quotient_familial.allocataires[0]).toMatchObject({
      nomUsuel: null,
      anneeDateDeNaissance: '1980',
      moisDateDeNaissance: '00',
    })
    expect(document.quotient_familial_v3).not.toHaveProperty('enfants')
  })

  it('is UTF-8 JSON that parses back to the document', () => {
    const document = buildFormulaireQfDocument(msaDossier)
    const file = formulaireQfJson(document)
    expect(file).toMatchObject({ fileName: 'FormulaireQF.json', mimeType: 'application/json' })
    expect(JSON.parse(file.bytes.toString('utf8'))).toEqual(document)
    expect(file.bytes.toString('utf8')).toContain('WAŁĘSA-GÖRÖG')
  })

  it('refuses data that is not API Particulier v3', () => {
    const broken = { ...cnafDossier, quotientFamilial: { quotient_familial: { valeur: 'beaucoup' } } }
    expect(() => buildFormulaireQfDocument(broken)).toThrow(DossierContentError)
  })
})

describe('FormulaireQF.xml', () => {
  it.each([
    ['CNAF family', cnafDossier],
    ['MSA family', msaDossier],
  ])('is well-formed UTF-8 and parses back to the JSON document (%s)', (_, dossier) => {
    const document = buildFormulaireQfDocument(dossier)
    const file = formulaireQfXml(document)
    expect(file).toMatchObject({ fileName: 'FormulaireQF.xml', mimeType: 'application/xml' })
    const xml = file.bytes.toString('utf8')
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<hash>')).toBe(true)
    expect(XMLValidator.validate(xml)).toBe(true)
    const parsed = parser.parse(xml) as Record<string, unknown>
    expect(decodeRailsXml(parsed.hash)).toEqual(dasherizeKeys(document))
  })

  it('writes the Rails layout: dasherized names, singular items, integer and nil types', () => {
    const xml = formulaireQfXml(buildFormulaireQfDocument(cnafDossier)).bytes.toString('utf8')
    expect(xml).toContain('<external-id>famille-1234</external-id>')
    expect(xml).toContain('<pivot-identity>')
    expect(xml).toContain('<quotient-familial-v3>')
    expect(xml).toContain('<allocataires type="array">\n      <allocataire>')
    expect(xml).toContain('<enfants type="array">\n      <enfant>')
    expect(xml).toContain('<nom-usuel nil="true"/>')
    expect(xml).toContain('<nom-usage nil="true"/>')
    expect(xml).toContain('<annee-date-de-naissance>2020</annee-date-de-naissance>')
    expect(xml).toContain('<quotient-familial type="integer">2550</quotient-familial>')
    expect(xml).toContain('<valeur type="integer">2550</valeur>')
    expect(xml).toContain('<prenoms>Hélène</prenoms>')
  })

  it('writes an empty array and a null external_id', () => {
    const xml = formulaireQfXml(buildFormulaireQfDocument(msaDossier)).bytes.toString('utf8')
    expect(xml).toContain('<external-id nil="true"/>')
    expect(xml).toContain('<enfants type="array"/>')
  })

  it('escapes markup in values', () => {
    const dossier = { ...cnafDossier, externalId: '<a href="x">&amp;</a>' }
    const xml = formulaireQfXml(buildFormulaireQfDocument(dossier)).bytes.toString('utf8')
    expect(XMLValidator.validate(xml)).toBe(true)
    const parsed = parser.parse(xml) as { hash: { 'external-id': string } }
    expect(parser.parse(xml)).toBeTruthy()
    expect(parsed.hash['external-id']).toContain('href')
  })
})

describe('the PDF summary', () => {
  it('is one page of extractable French text with the reference, names with accents and the QF', async () => {
    const [, , pdf] = await buildAttachments(cnafDossier)
    expect(pdf).toMatchObject({
      fileName: 'quotient_familial_MERCIER_Pierre_Elie.pdf',
      mimeType: 'application/pdf',
    })
    const { totalPages, text } = await pdfText(pdf!.bytes)
    expect(totalPages).toBe(1)
    for (const expected of [
      '7KQ4MXD9HTCW3',
      'Majastres',
      '21040107100019',
      'famille-1234',
      'Pierre Élie',
      'nom d’usage : DUBOIS',
      'Hélène',
      '2550 €',
      'CAF (CNAF)',
      'Quotient familial de février 2024 : 2550 €',
      'Calculé sur les ressources du mois précédent.',
      'Composition actuelle du foyer',
      'né en 2020',
      'née le 01/06/2012',
    ])
      expect(text).toContain(expected)
  })

  it('renders letters outside WinAnsi with the embedded font (MSA family, no child)', async () => {
    const [, , pdf] = await buildAttachments(msaDossier)
    expect(pdf?.fileName).toBe('quotient_familial_WALESA-GOROG_Lucja_Osz.pdf')
    const { totalPages, text } = await pdfText(pdf!.bytes)
    expect(totalPages).toBe(1)
    for (const expected of [
      'WAŁĘSA-GÖRÖG',
      'Łucja Ősz',
      '812 €',
      'MSA',
      'Quotient familial d’octobre 2025 : 812 €',
      // No `enfants` key: API Particulier masked it (the habilitation lacks cnaf_enfants).
      'Enfants non transmis : l’habilitation de la collectivité ne couvre pas cette information.',
    ])
      expect(text).toContain(expected)
    expect(text).not.toContain('Mois de droit')
  })

  it('tells an empty list (no child) from a masked one (no key)', async () => {
    const noChild = { ...msaDossier, quotientFamilial: { ...msaDossier.quotientFamilial, enfants: [] } }
    const [, , pdf] = await buildAttachments(noChild)
    const { text } = await pdfText(pdf!.bytes)
    expect(text).toContain('Aucun enfant transmis.')
    expect(text).not.toContain('non transmis')
    const { allocataires: _masked, ...rest } = cnafDossier.quotientFamilial
    const [json, xml, masked] = await buildAttachments({ ...cnafDossier, quotientFamilial: rest })
    expect((await pdfText(masked!.bytes)).text).toContain('Allocataires non transmis')
    expect(JSON.parse(json!.bytes.toString('utf8')).quotient_familial_v3).not.toHaveProperty('allocataires')
    // Only the v2 projection (always present, possibly empty) keeps the element; the v3 data has none.
    expect(xml!.bytes.toString('utf8').match(/<allocataires /g)).toHaveLength(1)
  })
})

describe('the three attachments', () => {
  it('are the same bytes when rebuilt (a retry reuses the folder declared with their sizes)', async () => {
    const first = await buildAttachments(cnafDossier)
    const again = await buildAttachments(structuredClone(cnafDossier))
    expect(first.map((a) => a.fileName)).toEqual(again.map((a) => a.fileName))
    for (const [i, a] of first.entries()) expect(a.bytes.equals(again[i]!.bytes)).toBe(true)
  })
})

describe('the PDF summary of a large family', () => {
  it('stays on one page with every child listed', async () => {
    const enfants = Array.from({ length: 24 }, (_, i) => ({
      nom_naissance: 'DE LA FONTAINE-MONTGOLFIER',
      nom_usage: 'BEAUMARCHAIS',
      prenoms: `JEAN-BAPTISTE MARIE ENFANT${i + 1}`,
      date_naissance: '2010-01-00',
      sexe: 'M',
    }))
    const dossier = { ...cnafDossier, quotientFamilial: { ...cnafDossier.quotientFamilial, enfants } }
    const [, , pdf] = await buildAttachments(dossier)
    const { totalPages, text } = await pdfText(pdf!.bytes)
    expect(totalPages).toBe(1)
    for (let i = 1; i <= 24; i++) expect(text).toContain(`ENFANT${i},`)
  })
})

describe('helpers', () => {
  it('formats partial dates', () => {
    expect(frenchDate('1962-08-24')).toBe('24/08/1962')
    expect(frenchDate('2020-05-00')).toBe('mai 2020')
    expect(frenchDate('2020-00-00')).toBe('2020')
  })

  it('makes file names safe and bounded', () => {
    expect(pdfFileName('DE LA FONTAINE', 'Jean-Æmile François')).toBe(
      'quotient_familial_DE_LA_FONTAINE_Jean-AEmile_Francois.pdf',
    )
    expect(fileNamePart('../../etc/passwd')).toBe('etc_passwd')
    expect(fileNamePart('李')).toBe('inconnu')
    const long = pdfFileName('X'.repeat(500), 'Y'.repeat(500))
    expect(long.length).toBeLessThanOrEqual(144)
    expect(long).toMatch(/^[A-Za-z0-9_-]+\.pdf$/)
  })
})
