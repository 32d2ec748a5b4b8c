import type { DossierContent } from '../../src/modules/submissions/documents/index.js'

const majastres = { siret: '21040107100019', name: 'Majastres', cog: '04107' }

/** A CNAF family: one allocataire with a nom d'usage, three children, one born on a partial date. */
export const cnafDossier: DossierContent = {
  reference: '7KQ4MXD9HTCW3',
  submittedAt: new Date('2026-11-26T15:02:11.000Z'),
  collectivity: majastres,
  externalId: 'famille-1234',
  pivotIdentity: {
    family_name: 'MERCIER',
    given_name: 'Pierre Élie',
    gender: 'male',
    birthdate: '1969-03-17',
    birthplace: '75107',
    birthcountry: '99100',
  },
  quotientFamilial: {
    allocataires: [
      {
        nom_naissance: 'MERCIER',
        nom_usage: 'DUBOIS',
        prenoms: 'PIERRE ÉLIE',
        date_naissance: '1969-03-17',
        sexe: 'M',
      },
    ],
    enfants: [
      {
        nom_naissance: 'MERCIER',
        nom_usage: null,
        prenoms: 'Hélène',
        date_naissance: '2012-06-01',
        sexe: 'F',
      },
      { nom_naissance: 'MERCIER', prenoms: 'ROBERT', date_naissance: '2015-11-00', sexe: 'M' },
      {
        nom_naissance: 'MERCIER',
        nom_usage: null,
        prenoms: 'HENRY',
        date_naissance: '2020-00-00',
        sexe: 'M',
      },
    ],
    adresse: {
      identite: 'Monsieur PIERRE MERCIER',
      numero_libelle_voie: '12 RUE DE LA PAIX',
      code_postal_ville: '04270 MAJASTRES',
      pays: 'FRANCE',
    },
    quotient_familial: {
      fournisseur: 'CNAF',
      valeur: 2550,
      annee: 2024,
      mois: 2,
      annee_calcul: 2024,
      mois_calcul: 12,
    },
  },
}

/** An MSA couple whose names need letters outside WinAnsi, no child, no nom_usage key at all. */
export const msaDossier: DossierContent = {
  reference: 'ACDEFGHJKMNPQ',
  submittedAt: new Date('2026-11-27T08:00:00.000Z'),
  collectivity: { siret: '21730132400018', name: 'Hauteluce', cog: '73132' },
  externalId: null,
  pivotIdentity: {
    family_name: 'WAŁĘSA-GÖRÖG',
    given_name: 'Łucja Ősz',
    gender: 'female',
    birthdate: '1980-00-00',
    birthplace: null,
    birthcountry: '99122',
  },
  quotientFamilial: {
    allocataires: [
      { nom_naissance: 'WAŁĘSA-GÖRÖG', prenoms: 'ŁUCJA ŐSZ', date_naissance: '1980-00-00', sexe: 'F' },
      {
        nom_naissance: 'COMMODE',
        nom_usage: 'ARMOIRE',
        prenoms: 'JEAN',
        date_naissance: '1979-01-02',
        sexe: 'M',
      },
    ],
    quotient_familial: { fournisseur: 'MSA', valeur: 812, annee: 2025, mois: 10 },
  },
}
