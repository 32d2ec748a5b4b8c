import { connect } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problemTypes } from '@qf/contracts'
import { buildServer } from '../src/build-server.js'
import { testConfig } from './helpers/app.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'
import { LogCapture } from './helpers/log-capture.js'

// Issue 7, item 6: errors raised before any route (router, Node's HTTP parser) answer problem+json
// with a stable type, like every other error.
let database: TestDatabase
let server: FastifyInstance
let port: number
const logs = new LogCapture()

beforeAll(async () => {
  database = await createTestDatabase()
  server = await buildServer(
    { config: testConfig(database.url, { LOG_LEVEL: 'info' }), databaseUrl: database.url },
    { logStream: logs },
  )
  await server.listen({ host: '127.0.0.1', port: 0 })
  const address = server.server.address()
  port = typeof address === 'object' && address ? address.port : 0
})
afterAll(async () => {
  await server?.close()
  await database?.drop()
})

/** Sends raw bytes, returns status, headers and body of the answer. */
function raw(request: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request))
    let data = ''
    socket.on('data', (chunk) => (data += chunk.toString('utf8')))
    socket.on('error', reject)
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n')
      resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body })
    })
  })
}

const get = (path: string, extraHeaders = '') =>
  raw(`GET ${path} HTTP/1.1\r\nHost: localhost\r\n${extraHeaders}Connection: close\r\n\r\n`)

function expectProblem(res: { status: number; headers: string; body: string }, status: number, type: string) {
  expect(res.status).toBe(status)
  expect(res.headers).toContain('content-type: application/problem+json')
  const body = JSON.parse(res.body) as { type: string; status: number; instance: string; title: string }
  expect(body).toMatchObject({ type, status })
  expect(body.instance).toBeTruthy()
  expect(body.title).toBeTruthy()
}

describe('errors before any route', () => {
  it('a path that is not valid percent-encoded UTF-8 is a 400 bad-url', async () => {
    expectProblem(await get('/api/v1/collectivities/%E0%A4%A'), 400, problemTypes.badUrl)
    const surrogate = await get('/api/v1/collectivities/%ED%A0%80')
    expectProblem(surrogate, 400, problemTypes.badUrl)
    expect(surrogate.headers).toContain('cache-control: no-store')
    expect(surrogate.headers).toMatch(/x-request-id: [0-9a-f-]{36}/)
  })

  it('an over-long path parameter is a 414', async () => {
    expectProblem(await get(`/api/v1/collectivities/${'1'.repeat(500)}`), 414, problemTypes.uriTooLong)
  })

  it('an over-long URL is a 414', async () => {
    expectProblem(await get(`/api/v1/collectivities?q=${'a'.repeat(5000)}`), 414, problemTypes.uriTooLong)
  })

  it('a request line or headers beyond what Node accepts are a 431', async () => {
    expectProblem(
      await get(`/api/v1/collectivities?q=${'a'.repeat(20_000)}`),
      431,
      problemTypes.headersTooLarge,
    )
    expectProblem(await get('/health', `X-Big: ${'a'.repeat(20_000)}\r\n`), 431, problemTypes.headersTooLarge)
  })

  it('bytes that are not HTTP are a 400 bad-request', async () => {
    expectProblem(await raw('GARBAGE\r\n\r\n'), 400, problemTypes.badRequest)
    expectProblem(await get('/api/v1/collectivities?q=\u00e9\u0000'), 400, problemTypes.badRequest)
  })

  it('none of these is logged as an error', () => {
    expect(logs.atLeast(50)).toEqual([])
  })
})
