/** What a HubEE answer looks like to a test: status, headers, parsed JSON (when JSON) and raw bytes. */
export interface HubeeAnswer {
  status: number
  headers: Headers
  json: unknown
  bytes: Buffer
}

/**
 * A plain HubEE client for tests that act as another party (a collectivity's SI, the referential
 * admin): OAuth2 client credentials and raw calls under `<base>/hubee`. It checks nothing itself; the
 * sandbox's own tests validate the stand-in against the official specs.
 */
export class HubeeClient {
  constructor(private readonly baseUrl: string) {}

  async token(clientId: string, clientSecret: string, scope: string): Promise<string> {
    const response = await fetch(`${this.baseUrl}/hubee-auth/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope }).toString(),
    })
    const body: unknown = await response.json()
    const token =
      typeof body === 'object' && body !== null && 'access_token' in body ? body.access_token : undefined
    if (response.status !== 200 || typeof token !== 'string')
      throw new Error(`token refused: ${response.status}`)
    return token
  }

  /** `path` starts with `/teledossiers/v1` or `/referential/v1`. */
  async call(
    token: string | undefined,
    method: string,
    path: string,
    options: { json?: unknown; bytes?: Buffer; headers?: Record<string, string> } = {},
  ): Promise<HubeeAnswer> {
    const headers: Record<string, string> = { ...options.headers }
    if (token) headers.authorization = `Bearer ${token}`
    let body: string | Uint8Array<ArrayBuffer> | undefined
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json'
      body = JSON.stringify(options.json)
    } else if (options.bytes) {
      headers['content-type'] ??= 'application/octet-stream'
      body = new Uint8Array(options.bytes)
    }
    const response = await fetch(`${this.baseUrl}/hubee${path}`, { method, headers, body })
    const bytes = Buffer.from(await response.arrayBuffer())
    const contentType = response.headers.get('content-type') ?? ''
    const json: unknown =
      contentType.includes('json') && bytes.length > 0 ? JSON.parse(bytes.toString('utf8')) : undefined
    return { status: response.status, headers: response.headers, json, bytes }
  }
}
