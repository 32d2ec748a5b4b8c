import { type InseeOnlyEstablishment, inseeOnlyEstablishments, seedCollectivities } from '../seed.js'

/** What the Sirene stand-in needs of an establishment (seeded collectivity or INSEE-only commune). */
type KnownEstablishment = Pick<InseeOnlyEstablishment, 'siret' | 'name' | 'cog' | 'postalCodes' | 'closed'>

/** INSEE writes names in upper case, without accents, hyphens as spaces. */
export const inseeUpperCase = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/-/g, ' ')
    .toUpperCase()

const denominationOverrides: Record<string, string> = { '21750001600019': 'VILLE DE PARIS' }
const communeNameOverrides: Record<string, string> = { '75101': 'PARIS' }

/** The legal unit's `denominationUniteLegale`, e.g. `COMMUNE DE MAJASTRES`, `COMMUNE D'AJACCIO`. */
export function communeDenomination(c: Pick<KnownEstablishment, 'siret' | 'name'>): string {
  const override = denominationOverrides[c.siret]
  if (override) return override
  const name = inseeUpperCase(c.name)
  return /^[AEIOUY]/.test(name) ? `COMMUNE D'${name}` : `COMMUNE DE ${name}`
}

export const communeLabel = (c: Pick<KnownEstablishment, 'cog' | 'name'>) =>
  communeNameOverrides[c.cog] ?? inseeUpperCase(c.name)

/** A seeded collectivity or an INSEE-only commune (`inseeOnlyEstablishments`). */
export const findSeededEstablishment = (siret: string): KnownEstablishment | undefined =>
  seedCollectivities.find((c) => c.siret === siret) ?? inseeOnlyEstablishments.find((c) => c.siret === siret)

const lastTreatment = '2024-03-22T14:26:06.000'

/** One of `periodesEtablissement` (most recent first; the current one has `dateFin: null`). */
const period = (dateDebut: string, dateFin: string | null, etat: 'A' | 'F') => ({
  dateFin,
  dateDebut,
  etatAdministratifEtablissement: etat,
  changementEtatAdministratifEtablissement: false,
  enseigne1Etablissement: null,
  enseigne2Etablissement: null,
  enseigne3Etablissement: null,
  changementEnseigneEtablissement: false,
  denominationUsuelleEtablissement: null,
  changementDenominationUsuelleEtablissement: false,
  activitePrincipaleEtablissement: '84.11Z',
  nomenclatureActivitePrincipaleEtablissement: 'NAFRev2',
  changementActivitePrincipaleEtablissement: false,
  caractereEmployeurEtablissement: 'O',
  changementCaractereEmployeurEtablissement: false,
})

/** An `etablissement` of the Sirene API 3.11 for a commune's town hall (category 7210, NAF 84.11Z). */
export function toSireneEtablissement(c: KnownEstablishment) {
  const siren = c.siret.slice(0, 9)
  const nic = c.siret.slice(9)
  const emptySecondAddress = {
    complementAdresse2Etablissement: null,
    numeroVoie2Etablissement: null,
    indiceRepetition2Etablissement: null,
    typeVoie2Etablissement: null,
    libelleVoie2Etablissement: null,
    codePostal2Etablissement: null,
    libelleCommune2Etablissement: null,
    libelleCommuneEtranger2Etablissement: null,
    distributionSpeciale2Etablissement: null,
    codeCommune2Etablissement: null,
    codeCedex2Etablissement: null,
    libelleCedex2Etablissement: null,
    codePaysEtranger2Etablissement: null,
    libellePaysEtranger2Etablissement: null,
  }
  return {
    siren,
    nic,
    siret: c.siret,
    statutDiffusionEtablissement: 'O',
    dateCreationEtablissement: '1983-03-01',
    trancheEffectifsEtablissement: '11',
    anneeEffectifsEtablissement: '2021',
    activitePrincipaleRegistreMetiersEtablissement: null,
    dateDernierTraitementEtablissement: lastTreatment,
    etablissementSiege: true,
    nombrePeriodesEtablissement: c.closed ? 2 : 1,
    uniteLegale: {
      etatAdministratifUniteLegale: 'A',
      statutDiffusionUniteLegale: 'O',
      dateCreationUniteLegale: '1983-03-01',
      categorieJuridiqueUniteLegale: '7210',
      denominationUniteLegale: communeDenomination(c),
      sigleUniteLegale: null,
      denominationUsuelle1UniteLegale: null,
      denominationUsuelle2UniteLegale: null,
      denominationUsuelle3UniteLegale: null,
      sexeUniteLegale: null,
      nomUniteLegale: null,
      nomUsageUniteLegale: null,
      prenom1UniteLegale: null,
      prenom2UniteLegale: null,
      prenom3UniteLegale: null,
      prenom4UniteLegale: null,
      prenomUsuelUniteLegale: null,
      pseudonymeUniteLegale: null,
      activitePrincipaleUniteLegale: '84.11Z',
      nomenclatureActivitePrincipaleUniteLegale: 'NAFRev2',
      identifiantAssociationUniteLegale: null,
      economieSocialeSolidaireUniteLegale: null,
      societeMissionUniteLegale: null,
      caractereEmployeurUniteLegale: 'O',
      trancheEffectifsUniteLegale: '11',
      anneeEffectifsUniteLegale: '2021',
      nicSiegeUniteLegale: nic,
      dateDernierTraitementUniteLegale: lastTreatment,
      categorieEntreprise: 'PME',
      anneeCategorieEntreprise: '2021',
    },
    adresseEtablissement: {
      complementAdresseEtablissement: 'MAIRIE',
      numeroVoieEtablissement: null,
      indiceRepetitionEtablissement: null,
      dernierNumeroVoieEtablissement: null,
      indiceRepetitionDernierNumeroVoieEtablissement: null,
      typeVoieEtablissement: 'PL',
      libelleVoieEtablissement: 'DE LA MAIRIE',
      codePostalEtablissement: c.postalCodes[0] ?? null,
      libelleCommuneEtablissement: communeLabel(c),
      libelleCommuneEtrangerEtablissement: null,
      distributionSpecialeEtablissement: null,
      codeCommuneEtablissement: c.cog,
      codeCedexEtablissement: null,
      libelleCedexEtablissement: null,
      codePaysEtrangerEtablissement: null,
      libellePaysEtrangerEtablissement: null,
      identifiantAdresseEtablissement: null,
      coordonneeLambertAbscisseEtablissement: null,
      coordonneeLambertOrdonneeEtablissement: null,
    },
    adresse2Etablissement: emptySecondAddress,
    periodesEtablissement: c.closed
      ? [
          { ...period('2017-01-01', null, 'F'), changementEtatAdministratifEtablissement: true },
          period('1983-03-01', '2016-12-31', 'A'),
        ]
      : [period('1983-03-01', null, 'A')],
  }
}
