import { problemTypes, type InvalidParam } from '@qf/contracts'

/**
 * The one error catalog: every error the API answers on purpose. Modules add their entries here
 * (a stable `type`, a status, a French title); the error handler turns an AppError into problem+json.
 */
export const errorCatalog = {
  validation: { type: problemTypes.validation, status: 422, title: 'Requête invalide' },
  invalidBody: { type: problemTypes.invalidBody, status: 400, title: 'Corps de requête illisible' },
  badRequest: { type: problemTypes.badRequest, status: 400, title: 'Requête HTTP mal formée' },
  badUrl: { type: problemTypes.badUrl, status: 400, title: 'Adresse mal encodée' },
  uriTooLong: { type: problemTypes.uriTooLong, status: 414, title: 'Adresse trop longue' },
  requestTimeout: { type: problemTypes.requestTimeout, status: 408, title: 'Requête trop lente' },
  headersTooLarge: {
    type: problemTypes.headersTooLarge,
    status: 431,
    title: 'En-têtes de requête trop volumineux',
  },
  notFound: { type: problemTypes.notFound, status: 404, title: 'Ressource introuvable' },
  methodNotAllowed: { type: problemTypes.methodNotAllowed, status: 405, title: 'Méthode non autorisée' },
  unsupportedMediaType: {
    type: problemTypes.unsupportedMediaType,
    status: 415,
    title: 'Type de contenu non pris en charge',
  },
  payloadTooLarge: { type: problemTypes.payloadTooLarge, status: 413, title: 'Requête trop volumineuse' },
  tooManyRequests: { type: problemTypes.tooManyRequests, status: 429, title: 'Trop de requêtes' },
  forbiddenOrigin: { type: problemTypes.forbiddenOrigin, status: 403, title: 'Origine non autorisée' },
  unauthorized: { type: problemTypes.unauthorized, status: 401, title: 'Authentification requise' },
  internal: { type: problemTypes.internal, status: 500, title: 'Erreur interne' },
  unavailable: { type: problemTypes.unavailable, status: 503, title: 'Service momentanément indisponible' },
  collectivityNotFound: {
    type: problemTypes.collectivityNotFound,
    status: 404,
    title: 'Collectivité introuvable',
  },
  /** `code`: `not_yet_offered` or `no_longer_offered` (`collectivityNotOfferedCodes`). */
  collectivityNotOffered: {
    type: problemTypes.collectivityNotOffered,
    status: 404,
    title: 'Cette collectivité ne propose pas ce service',
  },
  invalidRedirectUri: {
    type: problemTypes.invalidRedirectUri,
    status: 422,
    title: 'Adresse de retour non autorisée',
  },
  invalidFrontendUrl: { type: problemTypes.invalidFrontendUrl, status: 422, title: 'Front-end non autorisé' },
  sessionMissing: { type: problemTypes.sessionMissing, status: 401, title: 'Aucune session en cours' },
  sessionExpired: { type: problemTypes.sessionExpired, status: 401, title: 'Session expirée' },
  invalidLoginCode: { type: problemTypes.invalidLoginCode, status: 401, title: 'Code de connexion invalide' },
  sessionAlreadyAuthenticated: {
    type: problemTypes.sessionAlreadyAuthenticated,
    status: 409,
    title: 'Connexion déjà faite',
  },
  identityProviderUnavailable: {
    type: problemTypes.identityProviderUnavailable,
    status: 503,
    title: 'FranceConnect est momentanément indisponible',
  },
  submissionNotAllowed: {
    type: problemTypes.submissionNotAllowed,
    status: 409,
    title: 'Envoi impossible à ce stade du parcours',
  },
  submissionNotFound: { type: problemTypes.submissionNotFound, status: 404, title: 'Envoi introuvable' },
  invalidWebhookUrl: {
    type: problemTypes.invalidWebhookUrl,
    status: 422,
    title: 'Adresse de webhook refusée',
  },
  webhookEndpointNotFound: {
    type: problemTypes.webhookEndpointNotFound,
    status: 404,
    title: 'Aucun webhook configuré',
  },
  // registry, admin API, onboarding, QF lookup by identity
  forbidden: { type: problemTypes.forbidden, status: 403, title: 'Accès refusé' },
  apiKeyInvalid: { type: problemTypes.apiKeyInvalid, status: 401, title: 'Clé d’API absente ou invalide' },
  collectivityExists: {
    type: problemTypes.collectivityExists,
    status: 409,
    title: 'Cette collectivité existe déjà',
  },
  lifecycleTransitionRefused: {
    type: problemTypes.lifecycleTransitionRefused,
    status: 409,
    title: 'Changement d’état refusé',
  },
  onboardingNotFound: { type: problemTypes.onboardingNotFound, status: 404, title: 'Embarquement inconnu' },
  importInvalid: { type: problemTypes.importInvalid, status: 422, title: 'Import refusé' },
  tokenExpiryInvalid: {
    type: problemTypes.tokenExpiryInvalid,
    status: 422,
    title: 'Date d’expiration du jeton invalide',
  },
  webhookSignatureInvalid: {
    type: problemTypes.webhookSignatureInvalid,
    status: 401,
    title: 'Signature du webhook invalide',
  },
  apiParticulierTokenMissing: {
    type: problemTypes.apiParticulierTokenMissing,
    status: 409,
    title: 'Aucun jeton API Particulier pour cette collectivité',
  },
  apiParticulierTokenExpired: {
    type: problemTypes.apiParticulierTokenExpired,
    status: 409,
    title: 'Jeton API Particulier de la collectivité expiré',
  },
  apiParticulierTokenRefused: {
    type: problemTypes.apiParticulierTokenRefused,
    status: 409,
    title: 'Jeton API Particulier de la collectivité refusé',
  },
  quotientFamilialNotFound: {
    type: problemTypes.quotientFamilialNotFound,
    status: 404,
    title: 'Aucun quotient familial pour cette personne',
  },
  identityRejected: { type: problemTypes.identityRejected, status: 422, title: 'Identité refusée' },
  quotientFamilialRateLimited: {
    type: problemTypes.quotientFamilialRateLimited,
    status: 429,
    title: 'Trop de demandes pour ce jeton API Particulier',
  },
  quotientFamilialProviderError: {
    type: problemTypes.quotientFamilialProviderError,
    status: 502,
    title: 'Réponse invalide du fournisseur de données',
  },
  quotientFamilialUnavailable: {
    type: problemTypes.quotientFamilialUnavailable,
    status: 503,
    title: 'API Particulier ou la CAF/MSA est momentanément indisponible',
  },
} as const satisfies Record<string, { type: string; status: number; title: string }>

export type ErrorKey = keyof typeof errorCatalog

export class AppError extends Error {
  readonly key: ErrorKey
  readonly detail: string | undefined
  readonly errors: InvalidParam[] | undefined
  readonly code: string | undefined
  readonly headers: Record<string, string> | undefined

  constructor(
    key: ErrorKey,
    options: {
      detail?: string
      errors?: InvalidParam[]
      code?: string
      headers?: Record<string, string>
      cause?: unknown
    } = {},
  ) {
    super(options.detail ?? errorCatalog[key].title, { cause: options.cause })
    this.name = 'AppError'
    this.key = key
    this.detail = options.detail
    this.errors = options.errors
    this.code = options.code
    this.headers = options.headers
  }

  get status(): number {
    return errorCatalog[this.key].status
  }
}
