import type { CreatedSession, CreateSessionBody, CurrentSession, LogoutResult } from '@qf/contracts'
import { answer, api, type ApiClient } from './client.js'

/** `createSession`: opens a fresh journey (cookie-borne) and gives the FranceConnect login URL. */
export function createSession(body: CreateSessionBody, client: ApiClient = api): Promise<CreatedSession> {
  return answer(client.POST('/api/v1/sessions', { body }))
}

/** `getCurrentSession`: where the journey stands (401 problem when there is none or it expired). */
export function getCurrentSession(client: ApiClient = api): Promise<CurrentSession> {
  return answer(client.GET('/api/v1/sessions/current'))
}

/** `logoutCurrentSession`: destroys the session; the browser then goes to `logoutUrl`. */
export function logoutCurrentSession(client: ApiClient = api): Promise<LogoutResult> {
  return answer(client.POST('/api/v1/sessions/current/logout'))
}
