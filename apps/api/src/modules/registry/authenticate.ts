import type { FastifyRequest } from 'fastify'
import type { Db } from '../../db/connection.js'
import { AppError } from '../../errors/catalog.js'
import type { Clock } from '../../ports/clock.js'
import { type Scope, verifyApiKey } from './api-keys.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The scope of the API key that authenticated an admin or lookup request. */
    apiKeyScope?: Scope
    /** The public id of that key (the audit trail records it). */
    apiKeyId?: string
  }
}

/** The OpenAPI security requirement of the admin API and the lookup. */
export const apiKeySecurity: Record<string, string[]>[] = [{ apiKey: [] }]

const refused = () =>
  new AppError('apiKeyInvalid', {
    detail: 'Envoyez une clé d’API valide : `Authorization: Bearer qf_…` (clé créée par l’exploitant).',
    headers: { 'www-authenticate': 'Bearer realm="formulaire-qf-admin"' },
  })

/** `Authorization: Bearer qf_…` → the key's scope on the request; 401 problem otherwise (revoked, unknown). */
export const authenticateApiKey =
  (deps: { db: Db; clock: Clock }) =>
  async (request: FastifyRequest): Promise<void> => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')
    if (!match?.[1]) throw refused()
    const key = await verifyApiKey(deps.db, match[1], deps.clock.now())
    if (!key) throw refused()
    request.apiKeyScope = { ...key.scope, keyId: key.id }
    request.apiKeyId = key.id
  }

/** The scope set by `authenticateApiKey` (a route under it always has one). */
export function scopeOf(request: FastifyRequest): Scope {
  if (!request.apiKeyScope) throw refused()
  return request.apiKeyScope
}
