import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  authenticatedSession,
  collectivity,
  createdSession,
  deliveredSubmission,
  notOfferedCollectivities,
  notOfferedProblem,
  otherCollectivities,
  problem,
  QUEUED_THEN_DELIVERED,
  REFERENCE,
  SIRET,
  submissionsByState,
} from '../fixtures/journey.js'
import type { RequestHandler } from './static-server.js'

/** The only redirect_uri origin the fake collectivity allows. */
export const ALLOWED_REDIRECT_ORIGIN = 'https://portail.majastres.fr'

/** A SIRET for which the fake API is down (503), to show the "unavailable" state. */
export const UNAVAILABLE_SIRET = '21000000000500'

export interface FakeApiRequest {
  method: string
  path: string
  body: unknown
}

export interface FakeJourneyApi {
  handle: RequestHandler
  requests: FakeApiRequest[]
}

const SESSION_COOKIE = 'qf_session'

const allCollectivities = [collectivity, ...otherCollectivities]

/** A stand-in for the API's QR code: a real SVG document (not a decodable code: the API's tests do that). */
const QR_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21" shape-rendering="crispEdges">' +
  '<path fill="#fff" d="M0 0h21v21H0z"/><path stroke="#000" d="M0 0.5h7M14 0.5h7M0 20.5h7"/></svg>'

/** The fake's search: a part of the name (accents and case ignored), a postal code prefix, a département. */
function search(q: string) {
  const fold = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
  const text = fold(q.trim())
  return allCollectivities.filter(
    (c) =>
      fold(c.name).includes(text) ||
      c.postalCodes.some((code) => code.startsWith(text)) ||
      c.departement.toLowerCase() === text,
  )
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => resolve(body))
    req.on('error', reject)
  })
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const type = status >= 400 ? 'application/problem+json' : 'application/json'
  res.writeHead(status, { 'content-type': type, ...headers }).end(JSON.stringify(body))
}

function cookieOf(req: IncomingMessage): string | undefined {
  return req.headers.cookie
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === SESSION_COOKIE)?.[1]
}

/**
 * A same-origin stand-in for the API's journey and collectivity routes, for browser tests: one known
 * collectivity (and two known ones that do not offer the service), a sending per status, a cookie session
 * that the fake FranceConnect login marks as authenticated, and a logout
 * that sends the browser home. Every request to /api is recorded.
 */
