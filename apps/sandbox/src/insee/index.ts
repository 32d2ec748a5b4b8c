import type { IncomingMessage, ServerResponse } from 'node:http'
import type { StandIn, StandInContext } from '../core/stand-in.js'
import { findSeededEstablishment, toSireneEtablissement } from './establishments.js'

/** The sandbox's API key for the Sirene API (header `X-INSEE-Api-Key-Integration`). */
export const inseeSandboxApiKey = 'sandbox-insee-key'

export interface InseeStandInOptions {
  /** Accepted API key; default `sandbox-insee-key`. */
  apiKey?: string
}

const siretPath = /^\/insee\/api-sirene\/3\.11\/siret\/([^/]+)$/

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' })
  res.end(JSON.stringify(body))
}

function presentedKey(req: IncomingMessage): string | undefined {
  const header = req.headers['x-insee-api-key-integration']
  if (typeof header === 'string') return header
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')
  return bearer?.[1]
}

/**
 * INSEE's Sirene API 3.11 (`GET /api-sirene/3.11/siret/{siret}`) for the seeded collectivities,
 * behind the portal's API key check.
 */
export function createInseeStandIn(ctx: StandInContext, options: InseeStandInOptions = {}): StandIn {
  const apiKey = options.apiKey ?? inseeSandboxApiKey
  return {
    family: 'insee',
    prefixes: ['/insee'],
    handle(req, res) {
      const path = new URL(req.url ?? '/', 'http://insee').pathname
      const match = siretPath.exec(path)
      if (!match)
        return send(res, 404, { message: 'No context-path matches the request URI.', http_status_code: 404 })
      if (presentedKey(req) !== apiKey)
        return send(res, 401, { message: 'Unauthorized', http_status_code: 401 })
      if (req.method !== 'GET')
        return send(res, 405, { header: { statut: 405, message: 'Méthode non autorisée' } })
      const siret = decodeURIComponent(match[1] ?? '')
      if (!/^\d{14}$/.test(siret))
        return send(res, 400, {
          header: { statut: 400, message: `Erreur de syntaxe dans le paramètre siret=${siret}` },
        })
      const establishment = ctx.seed ? findSeededEstablishment(siret) : undefined
      if (!establishment)
        return send(res, 404, {
          header: { statut: 404, message: `Aucun élément trouvé pour le siret ${siret}` },
        })
      send(res, 200, {
        header: { statut: 200, message: 'ok' },
        etablissement: toSireneEtablissement(establishment),
      })
    },
    async close() {},
  }
}
