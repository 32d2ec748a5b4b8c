import type { FormulaireQfDocument } from '@qf/contracts'
import type { NormalizedDossier } from '../pull/dossier.js'
import {
  compact,
  compareBirthDates,
  firstGivenName,
  givenNameTokens,
  type PartialDate,
  parseBirthDate,
  requesterAllocataire,
} from './normalize.js'

/** A user of the editor's software, as far as matching goes (CSV/JSON columns of the same names). */
export interface EditorUser {
  /** The editor's id: the `external_id` its links carry. */
  id: string
  nom_naissance?: string | null
  nom_usage?: string | null
  /** Space-separated, or a list. */
  prenoms?: string | readonly string[] | null
  /** AAAA-MM-JJ or JJ/MM/AAAA; 00 for an unknown month or day. */
  date_naissance?: string | null
  sexe?: string | null
  /** COG INSEE code of the birth commune. */
  commune_naissance?: string | null
  /** COG INSEE code of the birth country (99100: France). */
  pays_naissance?: string | null
}

/**
 * The editor's users: a list, or a function (e.g. a query of its database by name). The function
 * should also return the user whose id is `externalId`, so that an identity that contradicts that
 * user is told (`identity_mismatch`) rather than taken for an unknown id.
 */
export type UserSource =
  | readonly EditorUser[]
  | ((query: {
      externalId: string | null
      birthNames: string[]
    }) => Promise<readonly EditorUser[]> | readonly EditorUser[])

export interface MatchCandidate {
  userId: string
  score: number
  /** Which criteria matched or differed (French; names no value). */
  reasons: string[]
}

export type ReconcileResult =
  | {
      status: 'matched'
      userId: string
      by: 'external_id' | 'identity'
      score: number
      reason: string
      candidates: MatchCandidate[]
    }
  | {
      /**
       * The `external_id` names one of the editor's users, but the dossier's identity contradicts that
       * user's (a link meant for someone else, forwarded or sent to every family). Never to be saved on
       * that account without a check by hand. `candidates[0]` is that account with its own score, then
       * the users the identity does resemble.
       */
      status: 'identity_mismatch'
      userId: string
      by: 'external_id'
      reason: string
      candidates: MatchCandidate[]
    }
  | { status: 'ambiguous'; reason: string; candidates: MatchCandidate[] }
  | { status: 'unmatched'; reason: string; candidates: MatchCandidate[] }

export interface ReconcileOptions {
  /** Lowest score of a match. Default 70. */
  matchThreshold?: number
  /** Lowest score of a candidate worth showing. Default 40. */
  candidateThreshold?: number
  /** Two candidates closer than this are ambiguous. Default 10. */
  ambiguityMargin?: number
}

interface Person {
  role: 'demandeur' | 'allocataire'
  birthName: string
  usageName: string | null
  givenNames: string
  date: PartialDate
  sex: 'M' | 'F' | null
  birthplace: string | null
  birthcountry: string | null
}

const isNormalized = (d: FormulaireQfDocument | NormalizedDossier): d is NormalizedDossier =>
  (d as NormalizedDossier).format === 'qf-editeur/dossier@1'

function sexOf(value: string | null | undefined): 'M' | 'F' | null {
  const v = (value ?? '').trim().toUpperCase()
  if (v === 'M' || v === 'MALE' || v === 'H' || v === 'HOMME' || v === 'MASCULIN') return 'M'
  if (v === 'F' || v === 'FEMALE' || v === 'FEMME' || v === 'FEMININ' || v === 'FÉMININ') return 'F'
  return null
}

