import { vi } from 'vitest'

export interface RecordedCall {
  method: string
  path: string
  body: unknown
}

export interface CannedAnswer {
  status: number
  body?: unknown
}

/** "METHOD /path" → the answer; an unlisted call gets a 404 problem. */
export type CannedApi = Record<string, CannedAnswer>

function jsonResponse({ status, body }: CannedAnswer): Response {
  if (body === undefined) return new Response(null, { status })
  const contentType = status >= 400 ? 'application/problem+json' : 'application/json'
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } })
}

/** Replaces globalThis.fetch (which the API client calls) with canned answers; undo with vi.unstubAllGlobals(). */
export function stubApi(api: CannedApi): RecordedCall[] {
  const calls: RecordedCall[] = []
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost')
    const method = init?.method ?? 'GET'
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined
    calls.push({ method, path: `${url.pathname}${url.search}`, body })
    const answer = api[`${method} ${url.pathname}`] ?? {
      status: 404,
      body: { type: 'about:blank', title: 'Not Found', status: 404 },
    }
    return Promise.resolve(jsonResponse(answer))
  })
  return calls
}
