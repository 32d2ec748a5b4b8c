import {
  FormulaireQfDocument,
  FormulaireQfV3,
  formulaireQf,
  type FormulaireQfV2Person,
  type FormulaireQfV3Person,
} from '@qf/contracts'
import { Value } from '@sinclair/typebox/value'
import { type DossierAttachment, type DossierContent, DossierContentError } from './dossier-content.js'

/** `2020-00-00` → `["2020", "00", "00"]` (the v2 shape keeps unknown parts as "00"). */
function splitDate(date: string): [string, string, string] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) throw new DossierContentError('date_naissance is not AAAA-MM-JJ')
  return [match[1] ?? '', match[2] ?? '', match[3] ?? '']
}

function v2Person(p: FormulaireQfV3Person): FormulaireQfV2Person {
  const [annee, mois, jour] = splitDate(p.date_naissance)
  return {
    nomNaissance: p.nom_naissance,
    nomUsuel: p.nom_usage ?? null,
    prenoms: p.prenoms,
    anneeDateDeNaissance: annee,
    moisDateDeNaissance: mois,
    jourDateDeNaissance: jour,
    sexe: p.sexe,
  }
}

/**
 * The `FormulaireQF.json` document: the claims and API Particulier's data as received, plus the
 * v2-shaped projection the national form adds. Throws DossierContentError when the data is not
 * in API Particulier v3's shape.
 */
export function buildFormulaireQfDocument(content: DossierContent): FormulaireQfDocument {
  const v3: unknown = { ...content.quotientFamilial, version: 'v3' }
  if (!Value.Check(FormulaireQfV3, v3))
    throw new DossierContentError('quotient familial data is not in API Particulier v3 shape')
  const qf = v3.quotient_familial
  const document: FormulaireQfDocument = {
    external_id: content.externalId,
    pivot_identity: content.pivotIdentity,
    quotient_familial_v3: v3,
    quotient_familial: {
      regime: qf.fournisseur,
      allocataires: (v3.allocataires ?? []).map(v2Person),
      enfants: (v3.enfants ?? []).map(v2Person),
      quotientFamilial: qf.valeur,
      annee: qf.annee,
      mois: qf.mois,
      version: 'v2',
    },
  }
  if (!Value.Check(FormulaireQfDocument, document))
    throw new DossierContentError('pivot identity is not in FranceConnect shape')
  return document
}

/** `FormulaireQF.json`, UTF-8, no BOM. */
export function formulaireQfJson(document: FormulaireQfDocument): DossierAttachment {
  return {
    fileName: formulaireQf.jsonFileName,
    mimeType: 'application/json',
    bytes: Buffer.from(JSON.stringify(document), 'utf8'),
  }
}
