import { fileURLToPath } from 'node:url'
import { OpenApiValidator } from './openapi-validator.js'

const specPath = (name: string) => fileURLToPath(new URL(`../../specs/${name}`, import.meta.url))

export const teledossiersSpec = OpenApiValidator.load(specPath('hubee-teledossiers-v1.2.7.openapi.yaml'))
export const referentialSpec = OpenApiValidator.load(specPath('hubee-referential-v1.2.3.openapi.yaml'))

export interface HubeeAnswer {
  status: number
  headers: Headers
  /** Parsed JSON, or undefined for an empty body. */
  json: unknown
  bytes: Buffer
}

export interface CallOptions {
  json?: unknown
  bytes?: Buffer
  headers?: Record<string, string>
  /** Check the request body against the spec (default true; off for deliberately wrong requests). */
  validateRequest?: boolean
}

/**
 * A test client of the HubEE stand-in: every answer of a documented operation is checked against the
 * official spec (status documented, JSON body valid), and so is every JSON request body by default.
 */
export class HubeeTestClient {
  constructor(private readonly baseUrl: string) {}

  async tokenResponse(clientId: string, clientSecret: string, scope: string): Promise<Response> {
    return fetch(`${this.baseUrl}/hubee-auth/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope }).toString(),
    })
  }

  async token(clientId: string, clientSecret: string, scope: string): Promise<string> {
    const response = await this.tokenResponse(clientId, clientSecret, scope)
    const body = (await response.json()) as { access_token?: string }
    if (response.status !== 200 || !body.access_token) throw new Error(`token refused: ${response.status}`)
    return body.access_token
  }

  /** `path` starts with `/teledossiers/v1` or `/referential/v1`. */
  async call(
    token: string | undefined,
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<HubeeAnswer> {
    const spec = path.startsWith('/teledossiers/v1') ? teledossiersSpec : referentialSpec
    const specPath = path.replace(/^\/(teledossiers|referential)\/v1/, '').split('?')[0] ?? ''
    const documented = spec.hasOperation(method, specPath)
    if (documented && options.json !== undefined && options.validateRequest !== false)
      spec.assertRequest(method, specPath, options.json)
    const headers: Record<string, string> = { ...options.headers }
    if (token) headers.authorization = `Bearer ${token}`
    let body: string | Buffer | undefined
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json'
      body = JSON.stringify(options.json)
    } else if (options.bytes) {
      headers['content-type'] ??= 'application/octet-stream'
      body = options.bytes
    }
    const response = await fetch(`${this.baseUrl}/hubee${path}`, { method, headers, body })
    const bytes = Buffer.from(await response.arrayBuffer())
    const contentType = response.headers.get('content-type') ?? ''
    const json: unknown =
      contentType.includes('json') && bytes.length > 0 ? JSON.parse(bytes.toString('utf8')) : undefined
    // The gateway's own refusals (401/403 with codes 9009xx) are not the API's documented answers.
    const fromGateway =
      response.status === 401 || (response.status === 403 && JSON.stringify(json).includes('9009'))
    if (documented && !fromGateway)
      spec.assertResponse(
        method,
        specPath,
        response.status,
        json ?? (bytes.length > 0 ? bytes : undefined),
        contentType.split(';')[0] || undefined,
      )
    return { status: response.status, headers: response.headers, json, bytes }
  }
}
