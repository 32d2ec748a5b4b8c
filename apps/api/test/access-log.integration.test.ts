import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildServer } from '../src/build-server.js'
import { testConfig } from './helpers/app.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'
import { LogCapture } from './helpers/log-capture.js'

// Issue 13: one access line per request (not Fastify's two), carrying the request's id.
let database: TestDatabase
let server: FastifyInstance
let base: string
const logs = new LogCapture()

beforeAll(async () => {
  database = await createTestDatabase()
  server = await buildServer(
    { config: testConfig(database.url, { LOG_LEVEL: 'info' }), databaseUrl: database.url },
    { logStream: logs },
  )
  await server.listen({ host: '127.0.0.1', port: 0 })
  const address = server.server.address()
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})
afterAll(async () => {
  await server?.close()
  await database?.drop()
})

describe('access log', () => {
  it('writes exactly one line per request, with its id, method, path (no query), status and time', async () => {
    const before = logs.lines.length
    const calls = [
      { url: '/health', status: 200 },
      { url: '/api/v1/collectivities?q=majastres&secret=leak', status: 200 },
      { url: '/api/v1/sessions/current', status: 401 },
      { url: '/nowhere?token=leak', status: 404 },
    ]
    const ids: string[] = []
    for (const call of calls) {
      const res = await fetch(`${base}${call.url}`)
      await res.arrayBuffer()
      expect(res.status).toBe(call.status)
      ids.push(res.headers.get('x-request-id') ?? '')
    }
    // The line is written once the response is sent: wait until all are there.
    for (let i = 0; i < 100 && logs.lines.length - before < calls.length; i++)
      await new Promise((r) => setTimeout(r, 10))
    const lines = logs.lines.slice(before)
    expect(lines.filter((l) => l.msg === 'incoming request')).toEqual([])
    const access = lines.filter((l) => l.msg === 'request completed')
    expect(access.map((l) => l.reqId)).toEqual(ids)
    for (const [i, line] of access.entries()) {
      const call = calls[i]
      expect(line.req).toEqual({ id: ids[i], method: 'GET', path: call?.url.split('?')[0] })
      expect(line.res).toEqual({ statusCode: call?.status })
      expect(typeof line.responseTime).toBe('number')
    }
    expect(JSON.stringify(lines)).not.toContain('leak')
    // Every line of these requests belongs to one of them; none is a second line for the same id.
    expect(new Set(access.map((l) => l.reqId)).size).toBe(calls.length)
  })
})
