import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  CreatedSession,
  CreateSessionBody,
  CurrentSession,
  journeyCookies,
  LoginCodeExchangeBody,
  LoginLink,
  LogoutResult,
  SafeText,
  Base64UrlToken,
  SessionToken,
} from '@qf/contracts'
import { placeNames } from '../../lib/place-names.js'
import { problemResponse } from '../../plugins/openapi.js'
import { findBySiret } from '../collectivities/index.js'
import { completeLogin } from './complete-login.js'
import { createSession } from './create-session.js'
import { currentSession } from './current-session.js'
import type { JourneyDeps } from './deps.js'
import { exchangeLoginCode } from './exchange-login-code.js'
import { renewLoginUrl } from './login-ticket.js'
import { logout, siretOfLogoutState } from './logout.js'
import type { JourneySession } from './session.js'
import { startLogin } from './start-login.js'
import { toCurrentSession } from './view.js'

const AUTH_PATH = '/api/v1/auth/franceconnect'

/** The journey's operations anyone may call (every other one needs the session: deny by default). */
export const journeyPublicOperations = [
  'createSession',
  'exchangeLoginCode',
  'startFranceConnectLogin',
  'franceConnectCallback',
  'franceConnectLogoutCallback',
] as const

/** How a protected journey route is documented: the same-site cookie, or a third-party bearer token. */
export const sessionSecurity: Record<string, string[]>[] = [{ sessionCookie: [] }, { sessionToken: [] }]

/** The session credential: `Authorization: Bearer <token>` (third-party front ends) or the cookie. */
function credential(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || undefined
  return request.cookies[journeyCookies.session]
}

const authenticated = new WeakMap<FastifyRequest, JourneySession>()

/** The authentication hook's resolver: the request's session, kept for its handler. */
export const authenticateSession =
  (deps: Pick<JourneyDeps, 'db' | 'box' | 'clock' | 'sessionIdleMs'>) =>
  async (request: FastifyRequest): Promise<void> => {
    authenticated.set(request, await currentSession(deps, credential(request)))
  }

/** The session the authentication hook resolved (a protected route only). */
export function sessionOf(request: FastifyRequest): JourneySession {
  const session = authenticated.get(request)
  if (!session) throw new Error('route is not protected by the authentication hook')
  return session
}

export interface JourneyRoutesOptions {
  deps: JourneyDeps
  /** Cookies get `Secure` when the API is served over https (everywhere but localhost). */
  secureCookies: boolean
}

const redirect = (description: string) => ({ 302: Type.Null({ description }) })

