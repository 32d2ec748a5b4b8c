import { type ApiError, invalidParameter } from './errors.js'
import type { FixtureValue } from './fixtures.js'
import { isValidSiret } from './siret.js'

/** `recipient`: mandatory SIRET of the collectivity that receives the data. */
export function checkRecipient(query: URLSearchParams): ApiError | undefined {
  const recipient = query.get('recipient')
  if (!recipient) return invalidParameter('recipient', 'Le paramètre recipient est obligatoire', '00203')
  if (!isValidSiret(recipient))
    return invalidParameter('recipient', "Le paramètre recipient n'est pas un siret valide", '00210')
  return undefined
}

const cogCommune = /^(\d{5}|2[AB]\d{3})$/
const cogCountry = /^\d{5}$/
const cogDepartement = /^(\d{2,3}|2[AB])$/
const franceCog = '99100'

function integer(
  query: URLSearchParams,
  name: string,
  min: number,
  max: number,
  label: string,
  errors: ApiError[],
): number | undefined {
  const raw = query.get(name)
  if (raw === null || raw === '') return undefined
  const value = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN
  if (!(value >= min && value <= max)) {
    errors.push(invalidParameter(name, `${label} n'est pas correctement formaté (entier de ${min} à ${max})`))
    return undefined
  }
  return value
}

function text(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name)?.trim()
  return value ? value : undefined
}

/**
 * Validates the civility parameters of `/v3/dss/quotient_familial/identite` (one 422 error per bad
 * parameter, `source.parameter` names it) and returns them in the fixtures' shape.
 */
export function parseCivility(
  query: URLSearchParams,
): { params: Record<string, FixtureValue> } | { errors: ApiError[] } {
  const errors: ApiError[] = []
  const params: Record<string, FixtureValue> = {}
  const recipientError = checkRecipient(query)
  if (recipientError) errors.push(recipientError)

  const nomNaissance = text(query, 'nomNaissance')
  if (!nomNaissance) errors.push(invalidParameter('nomNaissance', 'Le nom de naissance est obligatoire'))
  else params.nomNaissance = nomNaissance
  const nomUsage = text(query, 'nomUsage')
  if (nomUsage) params.nomUsage = nomUsage

  const prenoms = [...query.getAll('prenoms[]'), ...query.getAll('prenoms')].map((p) => p.trim())
  if (prenoms.length === 0) errors.push(invalidParameter('prenoms[]', 'Au moins un prénom est obligatoire'))
  else if (prenoms.length > 3) errors.push(invalidParameter('prenoms[]', 'Trois prénoms au maximum'))
  else if (prenoms.some((p) => !p)) errors.push(invalidParameter('prenoms[]', 'Un prénom est vide'))
  else params.prenoms = prenoms

  // Optional and case-insensitive since April 2026 (siade `CNAV::ValidateSexeEtatCivil`).
  const sexe = query.get('sexeEtatCivil')?.trim().toUpperCase()
  if (sexe && sexe !== 'M' && sexe !== 'F')
    errors.push(invalidParameter('sexeEtatCivil', "Le sexe de l'état civil doit valoir 'M' ou 'F'"))
  else if (sexe) params.sexeEtatCivil = sexe

  const year = integer(
    query,
    'anneeDateNaissance',
    1900,
    new Date().getUTCFullYear(),
    "L'année de naissance",
    errors,
  )
  const month = integer(query, 'moisDateNaissance', 1, 12, 'Le mois de naissance', errors)
  const day = integer(query, 'jourDateNaissance', 1, 31, 'Le jour de naissance', errors)
  // The spec: the month is ignored without a year, the day without a month.
  if (year !== undefined) {
    params.anneeDateNaissance = year
    if (month !== undefined) {
      params.moisDateNaissance = month
      if (day !== undefined) params.jourDateNaissance = day
    }
  }

  const country = query.get('codeCogInseePaysNaissance')
  if (!country)
    errors.push(
      invalidParameter('codeCogInseePaysNaissance', 'Le code COG du pays de naissance est obligatoire'),
    )
  else if (!cogCountry.test(country))
    errors.push(
      invalidParameter(
        'codeCogInseePaysNaissance',
        'Le code COG du pays de naissance doit comporter 5 chiffres',
      ),
    )
  else params.codeCogInseePaysNaissance = country

  const commune = text(query, 'codeCogInseeCommuneNaissance')
  const communeName = text(query, 'nomCommuneNaissance')
  const departement = text(query, 'codeCogInseeDepartementNaissance')
  if (commune !== undefined) {
    if (!cogCommune.test(commune))
      errors.push(
        invalidParameter(
          'codeCogInseeCommuneNaissance',
          'Le code COG de la commune de naissance doit comporter 5 caractères',
        ),
      )
    else if (country && country !== franceCog)
      errors.push(
        invalidParameter(
          'codeCogInseeCommuneNaissance',
          "La commune de naissance ne doit pas être renseignée pour une personne née à l'étranger",
        ),
      )
    else params.codeCogInseeCommuneNaissance = commune
  } else if (communeName !== undefined || departement !== undefined) {
    if (!communeName)
      errors.push(
        invalidParameter(
          'nomCommuneNaissance',
          'Le nom de la commune de naissance est obligatoire avec le département',
        ),
      )
    if (!departement)
      errors.push(
        invalidParameter(
          'codeCogInseeDepartementNaissance',
          'Le département de naissance est obligatoire avec le nom de la commune',
        ),
      )
    else if (!cogDepartement.test(departement))
      errors.push(
        invalidParameter(
          'codeCogInseeDepartementNaissance',
          'Le département de naissance doit comporter 2 ou 3 caractères',
        ),
      )
    if (year === undefined && !query.get('anneeDateNaissance'))
      errors.push(
        invalidParameter(
          'anneeDateNaissance',
          "L'année de naissance est obligatoire avec le nom de la commune de naissance",
        ),
      )
    if (communeName) params.nomCommuneNaissance = communeName
    if (departement && cogDepartement.test(departement)) params.codeCogInseeDepartementNaissance = departement
  } else if (country === franceCog) {
    errors.push(
      invalidParameter(
        'codeCogInseeCommuneNaissance',
        'La commune de naissance est obligatoire pour une personne née en France',
      ),
    )
  }

  Object.assign(params, parseQfPeriod(query, errors))

  return errors.length > 0 ? { errors } : { params }
}

