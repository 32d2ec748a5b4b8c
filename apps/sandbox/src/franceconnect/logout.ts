import type Provider from 'oidc-provider'
import type { KoaContextWithOIDC } from 'oidc-provider'
import { renderErrorPage } from './login-page.js'

type Next = () => Promise<void>

/**
 * FranceConnect's `/session/end`: `id_token_hint` is mandatory, and the logout happens at once (no
 * confirmation form): the session and its grants are destroyed, then the browser goes back to the
 * registered `post_logout_redirect_uri` with `state`.
 */
export function logoutLikeFranceConnect(provider: Provider) {
  return async (ctx: KoaContextWithOIDC, next: Next) => {
    if (ctx.path === '/session/end' && ctx.method === 'GET' && !ctx.query.id_token_hint) {
      ctx.status = 400
      ctx.type = 'html'
      ctx.body = renderErrorPage(
        'Erreur FranceConnect',
        "invalid_request : le paramètre 'id_token_hint' est obligatoire",
      )
      return
    }
    await next()
    const oidc = ctx.oidc as KoaContextWithOIDC['oidc'] | undefined
    const state = oidc?.session?.state as
      { clientId?: string; state?: string; postLogoutRedirectUri?: string } | undefined
    if (oidc?.route !== 'end_session' || ctx.status !== 200 || !oidc.session || !state) return
    const session = oidc.session
    for (const { grantId } of Object.values(session.authorizations ?? {})) {
      if (!grantId) continue
      const grant = await provider.Grant.find(grantId)
      await grant?.destroy()
    }
    await session.destroy()
    ctx.cookies.set(provider.cookieName('session'), null, { httpOnly: true, sameSite: 'lax' })
    let target: string
    if (state.postLogoutRedirectUri) {
      const url = new URL(state.postLogoutRedirectUri)
      if (state.state != null) url.searchParams.set('state', state.state)
      target = url.href
    } else target = oidc.urlFor('end_session_success')
    ctx.status = 302
    ctx.redirect(target)
  }
}
