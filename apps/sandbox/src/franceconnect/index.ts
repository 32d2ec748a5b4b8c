import type { IncomingMessage, ServerResponse } from 'node:http'
import type { StandIn, StandInContext } from '../core/stand-in.js'
import { apiParticulierIntrospectionClient } from '../seed.js'
import { loadTestIdentities } from './identities.js'
import { handleInteraction } from './interaction.js'
import { loadSigningKeys } from './keys.js'
import { logoutLikeFranceConnect } from './logout.js'
import { createProvider, type FranceConnectClient } from './provider.js'

export type { FranceConnectClient } from './provider.js'
export { loadTestIdentities, type TestIdentity } from './identities.js'

const prefix = '/franceconnect'
/** Where oidc-provider is mounted: the issuer path of FranceConnect v2. */
export const franceConnectMountPath = `${prefix}/api/v2`
const interactionPath = `${prefix}/interaction`

function sendText(res: ServerResponse, status: number, text: string) {
  if (res.headersSent) return res.end()
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
  res.end(text)
}

/** FranceConnect v2 stand-in, built on oidc-provider, issuer `${publicUrl}/franceconnect/api/v2`. */
export async function createFranceConnectStandIn(
  ctx: StandInContext,
  options: { clients: readonly FranceConnectClient[] },
): Promise<StandIn> {
  const identities = loadTestIdentities()
  const publicUrl = new URL(ctx.publicUrl)
  const provider = createProvider({
    issuer: `${ctx.publicUrl}${franceConnectMountPath}`,
    clients: options.clients,
    introspectionClient: apiParticulierIntrospectionClient,
    keys: await loadSigningKeys(),
    identities,
    interactionPath,
  })
  provider.use(logoutLikeFranceConnect(provider))
  const callback = provider.callback()

  return {
    family: 'franceconnect',
    prefixes: [prefix],
    handle(req: IncomingMessage, res: ServerResponse) {
      const url = req.url ?? '/'
      const path = url.split('?')[0] ?? '/'
      if (path.startsWith(`${interactionPath}/`)) {
        handleInteraction(provider, identities, req, res).catch(() =>
          sendText(res, 500, 'interaction failed'),
        )
        return
      }
      if (path === franceConnectMountPath || path.startsWith(`${franceConnectMountPath}/`)) {
        // Mounted under a path: oidc-provider derives its endpoint URLs from originalUrl minus url,
        // and from the forwarded host/proto (the public URL, whatever address the caller used).
        const inner = url.slice(franceConnectMountPath.length)
        Object.assign(req, { originalUrl: url })
        req.url = inner.startsWith('/') ? inner : `/${inner}`
        req.headers['x-forwarded-proto'] = publicUrl.protocol.replace(':', '')
        req.headers['x-forwarded-host'] = publicUrl.host
        callback(req, res)
        return
      }
      sendText(res, 404, 'not found')
    },
    async close() {},
  }
}
