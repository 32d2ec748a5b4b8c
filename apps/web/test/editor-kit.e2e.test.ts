import jsQR from 'jsqr'
import type { Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { beforeEach, describe, expect, it } from 'vitest'
import { SIRET } from './fixtures/journey.js'
import { checkPageState, MOBILE } from './helpers/page-checks.js'
import { cannedSpaSuite } from './helpers/canned-spa-suite.js'
import { ALLOWED_REDIRECT_ORIGIN } from './helpers/fake-journey-api.js'
import { createFakeKitApi } from './helpers/fake-kit-api.js'

describe('the editors’ and collectivities’ area in Chromium (share kit)', () => {
  const suite = cannedSpaSuite({ createApi: createFakeKitApi, viewport: MOBILE })
  let page: Page
  beforeEach(() => {
    ;({ page } = suite.world)
  })
  const baseUrl = () => suite.world.baseUrl

  const checkState = (name: string, h1: string, title: string) =>
    checkPageState(page, { name, h1, title, axeOnDesktop: true })

  /** The PNG behind a link of the page, fetched by the page itself, decoded back to the text it carries. */
  async function decodePng(href: string): Promise<string | undefined> {
    const bytes = await page.evaluate(async (url) => {
      const response = await fetch(url)
      return Array.from(new Uint8Array(await response.arrayBuffer()))
    }, href)
    const png = PNG.sync.read(Buffer.from(bytes))
    return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data
  }

  it('links vendors to the guide, the kit, the versioned schemas, the OpenAPI explorer and how to get a key', async () => {
    await page.goto(`${baseUrl()}/editeurs`)
    const links = page.getByTestId('editor-resources').getByRole('link')
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
    expect(hrefs).toEqual([
      '/editeurs/ressources/guide-editeurs.md',
      '/editeurs/ressources/kit-README.md',
      '/editeurs/ressources/kit-CHANGELOG.md',
      '/editeurs/ressources/formulaire-qf.schema.json',
      '/editeurs/ressources/formulaire-qf.xsd',
      '/editeurs/ressources/formulaire-qf-xml.md',
      '/editeurs/ressources/webhook-event.schema.json',
      '/docs/',
      '/openapi.json',
    ])
    // The files are in the built SPA, from the repository's own (not a copy).
    const served = await page.evaluate(
      async (urls) =>
        Promise.all(
          urls.map(async (u) => ({
            u,
            status: (await fetch(u)).status,
            text: (await (await fetch(u)).text()).slice(0, 200),
          })),
        ),
      hrefs.filter((h) => h.startsWith('/editeurs/ressources/')),
    )
    for (const r of served) expect({ u: r.u, status: r.status }).toEqual({ u: r.u, status: 200 })
    expect(served[0]?.text).toContain('# Guide des éditeurs')
    expect(served[3]?.text).toContain('"$id": "urn:qf:schema:formulaire-qf:')
    expect(served[4]?.text).toContain('<xs:schema')
    await expect.poll(() => page.getByRole('heading', { name: 'Obtenir une clé d’éditeur' }).count()).toBe(1)
  })

  it('is linked from the footer and the home page; a search leads to a collectivity’s kit', async () => {
    await page.goto(`${baseUrl()}/`)
    expect(
      await page
        .locator('footer')
        .getByRole('link', { name: 'Éditeurs et collectivités' })
        .getAttribute('href'),
    ).toBe('/editeurs')
    await page.locator('main').getByRole('link', { name: 'Éditeurs et collectivités' }).click()
    await checkState('editors', 'Éditeurs et collectivités', 'Éditeurs et collectivités')
    await page.getByLabel(/Nom de la collectivité/).fill('maja')
    await page.getByRole('link', { name: 'Majastres' }).click()
    await page.waitForURL(`${baseUrl()}/editeurs/collectivites/${SIRET}`)
    await checkState('kit', 'Kit de communication de Majastres', 'Kit de communication')
    expect(await page.getByTestId('kit-public-url').textContent()).toBe(`${baseUrl()}/collectivites/${SIRET}`)
  })

  it('builds a personalised link checked live, whose QR code decodes back to that link', async () => {
    await page.goto(`${baseUrl()}/editeurs/collectivites/${SIRET}`)
    await page.getByRole('heading', { level: 1, name: 'Kit de communication de Majastres' }).waitFor()
    await page.getByLabel(/Identifiant de l’usager/).fill('famille-42')
    await page.getByLabel(/Page de retour/).fill(`${ALLOWED_REDIRECT_ORIGIN}/qf/retour`)
    const expected = `${baseUrl()}/collectivites/${SIRET}?external_id=famille-42&redirect_uri=${encodeURIComponent(`${ALLOWED_REDIRECT_ORIGIN}/qf/retour`)}`
    await page.getByTestId('kit-personal-url').filter({ hasText: 'famille-42' }).waitFor()
    expect(await page.getByTestId('kit-personal-url').textContent()).toBe(expected)
    expect(await page.getByTestId('kit-link-state').textContent()).toContain('Lien vérifié')
    const png = await page.getByTestId('kit-personal-png').getAttribute('href')
    expect(png).toBeTruthy()
    expect(await decodePng(png ?? '')).toBe(expected)
    // The email is for every family: the collectivity's public link, not this one.
    await page.getByLabel(/Adresse de contact/).fill('enfance@majastres.fr')
    const email = (await page.getByTestId('email-body').textContent()) ?? ''
    expect(email).toContain('Majastres vous propose')
    expect(email).toContain(`Rendez-vous sur : ${baseUrl()}/collectivites/${SIRET}\n`)
    expect(email).not.toContain(expected)
    expect(email).toContain('FranceConnect')
    expect(email).toContain('Pour arrêter cette mise à jour automatique, écrivez-nous à enfance@majastres.fr')
    await checkState('kit-personalised', 'Kit de communication de Majastres', 'Kit de communication')
  })

  it('the email to families never carries one user’s external_id: the personalised link is its own, labelled output', async () => {
    await page.goto(`${baseUrl()}/editeurs/collectivites/${SIRET}`)
    await page.getByRole('heading', { level: 1, name: 'Kit de communication de Majastres' }).waitFor()
    // Before any user id: no personalised link on the page.
    expect(await page.getByTestId('kit-personal-url').count()).toBe(0)
    await page.getByLabel(/Identifiant de l’usager/).fill('CP-1001')
    await page.getByLabel(/Page de retour/).fill(`${ALLOWED_REDIRECT_ORIGIN}/qf/retour`)
    const personal = page.getByTestId('kit-personal-url').filter({ hasText: 'CP-1001' })
    await personal.waitFor()
    // The personalised link: labelled for one user, with its warning, next to it.
    const output = page.getByRole('region', { name: 'Lien personnalisé pour un usager (ne pas diffuser)' })
    expect(await output.getByTestId('kit-personal-url').textContent()).toContain('external_id=CP-1001')
    expect(await output.getByTestId('kit-personal-warning').textContent()).toContain(
      'Ne l’envoyez pas à toutes les familles',
    )
    // The email and its mailto: link: the public link only, no user id, no return page.
    const publicUrl = `${baseUrl()}/collectivites/${SIRET}`
    const email = (await page.getByTestId('email-body').textContent()) ?? ''
    expect(email).toContain(`Rendez-vous sur : ${publicUrl}\n`)
    const mailto = decodeURIComponent(
      (await page
        .getByRole('link', { name: 'Ouvrir ce courriel dans ma messagerie' })
        .getAttribute('href')) ?? '',
    )
    expect(mailto).toContain(`Rendez-vous sur : ${publicUrl}\n`)
    for (const text of [email, mailto])
      for (const forbidden of ['CP-1001', 'external_id', 'redirect_uri', ALLOWED_REDIRECT_ORIGIN])
        expect(text).not.toContain(forbidden)
    await checkState('kit-email-public-link', 'Kit de communication de Majastres', 'Kit de communication')
  })

  it('says why a redirect_uri is refused, and shows no link for it', async () => {
    suite.expectStatuses(422)
    await page.goto(`${baseUrl()}/editeurs/collectivites/${SIRET}`)
    await page.getByRole('heading', { level: 1, name: 'Kit de communication de Majastres' }).waitFor()
    await page.getByLabel(/Page de retour/).fill('https://ailleurs.example/retour')
    await page.getByTestId('kit-link-state').filter({ hasText: 'refusé' }).waitFor()
    expect(await page.getByTestId('kit-link-state').textContent()).toBe(
      'Lien refusé : l’adresse de retour le site https://ailleurs.example n’est pas autorisé par cette collectivité : demandez-lui de l’ajouter à sa liste.',
    )
    expect(await page.getByTestId('kit-personal-url').count()).toBe(0)
    await checkState('kit-refused', 'Kit de communication de Majastres', 'Kit de communication')
  })

  it('prints an A4 poster: the QR code and the address, without the site’s header and footer', async () => {
    await page.goto(`${baseUrl()}/editeurs/collectivites/${SIRET}/affiche`)
    await checkState('poster', 'Transmettez votre quotient familial à Majastres', 'Affiche à imprimer')
    expect(await page.getByTestId('poster').textContent()).toContain(`${baseUrl()}/collectivites/${SIRET}`)
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('header').first().isVisible()).toBe(false)
    expect(await page.locator('footer').first().isVisible()).toBe(false)
    expect(await page.getByRole('button', { name: 'Imprimer l’affiche' }).isVisible()).toBe(false)
    expect(await page.getByTestId('poster').isVisible()).toBe(true)
    const pdf = await page.pdf({ preferCSSPageSize: true })
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []
    expect(pages).toHaveLength(1)
  })

  it('an unknown collectivity gets a clear page', async () => {
    suite.expectStatuses(404)
    await page.goto(`${baseUrl()}/editeurs/collectivites/99999999999999`)
    await checkState('kit-unknown', 'Collectivité inconnue', 'Kit de communication')
  })
})
