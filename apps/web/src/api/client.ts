import createClient, { type Client } from 'openapi-fetch'
import type { paths } from './openapi.gen.js'
import { ApiProblem, toProblemDetails } from './problem.js'

export { ApiProblem, toApiProblem, type ProblemDetails } from './problem.js'

/** The API as its OpenAPI document describes it: paths, parameters, bodies and answers are typed. */
export type ApiClient = Client<paths>

export interface ApiClientOptions {
  /** Origin (and optional path prefix) of the API; empty for the SPA's own origin. */
  baseUrl?: string
  fetch?: typeof fetch
}

const unreachable = () =>
  new ApiProblem({
    type: 'about:blank',
    title: 'Service injoignable',
    status: 0,
    detail: 'Le service ne répond pas. Vérifiez votre connexion à Internet puis réessayez.',
  })

/**
 * A typed client (openapi-fetch over the types generated from openapi.yaml) that sends the cookies
 * and turns an unreachable API into an ApiProblem with status 0.
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  return createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    credentials: 'include',
    headers: { accept: 'application/json, application/problem+json' },
    fetch: async (request: Request) => {
      try {
        return await fetchImpl(request)
      } catch (error) {
        if (request.signal.aborted) throw error
        throw unreachable()
      }
    },
  })
}

/** What openapi-fetch resolves to: the typed data on success, the parsed error body otherwise. */
interface Outcome<Data> {
  data?: Data
  error?: unknown
  response: Response
}

/**
 * The answer's data, or an ApiProblem (from the problem+json body, else from the status line).
 * A success whose body is unreadable (a proxy's HTML page) is reported as an unreachable service.
 */
export async function answer<Data>(call: Promise<Outcome<Data>>): Promise<Data> {
  let outcome: Outcome<Data>
  try {
    outcome = await call
  } catch (error) {
    if (error instanceof ApiProblem || (error instanceof DOMException && error.name === 'AbortError'))
      throw error
    throw unreachable()
  }
  const { data, error, response } = outcome
  if (!response.ok) throw new ApiProblem(toProblemDetails(error, response.status, response.statusText))
  if (data === undefined) throw unreachable()
  return data
}

/** The client every view uses: same origin unless VITE_API_URL says otherwise. */
export const api = createApiClient({ baseUrl: import.meta.env.VITE_API_URL ?? '' })
