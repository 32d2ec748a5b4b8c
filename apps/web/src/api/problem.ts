import type { InvalidParam, Problem } from '@qf/contracts'

/**
 * An RFC 9457 problem as views receive it: the API's `Problem` (application/problem+json), or one the
 * client fills in from the status line when the answer was something else (a proxy's HTML 502) or when
 * the API could not be reached (status 0). Only the API's own problems carry `instance` (the request id).
 */
export type ProblemDetails = Omit<Problem, 'instance' | 'status'> & { status: number; instance?: string }

/** Any failed API call: an HTTP error answer (with its problem details) or an unreachable API (status 0). */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem'
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string | undefined
  /** Stable short code (`Problem.code`), when the API gave one. */
  readonly code: string | undefined
  /** The invalid fields of a validation problem. */
  readonly errors: InvalidParam[]
  readonly problem: ProblemDetails

  constructor(problem: ProblemDetails) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title)
    this.problem = problem
    this.type = problem.type
    this.title = problem.title
    this.status = problem.status
    this.detail = problem.detail
    this.code = problem.code
    this.errors = problem.errors ?? []
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isInvalidParam(value: unknown): value is InvalidParam {
  return isRecord(value) && typeof value.name === 'string' && typeof value.reason === 'string'
}

/**
 * Reads a problem+json body; missing or malformed members fall back to the HTTP status line, as
 * RFC 9457 allows (`type` defaults to "about:blank").
 */
export function toProblemDetails(body: unknown, status: number, statusText: string): ProblemDetails {
  const fields = isRecord(body) ? body : {}
  return {
    type: typeof fields.type === 'string' ? fields.type : 'about:blank',
    title: typeof fields.title === 'string' ? fields.title : statusText || `HTTP ${status}`,
    status: typeof fields.status === 'number' ? fields.status : status,
    ...(typeof fields.detail === 'string' ? { detail: fields.detail } : {}),
    ...(typeof fields.instance === 'string' ? { instance: fields.instance } : {}),
    ...(typeof fields.code === 'string' ? { code: fields.code } : {}),
    ...(Array.isArray(fields.errors) ? { errors: fields.errors.filter(isInvalidParam) } : {}),
  }
}

/** What a view shows for any failure: the ApiProblem itself, or a status-0 one for anything else thrown. */
export function toApiProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error
  return new ApiProblem({
    type: 'about:blank',
    title: 'Erreur inattendue',
    status: 0,
    detail: 'Une erreur inattendue est survenue. Veuillez réessayer.',
  })
}
