import type { FastifyInstance } from 'fastify'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problemTypes } from '@qf/contracts'
import { buildTestServer } from './helpers/app.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'

const WEB_URL = 'https://qf.example.gouv.fr'
const MAJASTRES = '21040107100019'
/** The demo collectivities allow this origin (the demo's stand-in of a commune's portal). */
const ALLOWED = 'http://localhost:8080'

let database: TestDatabase
let server: FastifyInstance

beforeAll(async () => {
  database = await createTestDatabase()
  server = await buildTestServer(database.url, {
    RATE_LIMIT_MAX: '1000',
    DEMO_SEED: 'true',
    WEB_PUBLIC_URL: WEB_URL,
  })
})
afterAll(async () => {
  await server?.close()
  await database?.drop()
})

const get = (url: string) => server.inject({ method: 'GET', url })
const query = (params: Record<string, string>) => new URLSearchParams(params).toString()

describe('GET /api/v1/collectivities/{siret}/links (getCollectivityLink): the share kit’s link builder', () => {
  it('gives the public link, or the personalised one, and the QR code carries exactly that link', async () => {
    expect((await get(`/api/v1/collectivities/${MAJASTRES}/links`)).json()).toEqual({
      url: `${WEB_URL}/collectivites/${MAJASTRES}`,
    })
    const params = query({ external_id: 'famille 42 ✓', redirect_uri: `${ALLOWED}/qf/retour?x=1` })
    const res = await get(`/api/v1/collectivities/${MAJASTRES}/links?${params}`)
    expect(res.statusCode).toBe(200)
    const { url } = res.json() as { url: string }
    expect(new URL(url).searchParams.get('external_id')).toBe('famille 42 ✓')
    expect(new URL(url).searchParams.get('redirect_uri')).toBe(`${ALLOWED}/qf/retour?x=1`)
    const png = await get(`/api/v1/collectivities/${MAJASTRES}/qrcode.png?${params}`)
    const image = PNG.sync.read(png.rawPayload)
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(url)
  })

  it.each([
    [
      'https://ailleurs.example/retour',
      'le site https://ailleurs.example n’est pas autorisé par cette collectivité',
    ],
    ['http://ailleurs.example/retour', 'doit commencer par https://'],
    ['pas une adresse', 'n’est pas une adresse complète'],
    ['javascript:alert(1)', 'doit commencer par https://'],
  ])('refuses %s with the reason, as the QR codes do', async (redirectUri, reason) => {
    const params = query({ redirect_uri: redirectUri })
    for (const route of ['links', 'qrcode.svg']) {
      const res = await get(`/api/v1/collectivities/${MAJASTRES}/${route}?${params}`)
      expect(res.statusCode, route).toBe(422)
      expect(res.json()).toMatchObject({
        type: problemTypes.invalidRedirectUri,
        errors: [{ name: 'querystring.redirect_uri', reason: expect.stringContaining(reason) }],
      })
    }
  })

  it('404 for an unknown collectivity, 422 for a bad SIRET', async () => {
    expect((await get('/api/v1/collectivities/21330063500025/links')).json().type).toBe(
      problemTypes.collectivityNotFound,
    )
    expect((await get('/api/v1/collectivities/123/links')).statusCode).toBe(422)
  })
})