/** The requester (identity pivot) first, then the other allocataires of the household. */
function personsOf(d: FormulaireQfDocument | NormalizedDossier): Person[] {
  const raw = isNormalized(d)
    ? {
        pivot: d.pivot_identity,
        allocataires: d.allocataires.map((a) => ({ ...a, prenoms: a.prenoms.join(' ') })),
      }
    : { pivot: d.pivot_identity, allocataires: d.quotient_familial_v3.allocataires ?? [] }
  // The requester's own allocataire entry lends the usage name FranceConnect does not give.
  const own = requesterAllocataire(raw.pivot, raw.allocataires)
  const requester: Person = {
    role: 'demandeur',
    birthName: raw.pivot.family_name,
    usageName: own?.nom_usage ?? null,
    givenNames: raw.pivot.given_name,
    date: parseBirthDate(raw.pivot.birthdate),
    sex: raw.pivot.gender === 'female' ? 'F' : 'M',
    birthplace: raw.pivot.birthplace || null,
    birthcountry: raw.pivot.birthcountry || null,
  }
  const others: Person[] = raw.allocataires
    .filter((a) => a !== own)
    .map((a) => ({
      role: 'allocataire',
      birthName: a.nom_naissance,
      usageName: a.nom_usage ?? null,
      givenNames: a.prenoms,
      date: parseBirthDate(a.date_naissance),
      sex: sexOf(a.sexe),
      birthplace: null,
      birthcountry: null,
    }))
  return [requester, ...others]
}

/** Score of one user against one person of the dossier (0 = not a candidate). */
function scorePerson(user: EditorUser, p: Person): MatchCandidate {
  const reasons: string[] = []
  let score = 0

  // Names (35): birth name vs usage name, either way; compound names partly.
  const uBirth = compact(user.nom_naissance)
  const uUsage = compact(user.nom_usage)
  const pBirth = compact(p.birthName)
  const pUsage = compact(p.usageName)
  if (uBirth && uBirth === pBirth) {
    score += 35
    reasons.push('nom de naissance identique')
  } else if (uUsage && pUsage && uUsage === pUsage) {
    score += 30
    reasons.push('nom d’usage identique')
  } else if ((uBirth && uBirth === pUsage) || (uUsage && uUsage === pBirth)) {
    score += 30
    reasons.push('nom d’usage de l’un = nom de naissance de l’autre')
  } else {
    const tokens = (s: string | null | undefined) => givenNameTokens(s ?? '')
    const userNames = new Set([...tokens(user.nom_naissance), ...tokens(user.nom_usage)])
    const personNames = [...tokens(p.birthName), ...tokens(p.usageName)]
    if (personNames.some((t) => t.length > 2 && userNames.has(t))) {
      score += 20
      reasons.push('nom composé en partie commun')
    } else return { userId: user.id, score: 0, reasons: ['nom différent'] }
  }

  // Given names (25): all, the first one, or one in common.
  const uGiven = givenNameTokens(user.prenoms)
  const pGiven = givenNameTokens(p.givenNames)
  if (uGiven.length > 0 && uGiven.join('') === pGiven.join('')) {
    score += 25
    reasons.push('prénoms identiques')
  } else if (firstGivenName(user.prenoms) && firstGivenName(user.prenoms) === firstGivenName(p.givenNames)) {
    const [shorter, longer] = uGiven.length <= pGiven.length ? [uGiven, pGiven] : [pGiven, uGiven]
    const included = shorter.every((t) => longer.includes(t))
    score += included ? 25 : 20
    reasons.push(
      included ? 'premier prénom identique, autres prénoms compatibles' : 'premier prénom identique',
    )
  } else if (uGiven.some((t) => pGiven.includes(t))) {
    score += 10
    reasons.push('un prénom en commun (pas le premier)')
  } else reasons.push('prénoms différents')

  // Birth date (25): partial dates compare on what both know.
  const date = compareBirthDates(parseBirthDate(user.date_naissance), p.date)
  if (date === 'different')
    return { userId: user.id, score: 0, reasons: [...reasons, 'date de naissance différente'] }
  if (date === 'equal') {
    score += 25
    reasons.push('date de naissance identique')
  } else if (date === 'compatible') {
    score += 15
    reasons.push('date de naissance partielle compatible')
  } else reasons.push('date de naissance inconnue')

  // Sex (10).
  const uSex = sexOf(user.sexe)
  if (uSex && p.sex) {
    if (uSex === p.sex) {
      score += 10
      reasons.push('sexe identique')
    } else {
      score -= 20
      reasons.push('sexe différent')
    }
  }

  // Birth place (5).
  const uPlace = (user.commune_naissance ?? '').trim().toUpperCase()
  const uCountry = (user.pays_naissance ?? '').trim()
  if (uPlace && p.birthplace) {
    if (uPlace === p.birthplace.toUpperCase()) {
      score += 5
      reasons.push('commune de naissance identique')
    } else {
      score -= 10
      reasons.push('commune de naissance différente')
    }
  } else if (uCountry && p.birthcountry && uCountry !== p.birthcountry) {
    score -= 10
    reasons.push('pays de naissance différent')
  }

  if (p.role === 'allocataire') {
    score -= 15
    reasons.push('correspond à un autre allocataire du foyer, pas au demandeur')
  }
  return { userId: user.id, score: Math.max(0, Math.min(100, score)), reasons }
}

