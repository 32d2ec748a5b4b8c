import type { IncomingMessage, ServerResponse } from 'node:http'
import type Provider from 'oidc-provider'
import type { TestIdentity } from './identities.js'
import { renderErrorPage, renderLoginPage } from './login-page.js'

const maxFormBytes = 16 * 1024

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > maxFormBytes) throw new Error('form too large')
    chunks.push(chunk as Buffer)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

function sendHtml(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
  res.end(html)
}

/** The FranceConnect identity-provider step: pick a test identity, or cancel. */
export async function handleInteraction(
  provider: Provider,
  identities: readonly TestIdentity[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let details: Awaited<ReturnType<Provider['interactionDetails']>>
  try {
    details = await provider.interactionDetails(req, res)
  } catch {
    return sendHtml(
      res,
      400,
      renderErrorPage(
        'Session expirée',
        'Votre session de connexion a expiré. Retournez sur le service et recommencez.',
      ),
    )
  }
  const action = (req.url ?? '').split('?')[0] ?? ''
  if (req.method === 'GET') {
    const clientId = typeof details.params.client_id === 'string' ? details.params.client_id : ''
    return sendHtml(res, 200, renderLoginPage(action, clientId, identities))
  }
  if (req.method !== 'POST')
    return sendHtml(res, 405, renderErrorPage('Méthode non autorisée', 'Utilisez le formulaire.'))
  let form: URLSearchParams
  try {
    form = await readForm(req)
  } catch {
    return sendHtml(res, 400, renderErrorPage('Requête invalide', 'Le formulaire envoyé est illisible.'))
  }
  if (form.get('cancel')) {
    return provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: "L'usager a annulé la connexion" },
      { mergeWithLastSubmission: false },
    )
  }
  const identity = identities.find((i) => i.login === form.get('login'))
  if (!identity)
    return sendHtml(
      res,
      400,
      renderErrorPage('Identité inconnue', "Choisissez l'une des identités de test proposées."),
    )
  return provider.interactionFinished(
    req,
    res,
    { login: { accountId: identity.login, acr: 'eidas1', amr: ['pwd'] } },
    { mergeWithLastSubmission: false },
  )
}
