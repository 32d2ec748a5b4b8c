import type { QuotientFamilialFailureKind } from '../../ports/quotient-familial-provider.js'

/** API Particulier error (HTTP status + `errors[0].code`) → the port's failure kind. */
export function failureKindFor(status: number, providerCode: string | null): QuotientFamilialFailureKind {
  switch (providerCode) {
    case '35003':
      return 'not_found'
    case '23003':
      return 'cnaf_file_not_found'
    case '10003':
      return 'msa_file_not_found'
    case '37003':
      return 'file_not_found'
    case '00101':
      return 'token_invalid'
    case '00103':
      return 'token_expired'
    case '00100':
    case '00213': // an editor token without a delegation of this collectivity
      return 'scope_missing'
    case '00212': // an editor token with several delegations, none named
      return 'bad_request'
    case '00429':
      return 'rate_limited'
    case '37999':
      return 'provider_error'
    case '37001':
    case '37002':
    case '00501':
      return 'provider_unavailable'
  }
  if (status === 404) return 'not_found'
  if (status === 401) return 'token_invalid'
  if (status === 403) return 'scope_missing'
  if (status === 400 || status === 422) return 'bad_request'
  if (status === 429) return 'rate_limited'
  if (status === 502) return 'provider_error'
  return 'provider_unavailable'
}

/** Worth another try: the provider is down or overloaded on its side (never 4xx, never 429). */
export const isRetryable = (status: number) => status >= 500

/** CNAV `errorCode`s API Particulier forwards in `meta.provider_error_code` (on its 422 `00366`). */
const cnavErrorMeanings: Record<string, string> = {
  '40001': 'la CNAV ne reconnaît pas cette civilité',
}

/**
 * What a forwarded provider code means, in plain French for an agent; the provider's own message
 * (`meta.provider_error_message`) is not repeated: it may echo what was sent.
 */
export function providerErrorMessage(code: string): string {
  const meaning = cnavErrorMeanings[code] ?? 'la CNAV (qui interroge la CAF et la MSA) refuse cette demande'
  return `${meaning} (code ${code}) : vérifiez l’orthographe des nom et prénoms, le sexe et la date de naissance`
}
