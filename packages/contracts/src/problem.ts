import { Type, type Static } from '@sinclair/typebox'

/**
 * The stable `type` URIs of every problem the API answers (RFC 9457). Clients switch on these,
 * never on `title` or `detail`: they are part of the public contract.
 */
export const problemTypes = {
  validation: 'urn:qf:problem:validation',
  invalidBody: 'urn:qf:problem:invalid-body',
  badRequest: 'urn:qf:problem:bad-request',
  badUrl: 'urn:qf:problem:bad-url',
  uriTooLong: 'urn:qf:problem:uri-too-long',
  requestTimeout: 'urn:qf:problem:request-timeout',
  headersTooLarge: 'urn:qf:problem:headers-too-large',
  notFound: 'urn:qf:problem:not-found',
  methodNotAllowed: 'urn:qf:problem:method-not-allowed',
  unsupportedMediaType: 'urn:qf:problem:unsupported-media-type',
  payloadTooLarge: 'urn:qf:problem:payload-too-large',
  tooManyRequests: 'urn:qf:problem:too-many-requests',
  forbiddenOrigin: 'urn:qf:problem:forbidden-origin',
  unauthorized: 'urn:qf:problem:unauthorized',
  internal: 'urn:qf:problem:internal',
  unavailable: 'urn:qf:problem:unavailable',
  collectivityNotFound: 'urn:qf:problem:collectivity-not-found',
  /** Known collectivity that does not (yet, or any more) receive dossiers; `code` says which. */
  collectivityNotOffered: 'urn:qf:problem:collectivity-not-offered',
  invalidRedirectUri: 'urn:qf:problem:invalid-redirect-uri',
  invalidFrontendUrl: 'urn:qf:problem:invalid-frontend-url',
  sessionMissing: 'urn:qf:problem:session-missing',
  sessionExpired: 'urn:qf:problem:session-expired',
  invalidLoginCode: 'urn:qf:problem:invalid-login-code',
  sessionAlreadyAuthenticated: 'urn:qf:problem:session-already-authenticated',
  identityProviderUnavailable: 'urn:qf:problem:identity-provider-unavailable',
  submissionNotAllowed: 'urn:qf:problem:submission-not-allowed',
  submissionNotFound: 'urn:qf:problem:submission-not-found',
  invalidWebhookUrl: 'urn:qf:problem:invalid-webhook-url',
  webhookEndpointNotFound: 'urn:qf:problem:webhook-endpoint-not-found',
  // registry, admin API, onboarding, QF lookup by identity
  forbidden: 'urn:qf:problem:forbidden',
  apiKeyInvalid: 'urn:qf:problem:api-key-invalid',
  collectivityExists: 'urn:qf:problem:collectivity-exists',
  /** The collectivity's lifecycle does not allow this change from its current state (ADR 0024). */
  lifecycleTransitionRefused: 'urn:qf:problem:lifecycle-transition-refused',
  onboardingNotFound: 'urn:qf:problem:onboarding-not-found',
  importInvalid: 'urn:qf:problem:import-invalid',
  tokenExpiryInvalid: 'urn:qf:problem:token-expiry-invalid',
  webhookSignatureInvalid: 'urn:qf:problem:webhook-signature-invalid',
  apiParticulierTokenMissing: 'urn:qf:problem:api-particulier-token-missing',
  apiParticulierTokenExpired: 'urn:qf:problem:api-particulier-token-expired',
  apiParticulierTokenRefused: 'urn:qf:problem:api-particulier-token-refused',
  quotientFamilialNotFound: 'urn:qf:problem:quotient-familial-not-found',
  identityRejected: 'urn:qf:problem:identity-rejected',
  quotientFamilialRateLimited: 'urn:qf:problem:quotient-familial-rate-limited',
  quotientFamilialProviderError: 'urn:qf:problem:quotient-familial-provider-error',
  quotientFamilialUnavailable: 'urn:qf:problem:quotient-familial-unavailable',
} as const

export type ProblemType = (typeof problemTypes)[keyof typeof problemTypes]

export const InvalidParam = Type.Object(
  {
    name: Type.String({
      description: 'Where the bad value is: `body.externalId`, `query.q`, `params.siret`…',
    }),
    reason: Type.String({ description: 'What is wrong with it, in French.' }),
  },
  { $id: 'InvalidParam' },
)
export type InvalidParam = Static<typeof InvalidParam>

export const Problem = Type.Object(
  {
    type: Type.String({ description: 'Stable identifier of the kind of problem (`urn:qf:problem:…`).' }),
    title: Type.String({ description: 'Short French summary of the kind of problem.' }),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.Optional(Type.String({ description: 'French explanation of this occurrence.' })),
    instance: Type.String({ description: 'The request id, to give to support.' }),
    code: Type.Optional(Type.String({ description: 'Stable short code, e.g. for the citizen error page.' })),
    errors: Type.Optional(
      Type.Array(InvalidParam, { description: 'The invalid fields of a validation problem.' }),
    ),
  },
  {
    $id: 'Problem',
    description: 'An error, as `application/problem+json` (RFC 9457).',
    examples: [
      {
        type: problemTypes.validation,
        title: 'Requête invalide',
        status: 422,
        detail: 'Certaines valeurs envoyées ne sont pas valides.',
        instance: 'req-1',
        errors: [{ name: 'body.siret', reason: 'doit comporter 14 chiffres' }],
      },
    ],
  },
)
export type Problem = Static<typeof Problem>

/** The schemas of this module that OpenAPI shares by reference (`$id`). */
export const problemSchemas = [InvalidParam, Problem]

/**
 * The `code` of a `collectivity-not-offered` problem: the collectivity is known but is not (yet)
 * receiving dossiers (onboarding under way, awaiting HubEE activation), or no longer is (suspended,
 * closed, DataPass authorization revoked). The SPA shows a page of its own for each.
 */
export const collectivityNotOfferedCodes = ['not_yet_offered', 'no_longer_offered'] as const
export type CollectivityNotOfferedCode = (typeof collectivityNotOfferedCodes)[number]
