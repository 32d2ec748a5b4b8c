import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiProblem, createApiClient } from '../src/api/client.js'
import { getCollectivity } from '../src/api/collectivities.js'
import { createSession } from '../src/api/journey.js'

const validationProblem = {
  type: 'urn:qf:problem:validation',
  title: 'Requête invalide',
  status: 422,
  detail: 'Certaines valeurs envoyées ne sont pas valides.',
  instance: 'req-42',
  errors: [{ name: 'body.siret', reason: 'doit comporter 14 chiffres' }],
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  )
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
}

async function rejection(promise: Promise<unknown>): Promise<ApiProblem> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!(error instanceof ApiProblem)) throw new Error(`expected an ApiProblem, got ${String(error)}`)
  return error
}

describe('api client', () => {
  let server: Server
  let baseUrl: string
  const received: { method: string | undefined; url: string | undefined; body: string }[] = []

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, body })
        if (req.url === '/api/v1/collectivities/00000000000000') {
          res.writeHead(422, { 'content-type': 'application/problem+json; charset=utf-8' })
          res.end(JSON.stringify(validationProblem))
        } else if (req.url === '/api/v1/collectivities/11111111111111') {
          res.writeHead(502, 'Bad Gateway', { 'content-type': 'text/html' }).end('<h1>502</h1>')
        } else if (req.url === '/api/v1/sessions') {
          res.writeHead(201, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              id: 'session-1',
              collectivity: { siret: '21730065600014', name: 'Chambéry' },
              loginUrl: `/login?recu=${(JSON.parse(body) as { siret: string }).siret}`,
              expiresAt: '2026-11-26T15:00:00.000Z',
            }),
          )
        } else {
          res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>SPA</p>')
        }
      })
    })
    baseUrl = await listen(server)
  })

  afterAll(() => close(server))

  it('maps an application/problem+json answer to a typed ApiProblem', async () => {
    const problem = await rejection(getCollectivity('00000000000000', createApiClient({ baseUrl })))

    expect(problem.status).toBe(422)
    expect(problem.type).toBe('urn:qf:problem:validation')
    expect(problem.title).toBe('Requête invalide')
    expect(problem.detail).toBe('Certaines valeurs envoyées ne sont pas valides.')
    expect(problem.errors).toEqual([{ name: 'body.siret', reason: 'doit comporter 14 chiffres' }])
    expect(problem.problem).toEqual(validationProblem)
  })

  it('still gives an ApiProblem, from the status line, when the error answer is not problem+json', async () => {
    const problem = await rejection(getCollectivity('11111111111111', createApiClient({ baseUrl })))

    expect(problem).toMatchObject({ status: 502, type: 'about:blank', title: 'Bad Gateway', errors: [] })
    expect(problem.problem.instance).toBeUndefined()
  })

  it('sends JSON with the cookies included and returns the parsed JSON answer', async () => {
    const inits: Request[] = []
    const client = createApiClient({
      baseUrl,
      fetch: (input, init) => {
        if (input instanceof Request) inits.push(input)
        return fetch(input, init)
      },
    })

    const created = await createSession({ siret: '21730065600014' }, client)

    expect(created.loginUrl).toBe('/login?recu=21730065600014')
    expect(inits[0]?.credentials).toBe('include')
    expect(received.at(-1)).toMatchObject({ method: 'POST', url: '/api/v1/sessions' })
    expect(received.at(-1)?.body).toBe('{"siret":"21730065600014"}')
  })

  it('reports a success whose body is not JSON (a misrouted proxy) as an unreachable service', async () => {
    const problem = await rejection(getCollectivity('22222222222222', createApiClient({ baseUrl })))

    expect(problem.status).toBe(0)
    expect(problem.title).toBe('Service injoignable')
  })

  it('reports an unreachable API as an ApiProblem with status 0', async () => {
    const closed = createServer()
    const closedUrl = await listen(closed)
    await close(closed)

    const problem = await rejection(
      getCollectivity('00000000000000', createApiClient({ baseUrl: closedUrl })),
    )

    expect(problem.status).toBe(0)
    expect(problem.title).toBe('Service injoignable')
  })
})
