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
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    // The typed client passes a Request; read its method and body whatever the caller gave.
    const request =
      input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init)
    const url = new URL(request.url, 'http://localhost')
    const method = request.method
    const text = await request.text()
    const body = text === '' ? undefined : (JSON.parse(text) as unknown)
    calls.push({ method, path: `${url.pathname}${url.search}`, body })
    const answer = api[`${method} ${url.pathname}`] ?? {
      status: 404,
      body: { type: 'about:blank', title: 'Not Found', status: 404 },
    }
    return jsonResponse(answer)
  })
  return calls
}
