import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  CreatedSession,
  CreateSessionBody,
  CurrentSession,
  LoginCodeExchangeBody,
  LogoutResult,
  SafeText,
  Base64UrlToken,
  SessionToken,
} from '@qf/contracts'
import { problemResponse } from '../../plugins/openapi.js'
import type { JourneyService } from './service.js'

export const SESSION_COOKIE = 'qf_session'
export const LOGIN_BINDING_COOKIE = 'qf_login'
const AUTH_PATH = '/api/v1/auth/franceconnect'
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export interface JourneyRoutesOptions {
  service: JourneyService
  /** Cookies get `Secure` when the API is served over https (everywhere but localhost). */
  secureCookies: boolean
}

const redirect = (description: string) => ({ 302: Type.Null({ description }) })

/** The session credential: `Authorization: Bearer <token>` (third-party front ends) or the cookie. */
function credential(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || undefined
  return request.cookies[SESSION_COOKIE]
}

const sessionAuth: Record<string, string[]>[] = [{ sessionCookie: [] }, { sessionToken: [] }]

export const journeyRoutes: FastifyPluginAsyncTypebox<JourneyRoutesOptions> = async (
  app,
  { service, secureCookies },
) => {
  const cookieBase = { httpOnly: true, sameSite: 'lax' as const, secure: secureCookies }
  const setSessionCookie = (reply: FastifyReply, secret: string) =>
    reply.setCookie(SESSION_COOKIE, secret, { ...cookieBase, path: '/api' })

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
            'Collectivité inconnue ou inactive (`urn:qf:problem:collectivity-not-found`).',
          ),
          422: problemResponse(
            'Corps invalide (`urn:qf:problem:validation`), `redirectUri` refusée (`urn:qf:problem:invalid-redirect-uri`) ou `frontendUrl` refusée (`urn:qf:problem:invalid-frontend-url`).',
          ),
        },
      },
    },
    async (request, reply) => {
      const { secret, transport, created } = await service.createSession(
        request.body,
        request.cookies[SESSION_COOKIE],
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
        summary: 'Où en est le parcours : collectivité, identité, quotient familial',
        description: 'Repousse l’expiration d’inactivité (30 minutes).',
        security: sessionAuth,
        response: {
          200: Type.Ref(CurrentSession),
          401: problemResponse(
            'Pas de session (`urn:qf:problem:session-missing`) ou session expirée (`urn:qf:problem:session-expired`).',
          ),
        },
      },
    },
    async (request) => service.view(await service.current(credential(request))),
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
        security: sessionAuth,
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
      const result = await service.logout(credential(request))
      reply.clearCookie(SESSION_COOKIE, { ...cookieBase, path: '/api' })
      return result
    },
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
    async (request) => service.exchangeLoginCode(request.body.loginCode),
  )

  app.get(
    '/auth/franceconnect/login',
    {
      schema: {
        tags: ['franceconnect'],
        operationId: 'startFranceConnectLogin',
        summary: 'Envoyer le navigateur chez FranceConnect',
        description:
          'Ouvert par le navigateur (c’est le `loginUrl` de `createSession`). Lie la connexion à ce navigateur (cookie), puis redirige vers FranceConnect (code + PKCE, `state`, `nonce`, `acr_values=eidas1`).',
        querystring: Type.Object({
          session: Base64UrlToken({ maxLength: 64, description: 'L’`id` de la session.' }),
        }),
        response: {
          ...redirect('Vers FranceConnect, ou vers la page d’erreur du site si la session a expiré.'),
          503: problemResponse('FranceConnect ne répond pas.'),
        },
      },
    },
    async (request, reply) => {
      const sessionId = request.query.session.toLowerCase()
      const { location, binding } = uuidPattern.test(sessionId)
        ? await service.startLogin(sessionId)
        : { location: `${service.homeUrl}erreur?code=session_expired`, binding: undefined }
      if (binding)
        reply.setCookie(LOGIN_BINDING_COOKIE, binding, { ...cookieBase, path: AUTH_PATH, maxAge: 30 * 60 })
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
      const url = new URL(request.url, service.callbackBase)
      const outcome = await service.completeLogin(url, request.cookies[LOGIN_BINDING_COOKIE])
      reply.clearCookie(LOGIN_BINDING_COOKIE, { ...cookieBase, path: AUTH_PATH })
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
        description: 'Renvoie le navigateur à l’accueil du site.',
        response: redirect('Vers l’accueil.'),
      },
    },
    async (_request, reply) => reply.redirect(service.homeUrl, 302),
  )
}
