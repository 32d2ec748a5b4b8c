import type { FormulaireQfDocument, FormulaireQfV3Person } from '@qf/contracts'
import { requesterAllocataire } from '../reconcile/normalize.js'

/** One file of a dossier, as downloaded from HubEE and checked (size and SHA-256 digest). */
export interface DossierFile {
  fileName: string
  mimeType: string
  size: number
  /** SHA-256, base64 (HubEE's `digest`). */
  sha256: string
  bytes: Buffer
}

/** A dossier received from HubEE, verified and validated, handed to the handler. */
export interface ReceivedDossier {
  reference: string
  caseId: string
  caseExternalId: string
  collectivity: { siret: string; cog: string }
  document: FormulaireQfDocument
  /** `FormulaireQF.json`, `FormulaireQF.xml`, the PDF (and any other file of the case). */
  files: DossierFile[]
  receivedAt: string
}

/** What the handler decided. `REFUSED` and `SI_INTG_ERROR` carry a reason sent to HubEE (no personal data). */
export type DossierOutcome =
  { status: 'DONE' } | { status: 'REFUSED'; reason: string } | { status: 'SI_INTG_ERROR'; reason: string }

/** Must be idempotent by `dossier.reference`: after a crash the same dossier may be handed again. */
export type DossierHandler = (dossier: ReceivedDossier) => Promise<DossierOutcome>

export interface NormalizedPerson {
  nom_naissance: string
  nom_usage: string | null
  prenoms: string[]
  /** AAAA-MM-JJ, 00 for an unknown month or day. */
  date_naissance: string
  sexe: 'M' | 'F'
}

/** `dossier.json` of the inbox: one stable shape whatever the version of the deposited JSON. */
export interface NormalizedDossier {
  format: 'qf-editeur/dossier@1'
  reference: string
  external_id: string | null
  collectivite: { siret: string; cog: string }
  hubee: { case_id: string; case_external_id: string }
  recu_le: string
  quotient_familial: {
    fournisseur: 'CNAF' | 'MSA'
    valeur: number
    annee: number
    mois: number
    annee_calcul: number | null
    mois_calcul: number | null
  }
  demandeur: NormalizedPerson & { commune_naissance: string | null; pays_naissance: string }
  allocataires: NormalizedPerson[]
  enfants: NormalizedPerson[]
  /**
   * The family lists API Particulier did not transmit (masked: the collectivity's habilitation lacks
   * `cnaf_allocataires` / `cnaf_enfants`): the list is then empty without meaning "none".
   */
  non_transmis: ('allocataires' | 'enfants')[]
  /** The stored identity pivot, as deposited: what `refresh` needs later. */
  pivot_identity: FormulaireQfDocument['pivot_identity']
  fichiers: { nom: string; type_mime: string; taille: number; sha256: string }[]
}

const splitNames = (names: string) => names.split(/\s+/).filter(Boolean)

function person(p: FormulaireQfV3Person): NormalizedPerson {
  return {
    nom_naissance: p.nom_naissance,
    nom_usage: p.nom_usage ?? null,
    prenoms: splitNames(p.prenoms),
    date_naissance: p.date_naissance,
    sexe: p.sexe,
  }
}

export function normalizeDossier(d: ReceivedDossier): NormalizedDossier {
  const doc = d.document
  const qf = doc.quotient_familial_v3.quotient_familial
  const pivot = doc.pivot_identity
  const allocataires = doc.quotient_familial_v3.allocataires ?? []
  return {
    format: 'qf-editeur/dossier@1',
    reference: d.reference,
    external_id: doc.external_id,
    collectivite: { ...d.collectivity },
    hubee: { case_id: d.caseId, case_external_id: d.caseExternalId },
    recu_le: d.receivedAt,
    quotient_familial: {
      fournisseur: qf.fournisseur,
      valeur: qf.valeur,
      annee: qf.annee,
      mois: qf.mois,
      annee_calcul: qf.annee_calcul ?? null,
      mois_calcul: qf.mois_calcul ?? null,
    },
    demandeur: {
      nom_naissance: pivot.family_name,
      // FranceConnect's identite_pivot has no usage name: the CAF/MSA's, from the requester's own entry.
      nom_usage: requesterAllocataire(pivot, allocataires)?.nom_usage ?? null,
      prenoms: splitNames(pivot.given_name),
      date_naissance: pivot.birthdate,
      sexe: pivot.gender === 'female' ? 'F' : 'M',
      commune_naissance: pivot.birthplace || null,
      pays_naissance: pivot.birthcountry,
    },
    allocataires: allocataires.map(person),
    enfants: (doc.quotient_familial_v3.enfants ?? []).map(person),
    non_transmis: (['allocataires', 'enfants'] as const).filter(
      (part) => doc.quotient_familial_v3[part] === undefined,
    ),
    pivot_identity: pivot,
    fichiers: d.files.map((f) => ({
      nom: f.fileName,
      type_mime: f.mimeType,
      taille: f.size,
      sha256: f.sha256,
    })),
  }
}
