import { escapeHtml, page } from './html.js'
import type { TestIdentity } from './identities.js'

/** The identity provider page: one button per test identity, and a way back to the service. */
export function renderLoginPage(
  action: string,
  clientName: string,
  identities: readonly TestIdentity[],
): string {
  const items = identities
    .map(
      (i) =>
        `<li><button type="submit" name="login" value="${escapeHtml(i.login)}">${escapeHtml(i.given_name)} ${escapeHtml(i.family_name)}` +
        ` <span class="login">(${escapeHtml(i.login)})</span></button></li>`,
    )
    .join('\n')
  return page(
    'Connexion',
    `<h1>Connexion avec FranceConnect</h1>
<p>Bac à sable local : choisissez une identité de test pour vous connecter à ${escapeHtml(clientName)}.</p>
<form method="post" action="${escapeHtml(action)}">
<fieldset>
<legend>Identités de test</legend>
<ul>
${items}
</ul>
</fieldset>
<p><button type="submit" name="cancel" value="1">Annuler et revenir sur le service</button></p>
</form>`,
  )
}

/** A French error page (expired interaction, bad request). */
export function renderErrorPage(title: string, detail: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(detail)}</p>`)
}
