import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UndiciHubee } from '../src/adapters/hubee/undici-hubee.js'
import { DossierHubError } from '../src/ports/dossier-hub.js'
import { ScriptedServer } from './contracts/scripted-server.js'

const token = { status: 200, body: { access_token: 'tok-1', token_type: 'Bearer', expires_in: 3600 } }
const folder = {
  id: '11111111-1111-4111-8111-111111111111',
  externalId: 'Formulaire-QF-7KQ4MXD9HTCW3',
  globalStatus: 'HUBEE_RECEIVED',
  cases: [
    {
      id: '22222222-2222-4222-8222-222222222222',
      externalId: 'Formulaire-QF-7KQ4MXD9HTCW3-01',
      status: 'HUBEE_RECEIVED',
    },
  ],
  attachments: [
    { id: '33333333-3333-4333-8333-333333333333', fileName: 'FormulaireQF.json', size: 2, status: 'PENDING' },
  ],
}

async function failure(promise: Promise<unknown>): Promise<DossierHubError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof DossierHubError)) throw new Error(`expected a DossierHubError, got ${String(error)}`)
  return error
}

/** The adapter's HTTP behaviour against a scripted server (the sandbox covers the happy paths). */
describe('UndiciHubee: requests and failures', () => {
  let server: ScriptedServer
  let now = 0
  const hubFor = (options: { timeoutMs?: number } = {}) =>
    new UndiciHubee({
      apiUrl: `${server.url}/api/`,
      tokenUrl: `${server.url}/token`,
      clientId: 'formulaire-qf-osl',
      clientSecret: 's3cret:with/odd chars',
      timeoutMs: options.timeoutMs ?? 2_000,
      softwareVersion: '1.2.3',
      now: () => now,
    })
  beforeAll(async () => {
    server = await ScriptedServer.start()
  })
  afterAll(() => server?.close())

  it('authenticates with HTTP Basic and scope OSL, sends the partner headers, reuses the token until it expires', async () => {
    const hub = hubFor()
    server.answers(token, { status: 200, body: folder }, { status: 200, body: folder })
    await hub.readFolder(folder.id)
    await hub.readFolder(folder.id)
    const [tokenRequest, first] = server.requests
    expect(tokenRequest?.url.pathname).toBe('/token')
    const basic = Buffer.from(
      `${encodeURIComponent('formulaire-qf-osl')}:${encodeURIComponent('s3cret:with/odd chars')}`,
    ).toString('base64')
    expect(tokenRequest?.headers.authorization).toBe(`Basic ${basic}`)
    expect(first?.url.pathname).toBe(`/api/teledossiers/v1/folders/${folder.id}`)
    expect(first?.headers).toMatchObject({
      authorization: 'Bearer tok-1',
      editorname: 'DINUM',
      applicationname: 'Formulaire QF',
      softwareversion: '1.2.3',
    })
    expect(server.requests.filter((r) => r.url.pathname === '/token')).toHaveLength(1)

    now += 3600 * 1000
    server.answers(token, { status: 200, body: folder })
    await hub.readFolder(folder.id)
    expect(server.requests.map((r) => r.url.pathname)).toEqual([
      '/token',
      `/api/teledossiers/v1/folders/${folder.id}`,
    ])
    await hub.close()
  })

  it('uploads with the exact length and the SHA-256 digest in base64', async () => {
    const hub = hubFor()
    server.answers(token, { status: 204 })
    const bytes = Buffer.from('{}')
    await hub.uploadAttachment(folder.id, folder.attachments[0]!.id, bytes)
    const put = server.requests[1]
    expect(put?.method).toBe('PUT')
    expect(put?.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-length': '2',
      digest: createHash('sha256').update(bytes).digest('base64'),
    })
    await hub.close()
  })

  it('refetches the token once on 900901, then gives up as unauthorized', async () => {
    const hub = hubFor()
    const expired = { status: 401, body: { errors: [{ code: 900901, message: 'Invalid Credentials' }] } }
    server.answers(token, expired, token, { status: 200, body: folder })
    expect((await hub.readFolder(folder.id))?.folderId).toBe(folder.id)
    server.answers(expired, token, expired)
    const error = await failure(hub.readFolder(folder.id))
    expect(error).toMatchObject({ failure: 'unauthorized', retryable: false, status: 401, hubCode: 900901 })
    expect(server.requests.filter((r) => r.url.pathname === '/token')).toHaveLength(1)
    await hub.close()
  })

  it.each([
    ['429', { status: 429, body: { errors: [{ code: 429, message: 'Too many requests' }] } }, 'unavailable'],
    ['502', { status: 502, body: 'Bad gateway' }, 'unavailable'],
    ['a body not as documented', { status: 200, body: { id: 'x' } }, 'unexpected_answer'],
  ] as const)('answers a retryable error on %s', async (_, answer, kind) => {
    const hub = hubFor()
    server.answers(token, answer)
    const error = await failure(hub.readFolder(folder.id))
    expect(error).toMatchObject({ failure: kind, retryable: true })
    await hub.close()
  })

  it.each(['reset', 'hang'] as const)('answers unavailable when the connection fails (%s)', async (mode) => {
    const hub = hubFor({ timeoutMs: 200 })
    server.answers(token, mode)
    const error = await failure(hub.readFolder(folder.id))
    expect(error).toMatchObject({ failure: 'unavailable', retryable: true, status: null })
    await hub.close()
  })

  // Issue 22, item 4: one failed call used to end the whole delivery attempt (then minutes of backoff).
  it('retries an idempotent call inside the attempt when HubEE answers 5xx or resets', async () => {
    const hub = hubFor()
    server.answers(token, { status: 503, body: 'busy' }, 'reset', { status: 200, body: folder })
    expect((await hub.readFolder(folder.id))?.folderId).toBe(folder.id)
    expect(server.requests.filter((r) => r.method === 'GET')).toHaveLength(3)
    server.answers({ status: 502, body: 'Bad gateway' }, { status: 204 })
    await hub.uploadAttachment(folder.id, folder.attachments[0]!.id, Buffer.from('{}'))
    expect(server.requests.map((r) => r.method)).toEqual(['PUT', 'PUT'])
    await hub.close()
  })

  it('does not retry a POST (not idempotent) nor a call that timed out (the time is spent)', async () => {
    const hub = hubFor({ timeoutMs: 300 })
    server.answers(token, { status: 503, body: 'busy' }, { status: 201, body: folder })
    const deposit = await failure(
      hub.depositFolder({
        processCode: 'FormulaireQF',
        externalId: folder.externalId,
        applicant: { firstName: 'A', lastName: 'B' },
        case: { externalId: `${folder.externalId}-01`, recipient: { siret: '21040107100019', cog: '04107' } },
        attachments: [
          { fileName: 'FormulaireQF.json', type: 'FormulaireQF', mimeType: 'application/json', size: 2 },
        ],
      }),
    )
    expect(deposit).toMatchObject({ failure: 'unavailable', status: 503 })
    expect(server.requests.filter((r) => r.method === 'POST' && r.url.pathname !== '/token')).toHaveLength(1)
    server.answers('hang', { status: 200, body: folder })
    expect(await failure(hub.readFolder(folder.id))).toMatchObject({ failure: 'unavailable', status: null })
    expect(server.requests).toHaveLength(1)
    await hub.close()
  })

  it('keeps the hub code and message, without the values the gateway echoes', async () => {
    const hub = hubFor()
    const message =
      'Bad Request : Validation failed.\n[ERROR][REQUEST][POST /teledossiers/v1/folders @body] String "DUBOIS-MARTIN" is too long'
    server.answers(token, { status: 400, body: { errors: [{ code: 400, message }] } })
    const error = await failure(
      hub.depositFolder({
        processCode: 'FormulaireQF',
        externalId: folder.externalId,
        applicant: { firstName: 'Angela', lastName: 'DUBOIS-MARTIN' },
        case: { externalId: `${folder.externalId}-01`, recipient: { siret: '21040107100019', cog: '04107' } },
        attachments: [
          { fileName: 'FormulaireQF.json', type: 'FormulaireQF', mimeType: 'application/json', size: 2 },
        ],
      }),
    )
    expect(error).toMatchObject({ failure: 'refused', retryable: false, status: 400, hubCode: 400 })
    expect(error.message).toContain('is too long')
    expect(error.message).not.toContain('DUBOIS')
    await hub.close()
  })

  it('refuses partner headers longer than 50 characters', () => {
    expect(
      () =>
        new UndiciHubee({
          apiUrl: server.url,
          tokenUrl: server.url,
          clientId: 'a',
          clientSecret: 'b',
          timeoutMs: 1000,
          softwareVersion: 'x'.repeat(51),
        }),
    ).toThrow(/50/)
  })
})
