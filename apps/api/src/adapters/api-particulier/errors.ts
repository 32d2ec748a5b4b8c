import type { JourneyErrorCode } from '@qf/contracts'

/** API Particulier error (HTTP status + `errors[0].code`) → the journey's stable code. */
export function journeyCodeFor(status: number, providerCode: string | null): JourneyErrorCode {
  switch (providerCode) {
    case '35003':
      return 'qf_not_found'
    case '23003':
      return 'qf_cnaf_file_not_found'
    case '10003':
      return 'qf_msa_file_not_found'
    case '37003':
      return 'qf_file_not_found'
    case '00101':
    case '00103':
      return 'qf_token_rejected'
    case '00100':
      return 'qf_scope_missing'
    case '00429':
      return 'qf_rate_limited'
    case '37999':
      return 'qf_provider_error'
    case '37001':
    case '37002':
    case '00501':
      return 'qf_provider_unavailable'
  }
  if (status === 404) return 'qf_not_found'
  if (status === 401) return 'qf_token_rejected'
  if (status === 403) return 'qf_scope_missing'
  if (status === 400 || status === 422) return 'qf_invalid_request'
  if (status === 429) return 'qf_rate_limited'
  if (status === 502) return 'qf_provider_error'
  return 'qf_provider_unavailable'
}

/** Worth another try: the provider is down or overloaded on its side (never 4xx, never 429). */
export const isRetryable = (status: number) => status >= 500
