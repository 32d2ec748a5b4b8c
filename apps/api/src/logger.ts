import type { FastifyServerOptions } from 'fastify'

/**
 * Never logged: cookies, tokens, and personal data wherever it may sit in a logged object.
 * Request URLs are logged without their query string (it may carry codes, states or identifiers).
 */
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.access_token',
  '*.id_token',
  '*.refresh_token',
  '*.code',
  '*.client_secret',
  '*.token',
  '*.given_name',
  '*.given_name_array',
  '*.family_name',
  '*.birthdate',
  '*.birthplace',
  '*.birthcountry',
  '*.gender',
  '*.nom_naissance',
  '*.nom_usage',
  '*.prenoms',
  '*.date_naissance',
  '*.allocataires',
  '*.enfants',
  '*.adresse',
  '*.quotient_familial',
  '*.identity',
  '*.quotientFamilial',
]

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: {
      req: (req: { id: string; method: string; url: string; ip?: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
    },
  }
}
