import { ApiProblem, toProblemDetails } from './problem.js'

export { ApiProblem, toApiProblem, type ProblemDetails } from './problem.js'

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Sent as JSON. */
  body?: unknown
  headers?: Record<string, string>
  signal?: AbortSignal
}

export interface ApiClientOptions {
  /** Origin (and optional path prefix) of the API; empty for the SPA's own origin. */
  baseUrl?: string
  fetch?: typeof fetch
}

export interface ApiClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>
}

function isJson(contentType: string | null, subtype: 'json' | 'problem+json'): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase()
  return mediaType === `application/${subtype}`
}

async function readBody(response: Response): Promise<unknown> {
  const contentType = response.headers.get('content-type')
  if (isJson(contentType, 'json') || isJson(contentType, 'problem+json')) return response.json()
  return response.text()
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? ''
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init))

  return {
    async request<T>(path: string, { method = 'GET', body, headers, signal }: RequestOptions = {}) {
      let response: Response
      try {
        response = await fetchImpl(`${baseUrl}${path}`, {
          method,
          credentials: 'include',
          headers: {
            accept: 'application/json, application/problem+json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          ...(signal ? { signal } : {}),
        })
      } catch (error) {
        if (signal?.aborted) throw error
        throw new ApiProblem({
          type: 'about:blank',
          title: 'Service injoignable',
          status: 0,
          detail: 'Le service ne répond pas. Vérifiez votre connexion à Internet puis réessayez.',
        })
      }

      if (!response.ok) {
        const problemBody = await readBody(response).catch(() => undefined)
        throw new ApiProblem(toProblemDetails(problemBody, response.status, response.statusText))
      }
      if (response.status === 204) return undefined as T
      return (await readBody(response)) as T
    },
  }
}

/** The client every view uses: same origin unless VITE_API_URL says otherwise. */
export const api = createApiClient({ baseUrl: import.meta.env.VITE_API_URL ?? '' })

export function request<T>(path: string, options?: RequestOptions): Promise<T> {
  return api.request<T>(path, options)
}