/** The best score over the dossier's persons; on a tie (0 included), the requester's, with its reasons. */
function scoreUser(user: EditorUser, persons: Person[]): MatchCandidate {
  let best: MatchCandidate | undefined
  for (const p of persons) {
    const c = scorePerson(user, p)
    if (!best || c.score > best.score) best = c
  }
  return best ?? { userId: user.id, score: 0, reasons: [] }
}

/**
 * Matches a dossier to one of the editor's users: by `external_id` first, else by identity with a
 * score (0–100) and its reasons. Two candidates within the margin are reported as ambiguous, never
 * merged.
 */
export async function reconcile(
  dossier: FormulaireQfDocument | NormalizedDossier,
  users: UserSource,
  options: ReconcileOptions = {},
): Promise<ReconcileResult> {
  const matchThreshold = options.matchThreshold ?? 70
  const candidateThreshold = options.candidateThreshold ?? 40
  const margin = options.ambiguityMargin ?? 10
  const persons = personsOf(dossier)
  const externalId = dossier.external_id?.trim() || null
  const list =
    typeof users === 'function'
      ? await users({ externalId, birthNames: [...new Set(persons.map((p) => p.birthName))] })
      : users

  const candidatesAmong = (among: readonly EditorUser[]) =>
    among
      .map((u) => scoreUser(u, persons))
      .filter((c) => c.score >= candidateThreshold)
      .sort((a, b) => b.score - a.score || a.userId.localeCompare(b.userId))

  if (externalId) {
    const byId = list.find((u) => u.id === externalId)
    if (byId) {
      // The link's id decides, unless the identity contradicts that user: below the candidates'
      // threshold (another name, another birth date…), the dossier is not that user's.
      const check = scoreUser(byId, persons)
      const account = { ...check, reasons: ['external_id', ...check.reasons] }
      if (check.score >= candidateThreshold)
        return {
          status: 'matched',
          userId: byId.id,
          by: 'external_id',
          score: 100,
          reason: 'external_id du lien',
          candidates: [{ ...account, score: 100 }],
        }
      return {
        status: 'identity_mismatch',
        userId: byId.id,
        by: 'external_id',
        reason:
          `l’identité du dossier ne correspond pas à l’usager ${byId.id} que désigne l’external_id du lien ` +
          `(${check.reasons.join(', ')}) : à vérifier à la main, ne pas enregistrer ce QF sur ce compte`,
        candidates: [account, ...candidatesAmong(list.filter((u) => u !== byId))],
      }
    }
  }

  const candidates = candidatesAmong(list)
  const unknownId = externalId ? `external_id « ${externalId} » inconnu ; ` : ''
  const [top, second] = candidates
  if (!top || top.score < matchThreshold)
    return {
      status: 'unmatched',
      reason: `${unknownId}${top ? `meilleur score ${top.score} < ${matchThreshold} : à vérifier` : 'aucun usager proche'}`,
      candidates,
    }
  if (second && second.score >= matchThreshold && top.score - second.score < margin)
    return {
      status: 'ambiguous',
      reason: `${unknownId}${candidates.filter((c) => top.score - c.score < margin).length} usagers de scores proches (${top.score} et ${second.score}) : rapprochement manuel nécessaire`,
      candidates,
    }
  return {
    status: 'matched',
    userId: top.userId,
    by: 'identity',
    score: top.score,
    reason: `${unknownId}identité : ${top.reasons.join(', ')}`,
    candidates,
  }
}
