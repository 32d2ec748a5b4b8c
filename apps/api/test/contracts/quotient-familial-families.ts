import { toQuotientFamilial } from '../../src/adapters/api-particulier/mapping.js'
import type { InMemoryQuotientFamilialOutcome } from '../../src/adapters/in-memory/index.js'

/**
 * API Particulier v3 `data` of a few FranceConnect test identities, as the staging fixtures give it
 * with the QF form's scopes (no address), for the in-memory provider.
 */
const person = (nom: string, usage: string | null, prenoms: string, date: string, sexe: 'M' | 'F') => ({
  nom_naissance: nom,
  nom_usage: usage,
  prenoms,
  date_naissance: date,
  sexe,
})
const qf = (fournisseur: 'CNAF' | 'MSA') => ({
  fournisseur,
  valeur: 2550,
  annee: 2024,
  mois: 2,
  annee_calcul: 2024,
  mois_calcul: 12,
})

export const stagingFamilies: Record<string, Record<string, unknown>> = {
  avec_nom_dusage: {
    allocataires: [person('MERCIER', 'DUBOIS', 'PIERRE', '1969-03-17', 'M')],
    enfants: [
      person('MERCIER', null, 'PIERRE', '2018-01-10', 'M'),
      person('MERCIER', null, 'ROBERT', '2020-03-15', 'M'),
      person('MERCIER', null, 'HENRY', '2022-06-20', 'M'),
    ],
    quotient_familial: qf('CNAF'),
  },
  test_CINDY: {
    allocataires: [
      person('COMMODE', 'ARMOIRE', 'CINDY', '1980-06-27', 'F'),
      person('ARMOIRE', null, 'FRANCK', '1990-12-30', 'M'),
    ],
    enfants: [
      person('ARMOIRE', null, 'Gaston', '2021-05-01', 'M'),
      person('ARMOIRE', null, 'Henri', '2021-05-01', 'M'),
      person('ARMOIRE', null, 'Robert', '2021-05-01', 'M'),
      person('ARMOIRE', null, 'Hugo', '2022-04-30', 'M'),
      person('ARMOIRE', null, 'Lucie', '2023-10-01', 'F'),
    ],
    quotient_familial: qf('MSA'),
  },
  yogo: {
    allocataires: [
      person('YOGO', 'BOBO', 'Sophie Suzanne', '1981-11-01', 'F'),
      person('BOBO', null, 'Mohamed', '1983-05-15', 'M'),
    ],
    enfants: [
      person('BOBO', null, 'Inès', '2015-07-10', 'F'),
      person('BOBO', null, 'Amir', '2012-09-09', 'M'),
      person('BOBO', null, 'Ibrahim', '2020-00-00', 'M'),
    ],
    quotient_familial: qf('CNAF'),
  },
}

/** A habilitation without `cnaf_enfants`: API Particulier leaves the `enfants` key out. */
export const maskedScopes = 'openid identite_pivot cnaf_quotient_familial cnaf_allocataires'

/** The outcome the in-memory provider gives for a staging family (`masked`: keys left out by scope). */
export function familyOutcome(
  login: string,
  masked: readonly string[] = [],
): InMemoryQuotientFamilialOutcome {
  const family = stagingFamilies[login]
  const raw = family && Object.fromEntries(Object.entries(family).filter(([k]) => !masked.includes(k)))
  const quotientFamilial = raw && toQuotientFamilial(raw)
  if (!raw || !quotientFamilial) throw new Error(`no staging family for ${login}`)
  return { ok: true, quotientFamilial, raw }
}

/** API Particulier's answer for someone known to neither CAF nor MSA. */
export const notFoundOutcome: InMemoryQuotientFamilialOutcome = {
  ok: false,
  kind: 'not_found',
  providerCode: '35003',
  status: 404,
  retryAfterSeconds: null,
}

/** The staging civility case "identité cas nominal" (LEFEBVRE), as the identity pivot of a lookup. */
export const nominalCivility = {
  birthName: 'LEFEBVRE',
  firstNames: ['ALEXIS', 'GÉRÔME', 'JEAN-PHILIPPE'],
  sex: 'F' as const,
  birthDate: '1982-12-27',
  birthCountry: '99100',
  birthCommune: '08480',
}

/** Its answer (the fixture's `data`, without the address the QF form does not use). */
export const nominalCivilityData: Record<string, unknown> = {
  allocataires: [person('LEFEBVRE', null, 'ALEXIS GÉRÔME JEAN-PHILIPPE', '1982-12-27', 'F')],
  enfants: [],
  quotient_familial: {
    fournisseur: 'CNAF',
    valeur: 2550,
    annee: 2023,
    mois: 6,
    annee_calcul: 2024,
    mois_calcul: 12,
  },
}

export function civilityOutcome(): InMemoryQuotientFamilialOutcome {
  const quotientFamilial = toQuotientFamilial(nominalCivilityData)
  if (!quotientFamilial) throw new Error('bad civility data')
  return { ok: true, quotientFamilial, raw: nominalCivilityData }
}
