/**
 * A minimal browser for HTTP-level tests: one cookie jar (cookies ignore ports, as in a real
 * browser; paths ignored), redirects followed by hand so each hop can be inspected, an `Origin` on
 * state-changing requests like a page of `origin` would send.
 */
export class Browser {
  private readonly cookies = new Map<string, string>()

  constructor(readonly origin?: string) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name)
  }

  setCookie(name: string, value: string) {
    this.cookies.set(name, value)
  }

  /** The `Cookie` header this browser sends. */
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  /** Stores the `Set-Cookie` headers of a response (an empty value, `Max-Age<=0` or a past expiry deletes). */
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';')
      const eq = pair.indexOf('=')
      if (eq <= 0) continue
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = attrs.some((a) => {
        const [k = '', v = ''] = a.trim().split('=')
        return (
          (k.toLowerCase() === 'max-age' && Number(v) <= 0) ||
          (k.toLowerCase() === 'expires' && new Date(v).getTime() < Date.now())
        )
      })
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  /** fetch with this browser's cookies, no automatic redirect; stores the answer's cookies. */
  async fetch(url: string | URL, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.cookies.size) headers.set('cookie', this.header())
    let body = init.body
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json')
      body = JSON.stringify(init.json)
    }
    if (this.origin && init.method && init.method !== 'GET' && !headers.has('origin'))
      headers.set('origin', this.origin)
    const { json: _json, ...rest } = init
    const res = await fetch(url, { ...rest, body, headers, redirect: 'manual' })
    this.store(res)
    return res
  }

  /** GET `url`, then follow redirects while `until` is false; returns the URL it stopped at (not fetched). */
  async follow(url: string | URL, until: (u: URL) => boolean, maxHops = 10): Promise<URL> {
    let current = new URL(url)
    for (let hop = 0; hop < maxHops && !until(current); hop++) {
      const res = await this.fetch(current)
      await res.arrayBuffer()
      const location = res.headers.get('location')
      if (!location) throw new Error(`no redirect from ${current.pathname} (status ${res.status})`)
      current = new URL(location, current)
    }
    if (!until(current)) throw new Error(`stopped at ${current.href}`)
    return current
  }
}
