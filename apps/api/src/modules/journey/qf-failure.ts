import type { JourneyErrorCode } from '@qf/contracts'
import type { QuotientFamilialFailureKind } from '../../ports/quotient-familial-provider.js'

/** The provider's failure kind → the stable code of the citizen's error page (and its message). */
export const journeyCodeForQfFailure = {
  not_found: 'qf_not_found',
  cnaf_file_not_found: 'qf_cnaf_file_not_found',
  msa_file_not_found: 'qf_msa_file_not_found',
  file_not_found: 'qf_file_not_found',
  token_expired: 'qf_token_rejected',
  token_invalid: 'qf_token_rejected',
  scope_missing: 'qf_scope_missing',
  bad_request: 'qf_invalid_request',
  rate_limited: 'qf_rate_limited',
  provider_error: 'qf_provider_error',
  provider_unavailable: 'qf_provider_unavailable',
} as const satisfies Record<QuotientFamilialFailureKind, JourneyErrorCode>
