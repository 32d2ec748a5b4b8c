import type { FastifyInstance } from 'fastify'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problemTypes } from '@qf/contracts'
import { changeLifecycle } from '../src/modules/collectivities/index.js'
import { buildTestServer } from './helpers/app.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'

const WEB_URL = 'https://qf.example.gouv.fr'
const MAJASTRES = '21040107100019'
/** Hauteluce, suspended by ops below. */
const SUSPENDED = '21730132400018'

let database: TestDatabase
let server: FastifyInstance

beforeAll(async () => {
  database = await createTestDatabase()
  server = await buildTestServer(database.url, {
    RATE_LIMIT_MAX: '1000',
    DEMO_SEED: 'true',
    WEB_PUBLIC_URL: WEB_URL,
  })
  const change = await changeLifecycle(
    server.db,
    SUSPENDED,
    'suspend',
    { kind: 'admin', id: 'test' },
    'test: withdrawn',
    new Date(),
  )
  if (change.outcome !== 'changed') throw new Error(`Hauteluce was not suspended: ${change.outcome}`)
})
afterAll(async () => {
  await server?.close()
  await database?.drop()
})

/** Reads the PNG's pixels and decodes the QR code they draw. */
function decodePng(body: Buffer): string | undefined {
  const png = PNG.sync.read(body)
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data
}

const get = (url: string) => server.inject({ method: 'GET', url })

describe('GET /api/v1/collectivities/{siret}/qrcode.png', () => {
  it('is a downloadable PNG whose code carries the collectivity’s public landing URL', async () => {
    const res = await get(`/api/v1/collectivities/${MAJASTRES}/qrcode.png`)

    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('image/png')
    expect(res.headers['content-disposition']).toBe(`attachment; filename="qrcode-${MAJASTRES}.png"`)
    expect(res.headers['cache-control']).toBe('public, max-age=300')
    expect(decodePng(res.rawPayload)).toBe(`${WEB_URL}/collectivites/${MAJASTRES}`)
  })

  it('carries the personalised landing URL when external_id and an allowed redirect_uri are given', async () => {
    const redirectUri = 'http://localhost:8080/retour?famille=1'
    const res = await get(
      `/api/v1/collectivities/${MAJASTRES}/qrcode.png?external_id=famille-1234&redirect_uri=${encodeURIComponent(redirectUri)}`,
    )

    expect(res.statusCode).toBe(200)
    const decoded = new URL(decodePng(res.rawPayload) ?? '')
    expect(`${decoded.origin}${decoded.pathname}`).toBe(`${WEB_URL}/collectivites/${MAJASTRES}`)
    expect(Object.fromEntries(decoded.searchParams)).toEqual({
      external_id: 'famille-1234',
      redirect_uri: redirectUri,
    })
  })
})

describe('GET /api/v1/collectivities/{siret}/qrcode.svg', () => {
  it('is a well-formed, cacheable SVG document', async () => {
    const res = await get(`/api/v1/collectivities/${MAJASTRES}/qrcode.svg`)

    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8')
    expect(res.headers['cache-control']).toBe('public, max-age=300')
    const svg = res.body.trim()
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 \d+ \d+"/)
    expect(svg.endsWith('</svg>')).toBe(true)
    // Every element opened is closed (the SVG has no nesting beyond <svg> and its paths).
    const opened = (svg.match(/<(path|svg)\b[^>]*[^/]>/g) ?? []).length
    const closed = (svg.match(/<\/(path|svg)>/g) ?? []).length
    expect(opened).toBe(closed)
    expect(svg).toContain('<path')
  })
})

describe('refusals', () => {
  it.each(['qrcode.svg', 'qrcode.png'])('%s: unknown SIRET → 404 problem', async (file) => {
    const res = await get(`/api/v1/collectivities/99999999999999/${file}`)
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json()).toMatchObject({ type: problemTypes.collectivityNotFound, status: 404 })
  })

  it.each(['qrcode.svg', 'qrcode.png', 'links'])(
    '%s of a suspended collectivity → 404 collectivity-not-offered, no_longer_offered',
    async (file) => {
      const res = await get(`/api/v1/collectivities/${SUSPENDED}/${file}`)
      expect(res.statusCode).toBe(404)
      expect(res.json()).toMatchObject({
        type: problemTypes.collectivityNotOffered,
        code: 'no_longer_offered',
        detail: expect.stringContaining('Hauteluce'),
      })
    },
  )

  it.each(['qrcode.svg', 'qrcode.png'])(
    '%s: a redirect_uri outside the allow-list → 422 invalid-redirect-uri',
    async (file) => {
      const res = await get(
        `/api/v1/collectivities/${MAJASTRES}/${file}?redirect_uri=${encodeURIComponent('https://ailleurs.test/x')}`,
      )
      expect(res.statusCode).toBe(422)
      expect(res.json()).toMatchObject({ type: 'urn:qf:problem:invalid-redirect-uri', status: 422 })
      expect(res.json().errors).toEqual([expect.objectContaining({ name: 'querystring.redirect_uri' })])
      expect(res.headers['cache-control']).not.toBe('public, max-age=300')
    },
  )

  it('an external_id that is not a valid ExternalId → 422 validation', async () => {
    const res = await get(
      `/api/v1/collectivities/${MAJASTRES}/qrcode.png?external_id=${encodeURIComponent(' x')}`,
    )
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ type: problemTypes.validation })
    expect(res.json().errors).toEqual([expect.objectContaining({ name: 'querystring.external_id' })])
  })

  it('a malformed SIRET → 422 validation', async () => {
    const res = await get('/api/v1/collectivities/1234/qrcode.svg')
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ type: problemTypes.validation })
  })
})
