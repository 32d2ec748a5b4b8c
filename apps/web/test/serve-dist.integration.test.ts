import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDistServer, type DistServer } from '../scripts/serve-dist.js'

/** A raw GET (fetch would decompress and hide content-encoding). */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
    })
      .on('error', reject)
      .end()
  })
}

describe('serve-dist (the production-like server of npm run demo and the browser tests)', () => {
  let dist: string
  let upstream: Server
  let server: DistServer
  let downServer: DistServer
  const seen: IncomingHttpHeaders[] = []

  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'qf-serve-dist-'))
    await mkdir(join(dist, 'assets'))
    await writeFile(join(dist, 'index.html'), '<!doctype html><div id="app"></div>'.padEnd(2000, ' '))
    await writeFile(join(dist, 'assets', 'index-abc.js'), 'console.log("x")'.repeat(200))
    upstream = createServer((req, res) => {
      seen.push(req.headers)
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url }))
    })
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
    const apiUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`
    server = await startDistServer({ root: dist, apiUrl })
    downServer = await startDistServer({ root: dist, apiUrl: 'http://127.0.0.1:9' })
  })

  afterAll(async () => {
    await server.close()
    await downServer.close()
    await new Promise((resolve) => upstream.close(resolve))
    await rm(dist, { recursive: true, force: true })
  })

  it('sends HSTS on the SPA’s files only when its public URL is https (issue 21, info)', async () => {
    expect((await get(`${server.url}/`)).headers['strict-transport-security']).toBeUndefined()
    const https = await startDistServer({ root: dist, publicUrl: 'https://qf.example.fr' })
    try {
      for (const path of ['/', '/assets/index-abc.js', '/collectivites/21040107100019'])
        expect((await get(`${https.url}${path}`)).headers['strict-transport-security'], path).toBe(
          'max-age=31536000; includeSubDomains',
        )
    } finally {
      await https.close()
    }
  })

  it('serves fingerprinted assets gzipped and cached for a year, with the security headers', async () => {
    const res = await get(`${server.url}/assets/index-abc.js`, { 'accept-encoding': 'gzip, br' })
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBe('gzip')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
    expect(gunzipSync(res.body).toString()).toContain('console.log')
  })

  it('answers any route with index.html, never cached; a missing asset is 404', async () => {
    const route = await get(`${server.url}/collectivites/21040107100019`)
    expect(route.status).toBe(200)
    expect(route.headers['cache-control']).toBe('no-cache')
    expect(route.body.toString()).toContain('<div id="app">')
    expect((await get(`${server.url}/assets/absent.js`)).status).toBe(404)
  })

  it('forwards the API paths to the API with X-Forwarded-*, and says 502 when the API is down', async () => {
    const res = await get(`${server.url}/api/v1/collectivities?q=maj`)
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body.toString())).toEqual({ path: '/api/v1/collectivities?q=maj' })
    expect(seen.at(-1)?.['x-forwarded-for']).toBe('127.0.0.1')
    expect((await get(`${server.url}/ready`)).status).toBe(200)

    expect((await get(`${downServer.url}/api/v1/collectivities`)).status).toBe(502)
  })
})