/**
 * Optional `annee` / `mois` of the quotient familial asked for (both endpoints), as API Particulier
 * checks them since April 2026: `annee` only N, N-1 or N-2 (`00356`), `mois` 1–12 and not in the future
 * (`00354`). Without `annee` the provider answers the current month.
 */
export function parseQfPeriod(
  query: URLSearchParams,
  errors: ApiError[],
  now = new Date(),
): { annee?: number; mois?: number } {
  const out: { annee?: number; mois?: number } = {}
  const rawYear = query.get('annee')
  const rawMonth = query.get('mois')
  const currentYear = now.getUTCFullYear()
  let yearOk = true
  if (rawYear !== null && rawYear !== '') {
    const annee = /^\d{4}$/.test(rawYear) ? Number(rawYear) : NaN
    if (!(annee >= currentYear - 2 && annee <= currentYear)) {
      yearOk = false
      errors.push(
        invalidParameter('annee', "L'année demandée doit être l'année en cours (N), N-1 ou N-2.", '00356'),
      )
    } else out.annee = annee
  }
  if (rawMonth !== null && rawMonth !== '') {
    const mois = /^\d{1,2}$/.test(rawMonth) ? Number(rawMonth) : NaN
    const future = yearOk && (out.annee ?? 0) >= currentYear && mois > now.getUTCMonth() + 1
    if (!(mois >= 1 && mois <= 12) || future)
      errors.push(invalidParameter('mois', 'Le mois demandé est incorrect ou est dans le futur.', '00354'))
    else out.mois = mois
  }
  return out
}

/** The civility parameters API Particulier derives from a FranceConnect identity (introspected claims). */
export function civilityFromFranceConnect(claims: Record<string, unknown>): Record<string, FixtureValue> {
  const out: Record<string, FixtureValue> = {}
  const str = (k: string) => (typeof claims[k] === 'string' ? (claims[k] as string) : '')
  if (str('family_name')) out.nomNaissance = str('family_name')
  if (str('preferred_username')) out.nomUsage = str('preferred_username')
  const given = Array.isArray(claims.given_name_array)
    ? claims.given_name_array.filter((v): v is string => typeof v === 'string')
    : str('given_name').split(' ').filter(Boolean)
  if (given.length > 0) out.prenoms = given
  if (str('gender')) out.sexeEtatCivil = str('gender') === 'female' ? 'F' : 'M'
  const [y, m, d] = str('birthdate').split('-').map(Number)
  if (y) {
    out.anneeDateNaissance = y
    if (m) {
      out.moisDateNaissance = m
      if (d) out.jourDateNaissance = d
    }
  }
  if (str('birthplace')) out.codeCogInseeCommuneNaissance = str('birthplace')
  if (str('birthcountry')) out.codeCogInseePaysNaissance = str('birthcountry')
  return out
}
