import { gzipSync } from 'node:zlib'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  authenticatedSession,
  notOfferedCollectivities,
  QUEUED_THEN_DELIVERED,
  REFERENCE,
  SIRET,
  submissionsByState,
} from './fixtures/journey.js'
import { saveScreenshot } from './helpers/artifacts.js'
import { axeViolations } from './helpers/axe.js'
import { checkPageState, MOBILE } from './helpers/page-checks.js'
import { cannedSpaSuite } from './helpers/canned-spa-suite.js'
import { createFakeJourneyApi, UNAVAILABLE_SIRET, type FakeJourneyApi } from './helpers/fake-journey-api.js'

/** The budget for the JavaScript a first visit downloads, gzipped. */
const FIRST_LOAD_JS_BUDGET = 50 * 1024

describe('every page and state in Chromium: axe-core WCAG 2.1 A/AA, titles, focus, 320 px to desktop', () => {
  const suite = cannedSpaSuite({ createApi: createFakeJourneyApi, viewport: MOBILE })
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let api: FakeJourneyApi
  beforeEach(() => {
    ;({ browser, context, page, api } = suite.world)
  })
  const baseUrl = () => suite.world.baseUrl
  const checkState = (name: string, h1: string, title: string) => checkPageState(page, { name, h1, title })

  async function logIn(): Promise<void> {
    await page.goto(`${baseUrl()}/collectivites/${SIRET}`)
    await page.getByRole('button', { name: 'S’identifier avec FranceConnect' }).click()
    await page.waitForURL(`${baseUrl()}/collectivites/${SIRET}/envoyer_mes_donnees`)
    await page.getByRole('heading', { level: 1, name: 'Vérifiez vos informations' }).waitFor()
  }

  const pages: [name: string, path: string, h1: string, title: string][] = [
    ['home', '/', 'Transmettre votre quotient familial à votre collectivité', 'Accueil'],
    ['picker', '/collectivites', 'Trouver votre collectivité', 'Trouver votre collectivité'],
    [
      'landing',
      `/collectivites/${SIRET}`,
      'Transmettre votre quotient familial à Majastres',
      'Transmettre votre quotient familial',
    ],
    [
      'alternatives',
      `/collectivites/${SIRET}/sans_france_connect`,
      'Transmettre votre quotient familial sans FranceConnect',
      'Sans FranceConnect',
    ],
    [
      'error-cancelled',
      `/collectivites/${SIRET}/erreur?code=franceconnect_access_denied`,
      'La démarche n’a pas pu aboutir',
      'Démarche interrompue',
    ],
    [
      'error-qf-not-found',
      `/collectivites/${SIRET}/erreur?code=qf_not_found`,
      'La démarche n’a pas pu aboutir',
      'Démarche interrompue',
    ],
    ['error-generic', '/erreur', 'La démarche n’a pas pu aboutir', 'Démarche interrompue'],
    ['faq', '/faq', 'Questions fréquentes', 'Questions fréquentes'],
    ['accessibility', '/accessibilite', 'Déclaration d’accessibilité', 'Déclaration d’accessibilité'],
    ['personal-data', '/donnees-personnelles', 'Données personnelles', 'Données personnelles'],
    ['legal-notice', '/mentions-legales', 'Mentions légales', 'Mentions légales'],
    ['not-found', '/une/page/absente', 'Page non trouvée', 'Page non trouvée'],
    ['tracking', '/suivi', 'Suivre un envoi', 'Suivre un envoi'],
  ]

  it.each(pages)('%s (%s)', async (name, path, h1, title) => {
    await page.goto(`${baseUrl()}${path}`)
    await checkState(name, h1, title)
  })

  it('landing: an unknown or inactive collectivity gets a clear page', async () => {
    suite.expectStatuses(404)
    await page.goto(`${baseUrl()}/collectivites/99999999999999`)
    await checkState('landing-unknown', 'Collectivité inconnue', 'Transmettre votre quotient familial')
    expect(await page.getByRole('link', { name: 'Chercher ma collectivité' }).getAttribute('href')).toBe(
      '/collectivites',
    )
  })

  it.each([
    ['not_yet_offered', 'Cette collectivité ne propose pas encore ce service', 'pas encore'],
    ['no_longer_offered', 'Cette collectivité ne propose plus ce service', 'plus'],
  ] as const)(
    'landing: a collectivity that is known but %s gets its own page (title, h1, what to do instead)',
    async (code, h1, wording) => {
      suite.expectStatuses(404)
      const { siret, name } = notOfferedCollectivities[code]
      await page.goto(`${baseUrl()}/collectivites/${siret}`)
      await checkPageState(page, { name: `landing-${code}`, h1, title: h1, axeOnDesktop: true })
      const main = await page.locator('main').innerText()
      expect(main).toContain(`${name} ne propose ${wording} ce service.`) // the API's detail, naming it
      expect(main).toContain('attestation de quotient familial')
      expect(main).toContain('Remettez-la à votre collectivité')
      expect(main).not.toContain('Collectivité inconnue')
      expect(main).not.toContain('Vérifiez l’adresse')
      expect(await page.getByRole('button', { name: 'S’identifier avec FranceConnect' }).count()).toBe(0)
      // Leaving the page gives the title back to the route.
      await page.getByRole('link', { name: 'Page d’accueil' }).click()
      await page.getByRole('heading', { level: 1, name: /à votre collectivité$/ }).waitFor()
      expect(await page.title()).toBe('Accueil - Quotient familial')
    },
  )

  it('alternatives: an unknown collectivity still gets the alternatives', async () => {
    suite.expectStatuses(404)
    await page.goto(`${baseUrl()}/collectivites/99999999999999/sans_france_connect`)
    await checkState('alternatives-unknown', 'Collectivité inconnue', 'Sans FranceConnect')
    expect(await page.locator('main').innerText()).toContain('Attestation de quotient familial')
  })

  it('alternatives: a collectivity that no longer offers the service gets its page, with the attestation', async () => {
    suite.expectStatuses(404)
    const { siret } = notOfferedCollectivities.no_longer_offered
    await page.goto(`${baseUrl()}/collectivites/${siret}/sans_france_connect`)
    const h1 = 'Cette collectivité ne propose plus ce service'
    await checkPageState(page, { name: 'alternatives-no-longer-offered', h1, title: h1 })
    const main = await page.locator('main').innerText()
    expect(main).toContain('Strasbourg ne propose plus ce service.')
    expect(main).toContain('Attestation de quotient familial')
    expect(main).not.toContain('Collectivité inconnue')
  })

  it('landing: while loading, the wait is announced; when the API is down, a retry is offered', async () => {
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route(`**/api/v1/collectivities/${UNAVAILABLE_SIRET}`, async (route) => {
      await held
      await route.continue()
    })
    suite.expectStatuses(503)
    await page.goto(`${baseUrl()}/collectivites/${UNAVAILABLE_SIRET}`)
    const status = page.getByTestId('page-loading')
    await status.waitFor()
    expect(await status.getAttribute('role')).toBe('status')
    expect(await axeViolations(page)).toEqual([])
    await saveScreenshot(page, 'landing-loading-320')

    release()
    await checkState(
      'landing-unavailable',
      'Service momentanément indisponible',
      'Transmettre votre quotient familial',
    )
    const before = api.requests.length
    await page.getByRole('button', { name: 'Réessayer' }).click()
    await page.getByRole('heading', { level: 1, name: 'Service momentanément indisponible' }).waitFor()
    expect(api.requests.length).toBeGreaterThan(before)
  })

  it('landing: a refused redirect_uri shows the invalid-link alert (axe clean)', async () => {
    suite.expectStatuses(422)
    await page.goto(
      `${baseUrl()}/collectivites/${SIRET}?redirect_uri=${encodeURIComponent('https://ailleurs.test/x')}`,
    )
    await page.getByRole('button', { name: 'S’identifier avec FranceConnect' }).click()
    await page.getByRole('alert').waitFor()
    await checkState(
      'landing-invalid-link',
      'Transmettre votre quotient familial à Majastres',
      'Transmettre votre quotient familial',
    )
  })

  it('landing: "Retrouvez / partagez cette page" gives the public URL, its QR code from the API, and the PNG', async () => {
    await page.goto(`${baseUrl()}/collectivites/${SIRET}/me_connecter?external_id=famille-1234`)
    const share = page.getByTestId('share')
    await share.waitFor()
    expect(await share.getByRole('heading', { level: 2 }).innerText()).toBe('Retrouvez / partagez cette page')
    // The public URL only: never the external_id of the link that was followed.
    expect(await page.getByTestId('share-url').innerText()).toBe(`${baseUrl()}/collectivites/${SIRET}`)
    const qr = page.getByTestId('share-qr')
    expect(await qr.getAttribute('src')).toBe(`/api/v1/collectivities/${SIRET}/qrcode.svg`)
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="share-qr"]')
      return img?.complete === true && img.naturalWidth > 0
    })
    const download = page.getByRole('link', { name: 'Télécharger le QR code (image PNG)' })
    expect(await download.getAttribute('href')).toBe(`/api/v1/collectivities/${SIRET}/qrcode.png`)
    expect(await download.getAttribute('download')).toBe(`qrcode-${SIRET}.png`)
    expect(await page.getByTestId('alternatives-link').getAttribute('href')).toBe(
      `/collectivites/${SIRET}/sans_france_connect`,
    )
  })

  it('/collectivities/:siret (the editors’ guide spelling) redirects to /collectivites/:siret with its query', async () => {
    const query = `external_id=famille-1234&redirect_uri=${encodeURIComponent('https://portail.majastres.fr/qf')}`
    await page.goto(`${baseUrl()}/collectivities/${SIRET}?${query}`)
    await page
      .getByRole('heading', { level: 1, name: 'Transmettre votre quotient familial à Majastres' })
      .waitFor()
    const landed = new URL(page.url())
    expect(landed.pathname).toBe(`/collectivites/${SIRET}`)
    expect(Object.fromEntries(landed.searchParams)).toEqual({
      external_id: 'famille-1234',
      redirect_uri: 'https://portail.majastres.fr/qf',
    })
  })

  it('picker: results are announced, reachable with the keyboard alone, and lead to the landing', async () => {
    await page.goto(`${baseUrl()}/collectivites`)
    const input = page.getByLabel('Nom de la commune, code postal ou numéro de département')
    await input.focus()
    await page.keyboard.type('amb')
    const status = page.getByTestId('search-status')
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="search-status"]')?.textContent?.trim() ===
        '1 collectivité trouvée.',
    )
    expect(await status.getAttribute('aria-live')).toBe('polite')
    expect(await page.getByTestId('results').innerText()).toContain('Ambérieu-en-Bugey')
    await checkState('picker-results', 'Trouver votre collectivité', 'Trouver votre collectivité')
    expect(page.url()).toBe(`${baseUrl()}/collectivites?q=amb`)

    await input.focus()
    await page.keyboard.press('Tab') // the "Rechercher" button
    await page.keyboard.press('Tab') // the first result
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ambérieu-en-Bugey')
    await page.keyboard.press('Enter')
    await page.waitForURL(`${baseUrl()}/collectivites/21010004600015`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1')
  })

  it('picker: a search with no result says so, in the live region too', async () => {
    await page.goto(`${baseUrl()}/collectivites?q=zzzz`)
    await page.getByTestId('no-result').waitFor()
    expect(await page.getByTestId('search-status').innerText()).toBe(
      'Aucune collectivité ne correspond à « zzzz ».',
    )
    await checkState('picker-no-result', 'Trouver votre collectivité', 'Trouver votre collectivité')
  })

  it('review: stepper with the time left; the header names the person and logs out; nothing personal is stored', async () => {
    await logIn()
    await checkState('review', 'Vérifiez vos informations', 'Vérifier vos informations')
    const stepper = page.locator('.fr-stepper')
    expect(await stepper.locator('.fr-stepper__title').innerText()).toContain('Relire les informations')
    expect(await stepper.locator('.fr-stepper__state').innerText()).toBe('Étape 2 sur 4')
    expect(await page.getByTestId('time-left').innerText()).toMatch(/^Temps restant : environ \d+ minutes/)

    const identity = authenticatedSession.identity
    if (!identity) throw new Error('the fixture has no identity')
    expect(await page.getByTestId('header-user-name').innerText()).toBe(`Angela ${identity.familyName}`)
    // No personal data in the address, the title, the storage or the HTML comments.
    const stored = await page.evaluate(() => [localStorage.length, sessionStorage.length])
    expect(stored).toEqual([0, 0])
    for (const value of [page.url(), await page.title()]) {
      expect(value).not.toContain(identity.familyName)
      expect(value).not.toContain('Angela')
    }
    expect(await page.content()).not.toMatch(/<!--(?:(?!-->)[^])*DUBOIS/)

    await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).click()
    await page.waitForURL(`${baseUrl()}/`)
    await page
      .getByRole('heading', { level: 1, name: 'Transmettre votre quotient familial à votre collectivité' })
      .waitFor()
    expect(await page.getByTestId('header-user').count()).toBe(0)
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toContain('POST /api/v1/sessions/current/logout')
  })

  it('the journey works with the keyboard alone, and nothing personal reaches the console', async () => {
    const consoleLines: string[] = []
    page.on('console', (message) => consoleLines.push(message.text()))
    /** Presses Tab until the focused element is the one named, as a keyboard user would. */
    async function tabTo(name: string): Promise<void> {
      for (let presses = 0; presses < 40; presses += 1) {
        await page.keyboard.press('Tab')
        const focused = await page.evaluate(() => {
          const element = document.activeElement
          return element instanceof HTMLElement ? element.innerText.replace(/\s+/g, ' ').trim() : ''
        })
        if (focused === name) return
      }
      throw new Error(`"${name}" cannot be reached with Tab`)
    }

    await page.goto(`${baseUrl()}/collectivites/${SIRET}`)
    await page
      .getByRole('heading', { level: 1, name: 'Transmettre votre quotient familial à Majastres' })
      .waitFor()
    await tabTo('S’identifier avec FranceConnect')
    await page.keyboard.press('Enter')
    await page.waitForURL(`${baseUrl()}/collectivites/${SIRET}/envoyer_mes_donnees`)
    await page.getByRole('heading', { level: 1, name: 'Vérifiez vos informations' }).waitFor()
    await saveScreenshot(page, 'journey-keyboard-review-320')

    await tabTo('Se déconnecter') // the header's, first in the page order
    await page.keyboard.press('Enter')
    await page.waitForURL(`${baseUrl()}/`)
    expect(consoleLines.filter((line) => /DUBOIS|Angela|1962/.test(line))).toEqual([])
  })

  it('consent step and confirmation (canned API): axe clean, the return link from the session', async () => {
    await logIn()
    await page.getByRole('button', { name: 'Continuer vers l’envoi' }).click()
    await checkState('consent', 'Acceptez l’envoi de vos informations', 'Accepter l’envoi')
    await page.locator('label[for="consentement"]').click()
    await page.getByRole('button', { name: 'Transmettre mes données à Majastres' }).click()
    await page.waitForURL(`${baseUrl()}/collectivites/${SIRET}/confirmation/${REFERENCE}`)
    await page.getByTestId('return-link').waitFor()
    await checkState(
      'confirmation',
      'Vos informations ont été transmises à Majastres',
      'Transmis à Majastres',
    )
    expect(await page.getByTestId('return-link').getAttribute('href')).toBe('https://portail.majastres.fr/qf')
    expect(await page.getByTestId('submission-status').innerText()).toMatch(/transmis à la collectivité/i)
  })

  const NBSP = '\u00a0'
  const confirmationStates: [state: string, h1: string, title: string, badge: string, retry: boolean][] = [
    ['queued', 'Envoi en cours vers Majastres', 'Envoi en cours', 'Envoi en cours', false],
    [
      'delivered',
      'Vos informations ont été transmises à Majastres',
      'Transmis à Majastres',
      'Transmis à la collectivité',
      false,
    ],
    [
      'si_received',
      'Vos informations ont été reçues par Majastres',
      'Transmis à Majastres',
      'Reçu par la collectivité',
      false,
    ],
    [
      'in_progress',
      'Majastres traite votre dossier',
      'Transmis à Majastres',
      'En cours de traitement',
      false,
    ],
    ['done', 'Majastres a traité votre dossier', 'Transmis à Majastres', 'Traité', false],
    [
      'refused',
      'Majastres n’a pas accepté votre dossier',
      'Refusé par Majastres',
      'Refusé par la collectivité',
      false,
    ],
    [
      'failed',
      'Vos informations n’ont pas pu être transmises',
      'Échec de l’envoi',
      'Échec de la transmission',
      false,
    ],
    [
      'failed-collectivity_cannot_receive',
      'Vos informations n’ont pas pu être transmises',
      'Échec de l’envoi',
      'Échec de la transmission',
      false,
    ],
    [
      'failed-hub_rejected',
      'Vos informations n’ont pas pu être transmises',
      'Échec de l’envoi',
      'Échec de la transmission',
      false,
    ],
    [
      'failed-dossier_unreadable',
      'Vos informations n’ont pas pu être transmises',
      'Échec de l’envoi',
      'Échec de la transmission',
      true,
    ],
    [
      'failed-hub_unavailable',
      'Vos informations n’ont pas pu être transmises',
      'Échec de l’envoi',
      'Échec de la transmission',
      true,
    ],
  ]

  it.each(confirmationStates)(
    'confirmation, %s: its own heading and title, the live region, what to do, axe, 320 px',
    async (state, h1, title, badge, retry) => {
      suite.expectStatuses(401) // no journey in this browser: no return link
      const submission = submissionsByState[state]
      if (!submission) throw new Error(`no canned sending for ${state}`)
      await page.goto(`${baseUrl()}/collectivites/${SIRET}/confirmation/${submission.reference}`)
      const failing = state === 'refused' || state.startsWith('failed')
      if (failing) await page.getByTestId('submission-advice').waitFor()
      await checkPageState(page, { name: `confirmation-${state}`, h1, title })
      expect(await page.getByTestId('submission-status').innerText()).toMatch(new RegExp(badge, 'i'))
      // One polite live region for the status, empty on arrival (the focused h1 is read instead).
      const announcement = page.getByTestId('status-announcement')
      expect(await announcement.getAttribute('role')).toBe('status')
      expect(await announcement.textContent()).toBe('')
      const main = await page.locator('main').innerText()
      if (failing) {
        expect(main).not.toContain('Vos informations ont été transmises')
        expect(main).not.toContain('Envoi enregistré')
        expect(main).toContain(`Que pouvez-vous faire${NBSP}?`)
        expect(await page.getByTestId('advice-attestation').getAttribute('href')).toBe(
          `/collectivites/${SIRET}/sans_france_connect`,
        )
        expect(await page.getByTestId('advice-retry').count()).toBe(retry ? 1 : 0)
        if (!retry) expect(main).not.toMatch(/recommence/i)
        if (state.startsWith('failed')) expect(main).toContain('rien ne lui a été transmis')
        if (state === 'refused') expect(main).toContain('Contactez Majastres')
      } else {
        expect(await page.getByTestId('submission-advice').count()).toBe(0)
        expect(main).toContain('Envoi enregistré')
      }
    },
  )

  it('confirmation: a status change updates the heading and title, announced once by the live region', async () => {
    suite.expectStatuses(401)
    await page.goto(`${baseUrl()}/collectivites/${SIRET}/confirmation/${QUEUED_THEN_DELIVERED}`)
    await page.getByRole('heading', { level: 1, name: 'Envoi en cours vers Majastres' }).waitFor()
    expect(await page.title()).toBe('Envoi en cours - Quotient familial')
    // Every text any live region takes, from now on.
    const said = new Set<string>()
    await page.exposeFunction('recordSaid', (text: string) => said.add(text))
    await page.evaluate(() => {
      const record = Reflect.get(window, 'recordSaid')
      new MutationObserver(() => {
        for (const region of document.querySelectorAll('[role="status"], [role="alert"], [aria-live]')) {
          const text = region.textContent?.trim()
          if (text && typeof record === 'function') record(`${region.getAttribute('data-testid')}: ${text}`)
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    await page
      .getByRole('heading', { level: 1, name: 'Vos informations ont été transmises à Majastres' })
      .waitFor()
    await page.waitForFunction(() => document.title === 'Transmis à Majastres - Quotient familial')
    expect(await page.getByTestId('status-announcement').textContent()).toBe(
      'Vos informations ont été transmises à Majastres.',
    )
    await checkPageState(page, {
      name: 'confirmation-queued-then-delivered',
      h1: 'Vos informations ont été transmises à Majastres',
      title: 'Transmis à Majastres',
    })
    expect([...said]).toEqual(['status-announcement: Vos informations ont été transmises à Majastres.'])
  })

  it('/suivi: a failed sending found by its reference says what happened and what to do, without "recommencer"', async () => {
    const failed = submissionsByState['failed-collectivity_cannot_receive']
    if (!failed) throw new Error('no canned failed sending')
    await page.goto(`${baseUrl()}/suivi`)
    await page.getByLabel(/Référence de l’envoi/).fill(failed.reference)
    await page.getByRole('button', { name: 'Rechercher' }).click()
    await page.getByTestId('submission-advice').waitFor()
    await checkState('tracking-failed', 'Suivre un envoi', 'Suivre un envoi')
    const result = await page.getByTestId('tracking-result').innerText()
    expect(result).toMatch(/échec de la transmission/i)
    expect(result).toContain('Majastres ne peut pas encore recevoir de dossier par ce service.')
    expect(result).not.toMatch(/recommence/i)
  })

  it('review: an expired session gets a clear page (axe clean)', async () => {
    suite.expectStatuses(401)
    await page.goto(`${baseUrl()}/collectivites/${SIRET}/envoyer_mes_donnees`)
    await checkState('review-expired', 'Votre session a expiré', 'Session expirée')
  })

  it('footer links lead to the service pages, focus on their title', async () => {
    await page.goto(`${baseUrl()}/`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    for (const [label, h1] of [
      ['Mentions légales', 'Mentions légales'],
      ['Données personnelles', 'Données personnelles'],
      ['Accessibilité : non conforme', 'Déclaration d’accessibilité'],
      ['Questions fréquentes', 'Questions fréquentes'],
    ] as const) {
      await page.getByRole('contentinfo').getByRole('link', { name: label }).click()
      await page.getByRole('heading', { level: 1, name: h1 }).waitFor()
      await page.waitForFunction((text) => document.activeElement?.textContent === text, h1)
    }
  })

  /** Gzipped size of every script a fresh browser downloads to show this page. */
  async function firstLoadJs(fresh: Page, url: string): Promise<{ total: number; files: number }> {
    const scripts: Promise<number>[] = []
    fresh.on('response', (response) => {
      if (response.request().resourceType() === 'script')
        scripts.push(response.body().then((body) => gzipSync(body, { level: 9 }).length))
    })
    await fresh.goto(url, { waitUntil: 'networkidle' })
    await fresh.getByRole('heading', { level: 1 }).waitFor()
    const sizes = await Promise.all(scripts)
    return { total: sizes.reduce((sum, size) => sum + size, 0), files: sizes.length }
  }

  it(`first load of the home, landing, review and confirmation pages: JavaScript ≤ ${FIRST_LOAD_JS_BUDGET / 1024} kB gzipped`, async () => {
    await logIn() // the review page needs the session cookie; each measure starts from an empty cache
    const measure = async (path: string) => {
      if (!browser) throw new Error('browser not launched')
      const cookies = await context.cookies()
      const fresh = await browser.newContext({ viewport: MOBILE })
      await fresh.addCookies(cookies)
      const { total, files } = await firstLoadJs(await fresh.newPage(), `${baseUrl()}${path}`)
      await fresh.close()
      console.log(`first-load JS of ${path}: ${(total / 1024).toFixed(1)} kB gzipped in ${files} files`)
      expect(total, path).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET)
    }
    for (const path of ['/', `/collectivites/${SIRET}`, `/collectivites/${SIRET}/envoyer_mes_donnees`])
      await measure(path)
    const sent = await context.request.post(`${baseUrl()}/api/v1/sessions/current/submission`, {
      data: { consent: true },
    })
    expect(sent.status()).toBe(202)
    await measure(`/collectivites/${SIRET}/confirmation/${REFERENCE}`)
  })
})
