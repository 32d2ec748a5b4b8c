import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problemTypes } from '@qf/contracts'
import { buildTestServer } from './helpers/app.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'

// Issue 7, item 10: a client does not choose its request id; /metrics needs the operations token.
let database: TestDatabase
const servers: FastifyInstance[] = []
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const token = 'metrics-token-0123456789abcdefghijklmnop'

async function server(env: Record<string, string> = {}) {
  const s = await buildTestServer(database.url, env)
  servers.push(s)
  await s.listen({ host: '127.0.0.1', port: 0 })
  const address = s.server.address()
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
}

beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  for (const s of servers) await s.close()
  await database?.drop()
})

describe('X-Request-Id', () => {
  it('is ignored from a direct client: the id is a fresh UUID', async () => {
    const url = await server()
    const res = await fetch(`${url}/nope`, { headers: { 'x-request-id': 'chosen-by-client' } })
    const id = res.headers.get('x-request-id') ?? ''
    expect(id).toMatch(uuid)
    expect(((await res.json()) as { instance: string }).instance).toBe(id)
  })

  it('is honoured behind a trusted proxy, in its strict form only', async () => {
    const url = await server({ TRUST_PROXY: 'true' })
    const given = await fetch(`${url}/nope`, { headers: { 'x-request-id': 'proxy-0123456789abcdef' } })
    expect(given.headers.get('x-request-id')).toBe('proxy-0123456789abcdef')
    expect(((await given.json()) as { instance: string }).instance).toBe('proxy-0123456789abcdef')
    for (const bad of ['a b c d e f g h', 'x'.repeat(65), 'short', '<script>alert(1)</script>']) {
      const res = await fetch(`${url}/nope`, { headers: { 'x-request-id': bad } })
      expect(res.headers.get('x-request-id'), bad).toMatch(uuid)
    }
  })
})

describe('TRUST_PROXY naming the proxy’s address (issue 21, L3)', () => {
  const rotating = (i: number) => ({
    'x-forwarded-for': `198.51.100.${i}`,
    'x-request-id': `client-chosen-${i}-id`,
  })

  it('a direct client that is not the named proxy cannot forge X-Forwarded-For past the rate limit', async () => {
    const url = await server({ TRUST_PROXY: '172.28.0.10', RATE_LIMIT_MAX: '5' })
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${url}/api/v1/collectivities/21040107100019`, { headers: rotating(i) })
      statuses.push(res.status)
      if (res.status !== 429) expect(res.headers.get('x-request-id')).toMatch(uuid)
    }
    expect(statuses.map((s) => s === 429)).toEqual([false, false, false, false, false, true, true, true])
  })

  it('the named proxy’s X-Forwarded-For and X-Request-Id are honoured', async () => {
    const url = await server({ TRUST_PROXY: '127.0.0.1', RATE_LIMIT_MAX: '5' })
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${url}/api/v1/collectivities/21040107100019`, { headers: rotating(i) })
      expect(res.status).not.toBe(429)
      expect(res.headers.get('x-request-id')).toBe(`client-chosen-${i}-id`)
    }
  })
})

describe('/metrics', () => {
  it('with METRICS_TOKEN set: 401 problem+json without the bearer token or with a wrong one', async () => {
    const url = await server({ METRICS_TOKEN: token })
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: token },
    ]
    for (const headers of attempts) {
      const res = await fetch(`${url}/metrics`, { headers })
      expect(res.status).toBe(401)
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"')
      expect(((await res.json()) as { type: string }).type).toBe(problemTypes.unauthorized)
    }
    const ok = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('http_requests_total')
  })

  it('without METRICS_TOKEN (outside production only) it stays open', async () => {
    const url = await server()
    expect((await fetch(`${url}/metrics`)).status).toBe(200)
  })
})
