/**
 * API Particulier caches successful answers (24 h at the real one; shorter here): an identical call
 * answers from the cache with `X-Response-Cached: true`, unless it sends `Cache-Control: no-cache`.
 */
export class ResponseCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>()
  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): { value: T; expiresInSeconds: number } | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    const left = entry.expiresAt - this.now()
    if (left <= 0) {
      this.entries.delete(key)
      return undefined
    }
    return { value: entry.value, expiresInSeconds: Math.ceil(left / 1000) }
  }

  set(key: string, value: T): number {
    if (this.entries.size > 10_000) this.entries.clear()
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs })
    return Math.ceil(this.ttlMs / 1000)
  }
}