export const journeyRoutes: FastifyPluginAsyncTypebox<JourneyRoutesOptions> = async (
  app,
  { deps, secureCookies },
) => {
  const cookieBase = { httpOnly: true, sameSite: 'lax' as const, secure: secureCookies }
  const setSessionCookie = (reply: FastifyReply, secret: string) =>
    reply.setCookie(journeyCookies.session, secret, { ...cookieBase, path: '/api' })

  app.post(
    '/sessions',
    {
      schema: {
        tags: ['journey'],
        operationId: 'createSession',
        summary: 'Ouvrir le parcours d’un citoyen pour une collectivité',
        description:
          'Crée une session neuve (une par parcours : elle n’hérite jamais de la précédente) et renvoie l’URL de connexion FranceConnect. ' +
          'Front-end de même site : la session est portée par un cookie `HttpOnly`. Front-end tiers (autre origine autorisée, sans cookie tiers) : ' +
          'passer `frontendUrl` ; après FranceConnect le navigateur revient sur `frontendUrl/collectivites/<SIRET>/envoyer_mes_donnees#login_code=…`, ' +
          'code à échanger par `exchangeLoginCode` contre un jeton de session.',
        body: CreateSessionBody,
        response: {
          201: Type.Ref(CreatedSession),
          404: problemResponse(
            'SIRET inconnu (`urn:qf:problem:collectivity-not-found`), ou collectivité connue mais pas proposée aux ' +
              'familles (`urn:qf:problem:collectivity-not-offered`, `code` `not_yet_offered` ou `no_longer_offered`).',
          ),
          422: problemResponse(
            'Corps invalide (`urn:qf:problem:validation`), `redirectUri` refusée (`urn:qf:problem:invalid-redirect-uri`) ou `frontendUrl` refusée (`urn:qf:problem:invalid-frontend-url`).',
          ),
        },
      },
    },
    async (request, reply) => {
      const { secret, transport, created } = await createSession(
        deps,
        request.body,
        request.cookies[journeyCookies.session],
      )
      if (transport === 'cookie') setSessionCookie(reply, secret)
      return reply.status(201).send(created)
    },
  )

  app.get(
    '/sessions/current',
    {
      schema: {
        tags: ['journey'],
        operationId: 'getCurrentSession',
        summary: 'Où en est le parcours : collectivité, identité, quotient familial, envoi',
        description:
          'Repousse l’expiration d’inactivité (30 minutes). Après l’envoi (`step` = `submitted`), ne montre plus que `submission` (référence et état) : ' +
          'l’identité et le quotient familial ont quitté la session.',
        response: {
          200: Type.Ref(CurrentSession),
          401: problemResponse(
            'Pas de session (`urn:qf:problem:session-missing`) ou session expirée (`urn:qf:problem:session-expired`).',
          ),
        },
      },
    },
    async (request) => {
      const session = sessionOf(request)
      const needsNames = session.step !== 'submitted' && session.personalData?.identity
      const [collectivity, submission, names] = await Promise.all([
        findBySiret(deps.db, session.siret),
        session.submissionReference ? deps.submissionOf(session.submissionReference) : null,
        needsNames ? placeNames() : undefined,
      ])
      return toCurrentSession(session, collectivity?.name, names, submission)
    },
  )

  app.post(
    '/sessions/current/logout',
    {
      schema: {
        tags: ['journey'],
        operationId: 'logoutCurrentSession',
        summary: 'Fermer la session (et celle de FranceConnect)',
        description:
          'Détruit la session et ses données ; renvoie l’URL `session/end` de FranceConnect où envoyer le navigateur, qui revient ensuite à l’accueil.',
        response: {
          200: Type.Ref(LogoutResult),
          401: problemResponse('Pas de session ou session expirée.'),
          503: problemResponse(
            'FranceConnect ne répond pas (`urn:qf:problem:identity-provider-unavailable`).',
          ),
        },
      },
    },
    async (request, reply) => {
      const result = await logout(deps, sessionOf(request))
      reply.clearCookie(journeyCookies.session, { ...cookieBase, path: '/api' })
      return result
    },
  )

  app.post(
    '/sessions/current/login-url',
    {
      schema: {
        tags: ['journey'],
        operationId: 'renewLoginUrl',
        summary: 'Un nouveau lien de connexion pour la session en cours',
        description:
          'Pour réessayer après une connexion annulée : un nouveau ticket à usage unique (5 minutes) remplace le précédent. ' +
          'Réservé au détenteur de la session ; refusé une fois connecté (`urn:qf:problem:session-already-authenticated`).',
        response: {
          200: Type.Ref(LoginLink),
          401: problemResponse('Pas de session ou session expirée.'),
          409: problemResponse('Session déjà connectée (`urn:qf:problem:session-already-authenticated`).'),
        },
      },
    },
    async (request) => renewLoginUrl(deps, sessionOf(request)),
  )

  app.post(
    '/sessions/token',
    {
      schema: {
        tags: ['journey'],
        operationId: 'exchangeLoginCode',
        summary: 'Front-end tiers : échanger le code de connexion contre un jeton de session',
        description:
          'Le `login_code` reçu dans le fragment de l’URL de retour est à usage unique et vit 2 minutes. Le jeton s’envoie ensuite en `Authorization: Bearer`.',
        body: LoginCodeExchangeBody,
        response: {
          200: Type.Ref(SessionToken),
          401: problemResponse('Code inconnu, déjà utilisé ou expiré (`urn:qf:problem:invalid-login-code`).'),
          422: problemResponse('Corps invalide.'),
        },
      },
    },
    async (request) => exchangeLoginCode(deps, request.body.loginCode),
  )

  app.get(
    '/auth/franceconnect/login',
    {
      schema: {
        tags: ['franceconnect'],
        operationId: 'startFranceConnectLogin',
        summary: 'Envoyer le navigateur chez FranceConnect',
        description:
          'Ouvert par le navigateur (c’est le `loginUrl` de `createSession` ou de `renewLoginUrl`). Consomme le ticket (à usage unique, 5 minutes, jamais pour une session déjà connectée), lie la connexion à ce navigateur (cookie), puis redirige vers FranceConnect (code + PKCE, `state`, `nonce`, `acr_values=eidas1`). ' +
          'Sans ticket valide, rien ne démarre : le navigateur va à la page d’erreur. FranceConnect injoignable : page d’erreur `franceconnect_unavailable`, et le ticket reste valable (un rechargement repart).',
        querystring: Type.Object(
          {
            ticket: Type.Optional(
              Base64UrlToken({
                maxLength: 128,
                description: 'Le ticket de connexion à usage unique du `loginUrl`.',
              }),
            ),
          },
          { additionalProperties: true },
        ),
        response: {
          ...redirect(
            'Vers FranceConnect, ou vers la page d’erreur si le ticket est inconnu, déjà utilisé ou expiré, ou si FranceConnect ne répond pas.',
          ),
        },
      },
    },
    async (request, reply) => {
      const { location, binding } = await startLogin(deps, request.query.ticket)
      if (binding)
        reply.setCookie(journeyCookies.loginBinding, binding, {
          ...cookieBase,
          path: AUTH_PATH,
          maxAge: 30 * 60,
        })
      return reply.redirect(location, 302)
    },
  )

  app.get(
    '/auth/franceconnect/callback',
    {
      schema: {
        tags: ['franceconnect'],
        operationId: 'franceConnectCallback',
        summary: 'Retour de FranceConnect',
        description:
          'Échange le code, vérifie l’id_token (ES256 : `iss`, `aud`, `nonce`, `acr`) et le userinfo signé, lit aussitôt le quotient familial chez API Particulier, ' +
          'puis renvoie le navigateur vers `/collectivites/<SIRET>/envoyer_mes_donnees`, ou `/collectivites/<SIRET>/erreur?code=<code stable>`.',
        querystring: Type.Object(
          {
            code: Type.Optional(Base64UrlToken({ maxLength: 2048 })),
            state: Type.Optional(Base64UrlToken({ maxLength: 2048 })),
            error: Type.Optional(SafeText({ maxLength: 256 })),
            error_description: Type.Optional(SafeText({ maxLength: 2048 })),
            iss: Type.Optional(SafeText({ maxLength: 2048 })),
          },
          { additionalProperties: true },
        ),
        response: redirect('Vers le front-end : étape suivante ou page d’erreur.'),
      },
    },
    async (request, reply) => {
      // The review page will show the identity with its place names: read the lists (once per
      // process, ~150 ms) while the login completes, not on the citizen's next request.
      placeNames().catch(() => undefined)
      const url = new URL(request.url, deps.urls.apiBase)
      const outcome = await completeLogin(deps, url, request.cookies[journeyCookies.loginBinding])
      reply.clearCookie(journeyCookies.loginBinding, { ...cookieBase, path: AUTH_PATH })
      if (outcome.sessionSecret) setSessionCookie(reply, outcome.sessionSecret)
      if (outcome.failure)
        request.log.info(
          { journeyFailure: outcome.failure.code, reason: outcome.failure.reason },
          'login did not complete',
        )
      return reply.redirect(outcome.location, 302)
    },
  )

  app.get(
    '/auth/franceconnect/logout-callback',
    {
      schema: {
        tags: ['franceconnect'],
        operationId: 'franceConnectLogoutCallback',
        summary: 'Retour de la déconnexion FranceConnect',
        description:
          'Renvoie le navigateur à la page « Vous êtes déconnecté » de la collectivité (son SIRET voyage dans ' +
          '`state`), à l’accueil du site sinon.',
        response: redirect('Vers la page « Vous êtes déconnecté » de la collectivité, ou l’accueil.'),
      },
    },
    async (request, reply) => {
      // Not validated as a schema: whatever comes back (or not), the browser is redirected.
      const query: unknown = request.query
      const siret = siretOfLogoutState(
        typeof query === 'object' && query !== null && 'state' in query ? query.state : undefined,
      )
      return reply.redirect(deps.urls.loggedOut(siret ? { siret, frontendUrl: null } : null), 302)
    },
  )
}
