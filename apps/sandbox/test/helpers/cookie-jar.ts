/** A tiny browser-like cookie store for driving redirects by hand (names only, paths ignored). */
export class CookieJar {
  private readonly cookies = new Map<string, string>()

  /** Stores the `Set-Cookie` headers of a response (an empty value or a past expiry deletes). */
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const eq = pair.indexOf('=')
      if (eq <= 0) continue
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = attributes.some((a) => {
        const [k, v] = a.split('=')
        return k?.trim().toLowerCase() === 'expires' && v !== undefined && Date.parse(v) < Date.now()
      })
      if (!value || expired) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  /** fetch with the jar's cookies, no automatic redirect; stores the answer's cookies. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    const cookie = this.header()
    if (cookie) headers.set('cookie', cookie)
    const response = await fetch(url, { ...init, headers, redirect: 'manual' })
    this.store(response)
    return response
  }
}
