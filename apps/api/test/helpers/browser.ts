/**
 * A minimal browser for HTTP-level journey tests: one cookie jar for `localhost` (cookies ignore
 * ports, as in a real browser), redirects followed by hand so each hop can be inspected.
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

  private store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';')
      const eq = pair.indexOf('=')
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

  async fetch(url: string | URL, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    let body = init.body
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json')
      body = JSON.stringify(init.json)
    }
    if (this.origin && init.method && init.method !== 'GET' && !headers.has('origin'))
      headers.set('origin', this.origin)
    const res = await fetch(url, { ...init, body, headers, redirect: 'manual' })
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
