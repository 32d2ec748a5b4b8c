import QRCode from 'qrcode'
import { collectivity, problem } from '../fixtures/journey.js'
import { ALLOWED_REDIRECT_ORIGIN, createFakeJourneyApi, type FakeJourneyApi } from './fake-journey-api.js'
import type { RequestHandler } from './static-server.js'

/**
 * The fake journey API plus the share kit's routes for its collectivity, answering as the API does:
 * `getCollectivityLink` (the allow-list check, with its reason) and the QR codes, real codes of the
 * landing URL (so a browser test can decode what the page shows back to its link).
 */
export function createFakeKitApi(): FakeJourneyApi {
  const journey = createFakeJourneyApi()
  const handle: RequestHandler = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const base = `/api/v1/collectivities/${collectivity.siret}`
    const kitRoute = [`${base}/links`, `${base}/qrcode.svg`, `${base}/qrcode.png`].includes(url.pathname)
    if (req.method !== 'GET' || !kitRoute) return journey.handle(req, res)
    journey.requests.push({ method: 'GET', path: `${url.pathname}${url.search}`, body: undefined })
    const landing = new URL(`http://${req.headers.host ?? 'localhost'}/collectivites/${collectivity.siret}`)
    const externalId = url.searchParams.get('external_id')
    const redirectUri = url.searchParams.get('redirect_uri')
    if (externalId) landing.searchParams.set('external_id', externalId)
    if (redirectUri) {
      let origin: string | undefined
      try {
        origin = new URL(redirectUri).origin
      } catch {
        origin = undefined
      }
      if (origin !== ALLOWED_REDIRECT_ORIGIN) {
        const reason =
          origin === undefined
            ? 'n’est pas une adresse complète (https://…)'
            : `le site ${origin} n’est pas autorisé par cette collectivité : demandez-lui de l’ajouter à sa liste`
        res.writeHead(422, { 'content-type': 'application/problem+json' }).end(
          JSON.stringify({
            ...problem(422, 'urn:qf:problem:invalid-redirect-uri', 'Adresse de retour non autorisée'),
            errors: [{ name: 'querystring.redirect_uri', reason }],
          }),
        )
        return true
      }
      landing.searchParams.set('redirect_uri', redirectUri)
    }
    if (url.pathname.endsWith('/links')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: landing.href }))
    } else if (url.pathname.endsWith('.svg')) {
      res
        .writeHead(200, { 'content-type': 'image/svg+xml; charset=utf-8' })
        .end(await QRCode.toString(landing.href, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }))
    } else {
      res.writeHead(200, { 'content-type': 'image/png' }).end(
        await QRCode.toBuffer(landing.href, {
          type: 'png',
          errorCorrectionLevel: 'M',
          margin: 4,
          width: 512,
        }),
      )
    }
    return true
  }
  return { handle, requests: journey.requests }
}
