import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problemTypes } from '@qf/contracts'
import { buildTestServer } from './helpers/app.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'

let database: TestDatabase
let server: FastifyInstance

beforeAll(async () => {
  database = await createTestDatabase()
  server = await buildTestServer(database.url, { RATE_LIMIT_MAX: '1000' })
})
afterAll(async () => {
  await server?.close()
  await database?.drop()
})

describe('API shell over a real database', () => {
  it('GET /health answers while the process is up', async () => {
    const res = await server.inject({ method: 'GET', url: '/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'ok' })
    expect(res.headers['x-request-id']).toBeTruthy()
  })

  it('GET /ready checks the database and the job queue', async () => {
    const res = await server.inject({ method: 'GET', url: '/ready' })
    expect(res.json()).toEqual({ status: 'ready', checks: { database: 'up', jobQueue: 'up' } })
    expect(res.statusCode).toBe(200)
  })

  it('an unknown route answers problem+json 404 with the request id as instance', async () => {
    const res = await server.inject({ method: 'GET', url: '/nope?x=1' })
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json()).toMatchObject({
      type: problemTypes.notFound,
      status: 404,
      instance: res.headers['x-request-id'],
    })
  })

  it('GET /metrics exposes request counters by route template and job gauges', async () => {
    await server.inject({ method: 'GET', url: '/health' })
    const res = await server.inject({ method: 'GET', url: '/metrics' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/plain/)
    expect(res.body).toMatch(/http_requests_total\{method="GET",route="\/health",status_code="200"\} \d+/)
    expect(res.body).toContain('http_request_duration_seconds_bucket')
    expect(res.body).toContain('# TYPE jobs gauge')
  })

  it('sets security headers', async () => {
    const res = await server.inject({ method: 'GET', url: '/health' })
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'")
  })

  it('CORS answers only configured origins', async () => {
    const ok = await server.inject({
      method: 'OPTIONS',
      url: '/health',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
    })
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:5173')
    const ko = await server.inject({
      method: 'OPTIONS',
      url: '/health',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    })
    expect(ko.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('refuses a cross-site state-changing request with problem+json 403', async () => {
    const res = await server.inject({
      method: 'POST',
      url: '/health',
      headers: { origin: 'https://evil.example' },
    })
    expect(res.statusCode).toBe(403)
    expect(res.json()).toMatchObject({ type: problemTypes.forbiddenOrigin })
  })

  it('serves the OpenAPI document and the offline explorer', async () => {
    const doc = await server.inject({ method: 'GET', url: '/openapi.json' })
    expect(doc.json()).toMatchObject({ openapi: '3.1.0' })
    const ui = await server.inject({ method: 'GET', url: '/docs/' })
    expect(ui.statusCode).toBe(200)
    expect(ui.body).not.toMatch(/https?:\/\/(?!localhost)[a-z0-9.-]+\.[a-z]{2,}\/[^"]*\.(js|css)/i)
  })

  it('API_DOCS=false (the production default): no /docs, the document stays (issue 21, info)', async () => {
    const { buildTestServer } = await import('./helpers/app.js')
    const closed = await buildTestServer(database.url, { API_DOCS: 'false' })
    try {
      const ui = await closed.inject({ method: 'GET', url: '/docs/' })
      expect(ui.statusCode).toBe(404)
      expect(ui.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect((await closed.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(200)
    } finally {
      await closed.close()
    }
  })
})

describe('schema violations', () => {
  it('answer problem+json 422 listing every bad field, in French', async () => {
    const { Type } = await import('@sinclair/typebox')
    const { buildServer } = await import('../src/build-server.js')
    const { testConfig } = await import('./helpers/app.js')
    const probe = await buildServer({ config: testConfig(database.url), databaseUrl: database.url })
    probe.post(
      '/probe',
      {
        schema: {
          body: Type.Object({
            siret: Type.String({ pattern: '^\\d{14}$' }),
            n: Type.Integer({ maximum: 3 }),
          }),
        },
      },
      async () => ({ ok: true }),
    )
    await probe.ready()
    try {
      const res = await probe.inject({ method: 'POST', url: '/probe', payload: { siret: 'abc', n: 9 } })
      expect(res.statusCode).toBe(422)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      const body = res.json()
      expect(body.type).toBe(problemTypes.validation)
      expect(body.errors).toEqual(
        expect.arrayContaining([
          { name: 'body.siret', reason: "n'a pas le format attendu" },
          { name: 'body.n', reason: 'doit être inférieur ou égal à 3' },
        ]),
      )
      const malformed = await probe.inject({
        method: 'POST',
        url: '/probe',
        headers: { 'content-type': 'application/json' },
        payload: '{"siret":',
      })
      expect(malformed.statusCode).toBe(400)
      expect(malformed.json().type).toBe(problemTypes.invalidBody)
      const missing = await probe.inject({ method: 'POST', url: '/probe', payload: {} })
      expect(missing.json().errors).toEqual(
        expect.arrayContaining([{ name: 'body.siret', reason: 'est obligatoire' }]),
      )
    } finally {
      await probe.close()
    }
  })
})
