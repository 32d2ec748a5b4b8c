import type { FastifyServerOptions } from 'fastify'

/**
 * Never logged: cookies, credentials, and personal data, by the names of the fields that carry them
 * wherever they sit in a logged object (one level down: `{ err }`, `{ user }`…). Not `code`: an
 * error's `code` (ECONNREFUSED, FST_*, a provider's code) is what one debugs with; OAuth codes and
 * states only travel in query strings, and request URLs are logged without their query string.
 */
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.authorization',
  '*.cookie',
  '*.access_token',
  '*.accessToken',
  '*.id_token',
  '*.idToken',
  '*.refresh_token',
  '*.client_secret',
  '*.clientSecret',
  '*.token',
  '*.sessionToken',
  '*.loginCode',
  '*.secret',
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
  '*.personalData',
  '*.rawQuotientFamilial',
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