export function createFakeJourneyApi(): FakeJourneyApi {
  const requests: FakeApiRequest[] = []
  const sessions = new Map<string, 'created' | 'authenticated' | 'submitted'>()
  let queuedThenDeliveredReads = 0

  const handle: RequestHandler = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (!url.pathname.startsWith('/api/')) return false
    const method = req.method ?? 'GET'
    const raw = await readBody(req)
    const body = raw === '' ? undefined : (JSON.parse(raw) as unknown)
    requests.push({ method, path: `${url.pathname}${url.search}`, body })
    const origin = `http://${req.headers.host ?? 'localhost'}`
    const route = `${method} ${url.pathname}`
    const cookie = cookieOf(req)

    const known = allCollectivities.find((c) => route.startsWith(`GET /api/v1/collectivities/${c.siret}`))
    const notOffered = Object.entries(notOfferedCollectivities).find(([, c]) =>
      url.pathname.startsWith(`/api/v1/collectivities/${c.siret}`),
    )?.[0]
    const byState = Object.values(submissionsByState).find(
      (s) => route === `GET /api/v1/submissions/${s.reference}`,
    )
    if (known && route === `GET /api/v1/collectivities/${known.siret}`) json(res, 200, known)
    else if (route === 'GET /api/v1/collectivities')
      json(res, 200, { items: search(url.searchParams.get('q') ?? '') })
    else if (known && route === `GET /api/v1/collectivities/${known.siret}/qrcode.svg`)
      res.writeHead(200, { 'content-type': 'image/svg+xml; charset=utf-8' }).end(QR_SVG)
    else if (notOffered === 'not_yet_offered' || notOffered === 'no_longer_offered')
      json(res, 404, notOfferedProblem(notOffered))
    else if (route === `GET /api/v1/collectivities/${UNAVAILABLE_SIRET}`)
      json(res, 503, problem(503, 'urn:qf:problem:unavailable', 'Service momentanément indisponible'))
    else if (route.startsWith('GET /api/v1/collectivities/'))
      json(res, 404, problem(404, 'urn:qf:problem:collectivity-not-found', 'Collectivité inconnue'))
    else if (route === 'POST /api/v1/sessions') {
      const { redirectUri } = (body ?? {}) as { redirectUri?: string }
      if (redirectUri !== undefined && !redirectUri.startsWith(`${ALLOWED_REDIRECT_ORIGIN}/`)) {
        json(res, 422, problem(422, 'urn:qf:problem:invalid-redirect-uri', 'Adresse de retour refusée'))
      } else {
        const secret = `secret-${sessions.size + 1}`
        sessions.set(secret, 'created')
        json(
          res,
          201,
          {
            ...createdSession,
            loginUrl: `${origin}/api/v1/auth/franceconnect/login?session=${createdSession.id}`,
          },
          { 'set-cookie': `${SESSION_COOKIE}=${secret}; Path=/api; HttpOnly; SameSite=Lax` },
        )
      }
    } else if (route === 'GET /api/v1/auth/franceconnect/login') {
      if (cookie && sessions.has(cookie)) sessions.set(cookie, 'authenticated')
      res.writeHead(302, { location: `${origin}/collectivites/${SIRET}/envoyer_mes_donnees` }).end()
    } else if (route === 'GET /api/v1/sessions/current') {
      const step = cookie ? sessions.get(cookie) : undefined
      const expiresAt = new Date(Date.now() + 25 * 60_000).toISOString()
      if (step === 'authenticated') json(res, 200, { ...authenticatedSession, expiresAt })
      else if (step === 'submitted')
        json(res, 200, {
          ...authenticatedSession,
          step: 'submitted',
          redirectUri: `${ALLOWED_REDIRECT_ORIGIN}/qf`,
          identity: null,
          quotientFamilial: null,
          submission: {
            reference: REFERENCE,
            status: 'queued',
            submittedAt: deliveredSubmission.submittedAt,
          },
          expiresAt,
        })
      else json(res, 401, problem(401, 'urn:qf:problem:session-missing', 'Pas de session'))
    } else if (route === 'POST /api/v1/sessions/current/submission') {
      const step = cookie ? sessions.get(cookie) : undefined
      if (!cookie || !step) json(res, 401, problem(401, 'urn:qf:problem:session-missing', 'Pas de session'))
      else if (step === 'created')
        json(res, 409, problem(409, 'urn:qf:problem:submission-not-allowed', 'Envoi impossible'))
      else {
        sessions.set(cookie, 'submitted')
        json(res, 202, {
          reference: REFERENCE,
          status: 'queued',
          submittedAt: deliveredSubmission.submittedAt,
        })
      }
    } else if (route === `GET /api/v1/submissions/${REFERENCE}`) {
      json(res, 200, deliveredSubmission)
    } else if (byState) {
      json(res, 200, byState)
    } else if (route === `GET /api/v1/submissions/${QUEUED_THEN_DELIVERED}`) {
      queuedThenDeliveredReads += 1
      const status = queuedThenDeliveredReads === 1 ? 'queued' : 'delivered'
      json(res, 200, { ...deliveredSubmission, reference: QUEUED_THEN_DELIVERED, status })
    } else if (route.startsWith('GET /api/v1/submissions/')) {
      json(res, 404, problem(404, 'urn:qf:problem:submission-not-found', 'Envoi introuvable'))
    } else if (route === 'POST /api/v1/sessions/current/logout') {
      if (cookie) sessions.delete(cookie)
      json(
        res,
        200,
        { logoutUrl: `${origin}/` },
        { 'set-cookie': `${SESSION_COOKIE}=; Path=/api; Max-Age=0` },
      )
    } else json(res, 404, problem(404, 'about:blank', 'Not Found'))
    return true
  }

  return { handle, requests }
}
