import type { CreatedSession, CreateSessionBody, CurrentSession, LogoutResult } from '@qf/contracts'
import { api, type ApiClient } from './client.js'

/** `createSession`: opens a fresh journey (cookie-borne) and gives the FranceConnect login URL. */
export function createSession(body: CreateSessionBody, client: ApiClient = api): Promise<CreatedSession> {
  return client.request<CreatedSession>('/api/v1/sessions', { method: 'POST', body })
}

/** `getCurrentSession`: where the journey stands (401 problem when there is none or it expired). */
export function getCurrentSession(client: ApiClient = api): Promise<CurrentSession> {
  return client.request<CurrentSession>('/api/v1/sessions/current')
}

/** `logoutCurrentSession`: destroys the session; the browser then goes to `logoutUrl`. */
export function logoutCurrentSession(client: ApiClient = api): Promise<LogoutResult> {
  return client.request<LogoutResult>('/api/v1/sessions/current/logout', { method: 'POST' })
}
