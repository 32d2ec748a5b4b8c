import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { launchBrowser, watchPage, type PageWatch } from './helpers/browser.js'
import { buildSpa, type BuiltSpa } from './helpers/build-spa.js'
import { startStaticServer, type StaticServer } from './helpers/static-server.js'

describe('SPA shell in Chromium', () => {
  let spa: BuiltSpa | undefined
  let server: StaticServer | undefined
  let browser: Browser | undefined
  let context: BrowserContext
  let page: Page
  let watch: PageWatch

  const baseUrl = () => {
    if (!server) throw new Error('static server not started')
    return server.url
  }

  beforeAll(async () => {
    browser = await launchBrowser()
    spa = await buildSpa()
    server = await startStaticServer(spa.dir)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await spa?.remove()
  })

  beforeEach(async () => {
    if (!browser) throw new Error('browser not launched')
    context = await browser.newContext()
    page = await context.newPage()
    watch = watchPage(page, baseUrl())
  })

  afterEach(async () => {
    await context.close()
    expect(watch.errors).toEqual([])
    expect(watch.foreignRequests).toEqual([])
  })

  it('renders the home page in French with the DSFR header, skip links and a titled main region', async () => {
    await page.goto(`${baseUrl()}/`)
    await page.getByRole('heading', { level: 1 }).waitFor()

    expect(await page.getAttribute('html', 'lang')).toBe('fr')
    expect(await page.title()).toBe('Accueil - Quotient familial')
    // DSFR writes the Marianne block on two lines (and the CSS shows it in capitals).
    expect((await page.locator('.fr-header .fr-logo').innerHTML()).trim()).toBe('République<br>Française')
    expect(await page.locator('.fr-header__service-title').innerText()).toBe('Quotient familial')
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'Transmettre votre quotient familial à votre collectivité',
    )
    expect(await page.locator('main#contenu[role="main"]').count()).toBe(1)
    expect(await page.locator('.fr-skiplinks a[href="#contenu"]').count()).toBe(1)
    expect(await page.locator('footer').innerText()).toContain('Accessibilité : non conforme')
    // The DSFR styles apply, with its self-hosted Marianne font (no DSFR script: ADR 0018).
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('Marianne')
    await page.evaluate(() => document.fonts.ready)
    expect(await page.evaluate(() => document.fonts.check('1rem Marianne'))).toBe(true)
  })

  it('shows the 404 view on an unknown path, and its link leads home with focus on the new heading', async () => {
    await page.goto(`${baseUrl()}/collectivites-inconnues/rien/ici`)
    const heading = page.getByRole('heading', { level: 1 })
    await heading.waitFor()

    expect(await heading.innerText()).toBe('Page non trouvée')
    expect(await page.title()).toBe('Page non trouvée - Quotient familial')

    await page.getByRole('link', { name: 'Page d’accueil' }).click()
    await page.waitForURL(`${baseUrl()}/`)
    await page
      .getByRole('heading', { level: 1, name: 'Transmettre votre quotient familial à votre collectivité' })
      .waitFor()

    expect(await page.title()).toBe('Accueil - Quotient familial')
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
  })

  it('is served like production: SPA fallback for routes, 404 for a missing asset', async () => {
    const route = await fetch(`${baseUrl()}/une/route/du/client`)
    expect(route.status).toBe(200)
    expect(await route.text()).toContain('<div id="app">')
    expect((await fetch(`${baseUrl()}/assets/absent.js`)).status).toBe(404)
  })
})
