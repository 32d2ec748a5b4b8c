/** An API Particulier error item, as in the v3 spec. */
export interface ApiError {
  code: string
  title: string
  detail: string
  source: { parameter: string } | null
  meta: Record<string, unknown>
}

export interface ErrorAnswer {
  status: number
  body: { errors: ApiError[] }
}

const answer = (status: number, ...errors: ApiError[]): ErrorAnswer => ({ status, body: { errors } })

export const invalidToken = () =>
  answer(401, {
    code: '00101',
    title: 'Interdit',
    detail: "Votre token n'est pas valide ou n'est pas renseigné",
    source: { parameter: 'token' },
    meta: {},
  })

export const expiredToken = () =>
  answer(401, {
    code: '00103',
    title: 'Jeton expiré',
    detail: 'Votre token est expiré. Vous devez refaire une demande',
    source: { parameter: 'token' },
    meta: {},
  })

export const insufficientPrivileges = () =>
  answer(403, {
    code: '00100',
    title: 'Privilèges insuffisants',
    detail:
      'Votre token est valide mais vos privilèges sont insuffisants. Listez vos privilèges sur /api/introspect',
    source: { parameter: 'token' },
    meta: {},
  })

export const tooManyRequests = () =>
  answer(429, {
    code: '00429',
    title: 'Trop de requêtes',
    detail: 'Vous avez effectué trop de requêtes',
    source: null,
    meta: {},
  })

export const notReferenced = () =>
  answer(404, {
    code: '35003',
    title: 'Allocataire non référencé',
    detail: "L'allocataire n'est pas référencé auprès des caisses éligibles",
    source: null,
    meta: { provider: 'CNAF & MSA' },
  })

export const networkError = () =>
  answer(504, {
    code: '00501',
    title: 'Erreur réseau',
    detail:
      "Problème de connexion au serveur distant. L'erreur peut venir soit du fournisseur, soit de API Entreprise. Il s'agit souvent d'une erreur temporaire.",
    source: null,
    meta: { retry_in: 10 },
  })

export const notFound = () =>
  answer(404, {
    code: '00404',
    title: 'Ressource introuvable',
    detail: "Cette adresse n'existe pas sur API Particulier",
    source: null,
    meta: {},
  })

/** An editor token with several delegations and no `delegation_id` (or `X-Delegation-Id`). */
export const ambiguousDelegation = () =>
  answer(422, {
    code: '00212',
    title: 'Délégation ambiguë',
    detail:
      "Ce jeton éditeur porte plusieurs délégations : précisez celle de la collectivité avec le paramètre delegation_id (ou l'en-tête X-Delegation-Id)",
    source: { parameter: 'delegation_id' },
    meta: {},
  })

/** An editor token without a delegation of this collectivity (unknown `delegation_id`, or another `recipient`). */
export const notDelegated = () =>
  answer(403, {
    code: '00213',
    title: 'Délégation absente',
    detail:
      "Ce jeton éditeur n'a pas de délégation de cette collectivité pour ces données. Listez vos délégations sur /editeur/api/v1/delegations",
    source: { parameter: 'delegation_id' },
    meta: {},
  })

/** 422 item for one bad parameter. */
export function invalidParameter(parameter: string, detail: string, code = '00366'): ApiError {
  return { code, title: 'Entité non traitable', detail, source: { parameter }, meta: {} }
}

export const unprocessable = (errors: ApiError[]) => answer(422, ...errors)
