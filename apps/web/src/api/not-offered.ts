import type { CollectivityNotOfferedCode, problemTypes } from '@qf/contracts'
import type { ApiProblem } from './problem.js'

/** The catalog's type for a known collectivity that does not receive dossiers (typed against it). */
const notOfferedType: (typeof problemTypes)['collectivityNotOffered'] =
  'urn:qf:problem:collectivity-not-offered'

const codes: Record<CollectivityNotOfferedCode, true> = { not_yet_offered: true, no_longer_offered: true }
const isCode = (code: string | undefined): code is CollectivityNotOfferedCode =>
  code !== undefined && Object.hasOwn(codes, code)

/**
 * For a `collectivity-not-offered` problem, its `code` (`other` for a code this SPA does not know yet);
 * `undefined` for any other problem (unknown SIRET, not a SIRET…).
 */
export function notOfferedCode(problem: ApiProblem): CollectivityNotOfferedCode | 'other' | undefined {
  if (problem.type !== notOfferedType) return undefined
  return isCode(problem.code) ? problem.code : 'other'
}
