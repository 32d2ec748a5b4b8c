import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServer } from './helpers/app.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'

// Issue 22, item 9: a readiness probe and a metrics scraper sharing an address with traffic got 429
// ("not ready") from the per-IP rate limit. The operations endpoints are outside it; the API is not.
let database: TestDatabase
let server: FastifyInstance

beforeAll(async () => {
  database = await createTestDatabase()
  server = await buildTestServer(database.url, { RATE_LIMIT_MAX: '3' })
})
afterAll(async () => {
  await server?.close()
  await database?.drop()
})

const statuses = async (url: string, n: number) => {
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push((await server.inject({ method: 'GET', url })).statusCode)
  return out
}

describe('the per-IP rate limit', () => {
  it('never answers 429 to /health, /ready or /metrics', async () => {
    for (const url of ['/health', '/ready', '/metrics'])
      expect(await statuses(url, 8), url).not.toContain(429)
  })

  it('still limits the API', async () => {
    expect(await statuses('/api/v1/collectivities?q=Hauteluce', 6)).toContain(429)
  })
})
