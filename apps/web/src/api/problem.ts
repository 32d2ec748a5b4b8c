/** An RFC 9457 "problem details" body, as the API sends with `application/problem+json`. */
export interface ProblemDetails {
  type: string
  title: string
  status: number
  detail?: string
  instance?: string
  [extension: string]: unknown
}

/** Any failed API call: an HTTP error answer (with its problem details) or an unreachable API (status 0). */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem'
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string | undefined
  readonly problem: ProblemDetails

  constructor(problem: ProblemDetails) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title)
    this.problem = problem
    this.type = problem.type
    this.title = problem.title
    this.status = problem.status
    this.detail = problem.detail
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Reads a problem+json body; missing or malformed members fall back to the HTTP status line, as
 * RFC 9457 allows (`type` defaults to "about:blank").
 */
export function toProblemDetails(body: unknown, status: number, statusText: string): ProblemDetails {
  const fields = isRecord(body) ? body : {}
  return {
    ...fields,
    type: typeof fields.type === 'string' ? fields.type : 'about:blank',
    title: typeof fields.title === 'string' ? fields.title : statusText || `HTTP ${status}`,
    status: typeof fields.status === 'number' ? fields.status : status,
    ...(typeof fields.detail === 'string' ? { detail: fields.detail } : {}),
    ...(typeof fields.instance === 'string' ? { instance: fields.instance } : {}),
  }
}
