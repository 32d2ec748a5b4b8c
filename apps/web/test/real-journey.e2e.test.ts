// The citizen journey in Chromium against the real system: the SPA's production build (served as in
// production), the real API in-process on a fresh database, the sandbox's stand-ins over HTTP
// (FranceConnect's pages are clicked through, API Particulier answers, HubEE receives the dossier).
// Not the canned API of pages.e2e.test.ts. Screenshots of each step: test-results/screenshots/real-*.
import { referencePattern } from '@qf/contracts/submission-reference'
import { HAUTELUCE, MAJASTRES, PORTAL_ORIGIN } from '@qf/testing'
import jsQR from 'jsqr'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { saveScreenshot } from './helpers/artifacts.js'
import { checkPageState, MOBILE } from './helpers/page-checks.js'
import { launchBrowser } from './helpers/browser.js'
import { buildSpa, type BuiltSpa } from './helpers/build-spa.js'
import { collectivitySoftware, startRealSystem, type RealSystem } from './helpers/real-system.js'

const REFERENCE = new RegExp(referencePattern)
const HAUTELUCE_COG = '73132'
const MAJASTRES_COG = '04107'

/** The confirmation's h1 once the dossier is at the hub (deposited, or already read by the collectivity). */
const TRANSMITTED_TO_MAJASTRES =
  /^(Vos informations ont été (transmises à|reçues par) Majastres|Majastres (traite|a traité) votre dossier)$/

/** Words of the test identities that must never reach an address, a title, the storage or the console. */
const PERSONAL = /PLACARD|DUPONT|Paul Louis|COMMODE|CINDY|ARMOIRE|MERCIER|TABLE|THIBAULT|1962|1980-06-27|2550/

describe(
  'the journey in Chromium against the real API, the sandbox and the database',
  { timeout: 180_000 },
  () => {
    let spa: BuiltSpa | undefined
    let system: RealSystem | undefined
    let browser: Browser | undefined
    let context: BrowserContext
    let page: Page
    /** Console lines and page errors. */
    let consoleLines: string[]
    let errors: string[]
    /** Answers ≥ 400 (status and address), to tell which load a console error is about. */
    let failedAnswers: string[]
    /** Every address the page was at (SPA, FranceConnect's stand-in). */
    let visited: string[]
    /** Statuses of API answers a test expects: Chromium logs each as a console error. */
    let expectedStatuses: number[]
    /** The reference of the CNAF family's sending, followed later on /suivi. */
    let cnafReference: string | undefined

    const url = () => {
      if (!system) throw new Error('system not started')
      return system.url
    }

    beforeAll(async () => {
      browser = await launchBrowser()
      spa = await buildSpa()
      system = await startRealSystem(spa.dir)
    }, 240_000)

    afterAll(async () => {
      await browser?.close()
      await system?.close()
      await spa?.remove()
    })

    beforeEach(async () => {
      if (!browser) throw new Error('browser missing')
      context = await browser.newContext({ viewport: MOBILE })
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url() })
      page = await context.newPage()
      consoleLines = []
      errors = []
      failedAnswers = []
      visited = []
      expectedStatuses = []
      page.on('console', (message) => {
        consoleLines.push(message.text())
        // The stand-in's FranceConnect page has no icon: the browser's /favicon.ico miss is not ours.
        if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico'))
          errors.push(message.text())
      })
      page.on('response', (response) => {
        if (response.status() >= 400) failedAnswers.push(`${response.status()} ${response.url()}`)
      })
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) visited.push(frame.url())
      })
    })

    afterEach(async () => {
      const stored = await page
        .evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))
        .catch(() => '{}{}')
      await context.close()
      const expected = new RegExp(
        `^Failed to load resource: the server responded with a status of (${expectedStatuses.join('|')}) `,
      )
      expect(
        errors.filter((error) => expectedStatuses.length === 0 || !expected.test(error)),
        `failed answers: ${failedAnswers.join(', ')}`,
      ).toEqual([])
      // No personal data in the addresses visited, the storage or the console.
      expect(visited.filter((address) => PERSONAL.test(decodeURIComponent(address)))).toEqual([])
      expect(stored).toBe('{}{}')
      expect(consoleLines.filter((line) => PERSONAL.test(line))).toEqual([])
    })
    const checkStep = (name: string, h1: string | RegExp, title: string) =>
      checkPageState(page, { name: `real-${name}`, h1, title, titleMustNotMatch: PERSONAL })

    /** From the collectivity's link, through FranceConnect's stand-in (one button per test identity). */
    async function logIn(siret: string, login: string | 'cancel', query = ''): Promise<void> {
      await page.goto(`${url()}/collectivites/${siret}${query}`)
      await page.getByRole('button', { name: 'S’identifier avec FranceConnect' }).click()
      await page.waitForURL((address) => address.pathname.includes('/interaction/'))
      await saveScreenshot(page, `real-franceconnect-${login}`)
      if (login === 'cancel')
        await page.getByRole('button', { name: 'Annuler et revenir sur le service' }).click()
      else await page.locator(`button[name="login"][value="${login}"]`).click()
    }

    /** Review → consent → "Transmettre" (clicked twice, as an impatient citizen would) → confirmation. */
    async function send(name: string, collectivity: string, siret: string): Promise<string> {
      await page.getByRole('button', { name: 'Continuer vers l’envoi' }).click()
      await checkStep(`${name}-consent`, 'Acceptez l’envoi de vos informations', 'Accepter l’envoi')
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1')
      expect(await page.locator('.fr-stepper__state').innerText()).toBe('Étape 3 sur 4')
      expect(await page.getByTestId('after-sending').innerText()).toContain('90 jours au plus')
      // The DSFR checkbox is drawn by its label: click it, as a person does.
      await page.locator('label[for="consentement"]').click()
      expect(await page.getByTestId('consent').isChecked()).toBe(true)

      const submissions: string[] = []
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/api/v1/sessions/current/submission'))
          submissions.push(request.url())
      })
      const button = page.getByRole('button', { name: `Transmettre mes données à ${collectivity}` })
      await button.dblclick()
      await page.waitForURL(new RegExp(`/collectivites/${siret}/confirmation/[A-Z0-9]{13}$`))
      expect(submissions).toHaveLength(1)
      const reference = new URL(page.url()).pathname.split('/').pop() ?? ''
      expect(reference).toMatch(REFERENCE)
      // Its title follows the status it arrives in (queued, or already further on).
      const heading = page.getByRole('heading', { level: 1 })
      await heading.waitFor()
      const arrivedIn = await heading.innerText()
      const title = arrivedIn.startsWith('Envoi en cours')
        ? 'Envoi en cours'
        : arrivedIn.startsWith('Vos informations n’ont pas pu')
          ? 'Échec de l’envoi'
          : `Transmis à ${collectivity}`
      await checkStep(`${name}-confirmation`, arrivedIn, title)
      expect(await page.locator('.fr-stepper__state').innerText()).toBe('Étape 4 sur 4')
      expect(await page.getByTestId('reference').innerText()).toBe(reference)
      return reference
    }

    /** The dossier is in HubEE for that collectivity: its software is notified of `Formulaire-QF-<ref>-01`. */
    async function expectDossierAtHub(siret: string, cog: string, reference: string): Promise<void> {
      if (!system) throw new Error('system not started')
      const software = collectivitySoftware(system.world.sandbox.url, siret, cog)
      await vi.waitFor(
        async () => expect(await software.caseExternalIds()).toContain(`Formulaire-QF-${reference}-01`),
        { timeout: 60_000, interval: 500 },
      )
    }

    it('CNAF family with children (Majastres): review with names, consent, one sending, confirmation, dossier in HubEE, copy, logout', async () => {
      await logIn(MAJASTRES, 'sans_nom_dusage')
      await page.waitForURL(`${url()}/collectivites/${MAJASTRES}/envoyer_mes_donnees`)
      await checkStep('cnaf-review', 'Vérifiez vos informations', 'Vérifier vos informations')
      const identity = await page.getByTestId('identity').innerText()
      expect(identity).toContain('Sexe : Homme')
      expect(identity).toContain('Lieu de naissance : Paris 7e Arrondissement')
      expect(identity).toContain('Pays de naissance : France')
      expect(identity).not.toMatch(/75107|99100/)
      expect(await page.getByRole('table', { name: 'Enfants' }).locator('tbody tr').count()).toBe(3)
      expect(await page.getByRole('table', { name: 'Allocataires' }).locator('tbody tr').count()).toBe(2)
      expect(await page.getByTestId('header-user-name').innerText()).toBe('Paul DUPONT')

      // The consent is explicit: without the box ticked, nothing is sent.
      await page.getByRole('button', { name: 'Continuer vers l’envoi' }).click()
      await page.getByRole('button', { name: 'Transmettre mes données à Majastres' }).click()
      await page.getByTestId('consent-error').waitFor()
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('consentement')
      await checkStep('cnaf-consent-missing', 'Acceptez l’envoi de vos informations', 'Accepter l’envoi')
      await page.getByRole('button', { name: 'Revoir mes informations' }).click()
      await page.getByRole('heading', { level: 1, name: 'Vérifiez vos informations' }).waitFor()

      const reference = await send('cnaf', 'Majastres', MAJASTRES)
      cnafReference = reference

      await expectDossierAtHub(MAJASTRES, MAJASTRES_COG, reference)
      // The page follows the status by itself: it leaves "Envoi en cours" once the dossier is deposited.
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="submission-status"]')?.textContent?.trim() !==
          'Envoi en cours',
        undefined,
        { timeout: 60_000 },
      )
      await checkStep('cnaf-confirmation-delivered', TRANSMITTED_TO_MAJASTRES, 'Transmis à Majastres')
      expect(await page.locator('main').innerText()).not.toMatch(PERSONAL)
      // No return link without a redirect_uri.
      expect(await page.getByTestId('return-link').count()).toBe(0)

      await page.getByRole('button', { name: 'Copier la référence' }).click()
      await page.getByText('Référence copiée dans le presse-papiers.').waitFor()
      expect(await page.getByTestId('copy-status').getAttribute('aria-live')).toBe('polite')
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(reference)

      // Once sent, the review page says so and shows nothing personal.
      await page.goto(`${url()}/collectivites/${MAJASTRES}/envoyer_mes_donnees`)
      await checkStep(
        'cnaf-review-after-sending',
        'Vos informations ont déjà été transmises',
        'Vérifier vos informations',
      )
      await page.getByRole('link', { name: 'Voir la confirmation de l’envoi' }).click()
      await page.getByRole('heading', { level: 1, name: TRANSMITTED_TO_MAJASTRES }).waitFor()

      // Logout: FranceConnect's session/end, then the page that says so, with the way back.
      const endSession = page.waitForRequest((request) => request.url().includes('/session/end?'))
      await page.getByRole('main').getByRole('button', { name: 'Se déconnecter' }).click()
      expect(new URL((await endSession).url()).searchParams.get('id_token_hint')).toBeTruthy()
      await page.waitForURL(`${url()}/collectivites/${MAJASTRES}/deconnecte`)
      await page.getByRole('link', { name: 'Revenir à la page de Majastres' }).waitFor()
      await checkStep('logged-out', 'Vous êtes déconnecté', 'Vous êtes déconnecté')
    })

    it('MSA family (Hauteluce): the same journey ends with the dossier in Hauteluce’s HubEE space', async () => {
      await logIn(HAUTELUCE, 'test_CINDY')
      await page.waitForURL(`${url()}/collectivites/${HAUTELUCE}/envoyer_mes_donnees`)
      await checkStep('msa-review', 'Vérifiez vos informations', 'Vérifier vos informations')
      expect(await page.getByTestId('quotient').innerText()).toContain('MSA')
      // The QF of a month, in plain French (API Particulier: the current month, on M-1 resources).
      expect(await page.getByTestId('quotient').innerText()).toMatch(/Quotient familial d(e |’)\S+ \d{4} :/)
      expect(await page.locator('main').innerText()).not.toContain('Mois de droit')
      expect(await page.getByRole('table', { name: 'Enfants' }).locator('tbody tr').count()).toBe(5)
      const reference = await send('msa', 'Hauteluce', HAUTELUCE)
      await expectDossierAtHub(HAUTELUCE, HAUTELUCE_COG, reference)
    })

    it('external_id and redirect_uri: the confirmation offers "Retourner sur le site de ma collectivité"', async () => {
      const redirectUri = `${PORTAL_ORIGIN}/qf/retour?dossier=42`
      // The collectivity's portal (allowed origin of the demo collectivities) answers in place of a real site.
      await page.route(`${PORTAL_ORIGIN}/**`, (route) =>
        route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: '<!doctype html><html lang="fr"><title>Portail de Majastres</title><h1>Portail de Majastres</h1></html>',
        }),
      )
      const query = `?external_id=famille-42&redirect_uri=${encodeURIComponent(redirectUri)}`
      await logIn(MAJASTRES, 'avec_nom_dusage', query)
      await page.waitForURL(`${url()}/collectivites/${MAJASTRES}/envoyer_mes_donnees`)
      await page.getByRole('heading', { level: 1, name: 'Vérifiez vos informations' }).waitFor()
      const reference = await send('redirect', 'Majastres', MAJASTRES)
      const back = page.getByRole('link', { name: 'Retourner sur le site de ma collectivité' })
      expect(await back.getAttribute('href')).toBe(redirectUri)
      await back.click()
      await page.waitForURL(redirectUri)
      await page.getByRole('heading', { level: 1, name: 'Portail de Majastres' }).waitFor()
      await expectDossierAtHub(MAJASTRES, MAJASTRES_COG, reference)
    })

    it('a redirect_uri the collectivity does not allow is refused: the landing says the link is not valid', async () => {
      expectedStatuses = [422]
      await page.goto(
        `${url()}/collectivites/${MAJASTRES}?redirect_uri=${encodeURIComponent('https://ailleurs.example/vol')}`,
      )
      await page.getByRole('button', { name: 'S’identifier avec FranceConnect' }).click()
      await page.getByTestId('invalid-link').waitFor()
      await checkStep(
        'invalid-redirect',
        'Transmettre votre quotient familial à Majastres',
        'Transmettre votre quotient familial',
      )
      expect(page.url()).toContain(`/collectivites/${MAJASTRES}`)
    })

    it('a person unknown to CAF and MSA gets the error page with the alternatives and "Se déconnecter"; the identity is no longer readable', async () => {
      await logIn(MAJASTRES, 'test_THIBAULT')
      const errorPage = `${url()}/collectivites/${MAJASTRES}/erreur?code=qf_not_found`
      await page.waitForURL(errorPage)
      await checkStep('unknown-person', 'La démarche n’a pas pu aboutir', 'Démarche interrompue')
      expect(await page.getByTestId('journey-error-message').innerText()).toContain('CAF ou de la MSA')
      expect(await page.getByTestId('alternatives-link').getAttribute('href')).toBe(
        `/collectivites/${MAJASTRES}/sans_france_connect`,
      )
      // The same browser (a shared computer): the review shows no identity.
      await page.goto(`${url()}/collectivites/${MAJASTRES}/envoyer_mes_donnees`)
      await page.getByRole('heading', { level: 1, name: 'Vous n’êtes pas encore connecté' }).waitFor()
      expect(await page.locator('body').innerText()).not.toMatch(PERSONAL)
      // "Se déconnecter" on the error page closes FranceConnect's session too.
      await page.goto(errorPage)
      const endSession = page.waitForRequest((request) => request.url().includes('/session/end?'))
      await page.getByRole('button', { name: 'Se déconnecter' }).click()
      expect(new URL((await endSession).url()).searchParams.get('id_token_hint')).toBeTruthy()
      await page.waitForURL(`${url()}/collectivites/${MAJASTRES}/deconnecte`)
      await page.getByRole('link', { name: 'Revenir à la page de Majastres' }).waitFor()
      await checkStep('logged-out-after-error', 'Vous êtes déconnecté', 'Vous êtes déconnecté')
      expect(await page.getByTestId('logged-out-nothing-sent').innerText()).toContain(
        'rien n’a été transmis à Majastres',
      )
      await page.getByRole('link', { name: 'Revenir à la page de Majastres' }).click()
      await page.waitForURL(`${url()}/collectivites/${MAJASTRES}`)
      await page
        .getByRole('heading', { level: 1, name: 'Transmettre votre quotient familial à Majastres' })
        .waitFor()
    })

    it('a FranceConnect cancel leads to the error page, and "Recommencer" back to the landing', async () => {
      await logIn(MAJASTRES, 'cancel')
      await page.waitForURL(`${url()}/collectivites/${MAJASTRES}/erreur?code=franceconnect_access_denied`)
      await checkStep('franceconnect-cancel', 'La démarche n’a pas pu aboutir', 'Démarche interrompue')
      await page.getByRole('link', { name: 'Recommencer' }).click()
      await page.waitForURL(`${url()}/collectivites/${MAJASTRES}`)
      await page
        .getByRole('heading', { level: 1, name: 'Transmettre votre quotient familial à Majastres' })
        .waitFor()
    })

    it('"Annuler" on the consent step logs out (FranceConnect too): nothing is sent', async () => {
      await logIn(MAJASTRES, 'yogo')
      await page.waitForURL(`${url()}/collectivites/${MAJASTRES}/envoyer_mes_donnees`)
      await page.getByRole('button', { name: 'Continuer vers l’envoi' }).click()
      const posted: string[] = []
      page.on('request', (request) => {
        if (request.method() === 'POST') posted.push(new URL(request.url()).pathname)
      })
      await page.getByRole('button', { name: 'Annuler' }).click()
      await page.waitForURL(`${url()}/collectivites/${MAJASTRES}/deconnecte`)
      await page.getByRole('heading', { level: 1, name: 'Vous êtes déconnecté' }).waitFor()
      expect(posted).toContain('/api/v1/sessions/current/logout')
      expect(posted).not.toContain('/api/v1/sessions/current/submission')
      expectedStatuses = [401]
      await page.goto(`${url()}/collectivites/${MAJASTRES}/envoyer_mes_donnees`)
      await page.getByRole('heading', { level: 1, name: 'Votre session a expiré' }).waitFor()
      expect(await page.title()).toBe('Session expirée - Quotient familial')
    })

    it('the picker finds the town as people write it: St-Denis 97400, Mairie de Majastres, Paris 3e, 4', async () => {
      await page.goto(`${url()}/collectivites`)
      const input = page.getByLabel('Nom de la commune, code postal ou numéro de département')
      const results = page.getByTestId('results')
      for (const [typed, town] of [
        ['St Denis', 'Saint-Denis'],
        ['St-Denis 97400', 'Saint-Denis'],
        ['Mairie de Majastres', 'Majastres'],
        ['Paris 3e', 'Paris Centre'],
        ['4', 'Majastres'],
      ] as const) {
        await input.fill('')
        await results.waitFor({ state: 'detached' })
        await input.fill(typed)
        await page.getByTestId('search-status').getByText('1 collectivité trouvée.').waitFor()
        await results.getByRole('link', { name: town }).waitFor()
        expect(await results.getByRole('link').count(), typed).toBe(1)
      }
      await checkStep('picker-abbreviation', 'Trouver votre collectivité', 'Trouver votre collectivité')
    })

    it('the picker searches the real list: a name, a postal code, nothing found', async () => {
      await page.goto(`${url()}/collectivites`)
      const input = page.getByLabel('Nom de la commune, code postal ou numéro de département')
      await input.fill('73620')
      await page.getByTestId('results').getByRole('link', { name: 'Hauteluce' }).waitFor()
      await checkStep('picker-results', 'Trouver votre collectivité', 'Trouver votre collectivité')
      await input.fill('zzzz')
      await page.getByTestId('no-result').waitFor()
      await checkStep('picker-nothing', 'Trouver votre collectivité', 'Trouver votre collectivité')
      await input.fill('Majas')
      await page.getByTestId('results').getByRole('link', { name: 'Majastres' }).click()
      await page.waitForURL(`${url()}/collectivites/${MAJASTRES}`)
      await page
        .getByRole('heading', { level: 1, name: 'Transmettre votre quotient familial à Majastres' })
        .waitFor()
    })

    it('/suivi: a malformed reference is caught before asking, an unknown one gets a clear message, a real one its status', async () => {
      await page.goto(`${url()}/suivi`)
      await checkStep('tracking', 'Suivre un envoi', 'Suivre un envoi')
      const input = page.getByLabel(/Référence de l’envoi/)
      const asked: string[] = []
      page.on('request', (request) => {
        if (request.url().includes('/api/v1/submissions/')) asked.push(request.url())
      })
      await input.fill('ABC0')
      await page.getByRole('button', { name: 'Rechercher' }).click()
      await page.getByTestId('reference-error').waitFor()
      expect(asked).toEqual([])
      expect(await input.getAttribute('aria-invalid')).toBe('true')
      await checkStep('tracking-invalid', 'Suivre un envoi', 'Suivre un envoi')

      expectedStatuses = [404]
      await input.fill('3333333333333')
      await page.getByRole('button', { name: 'Rechercher' }).click()
      await page.getByTestId('tracking-not-found').waitFor()
      expect(await page.getByTestId('tracking-not-found').innerText()).toContain(
        'Aucun envoi ne porte la référence 3333333333333',
      )
      await checkStep('tracking-not-found', 'Suivre un envoi', 'Suivre un envoi')

      if (!cnafReference) throw new Error('the CNAF journey did not give a reference')
      await input.fill(cnafReference.toLowerCase())
      await page.getByRole('button', { name: 'Rechercher' }).click()
      const result = page.getByTestId('tracking-result')
      await result.waitFor()
      expect(await result.innerText()).toContain('Majastres')
      expect(await result.innerText()).toContain('Envoyé le')
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'tracking-result',
      )
      await checkStep('tracking-found', 'Suivre un envoi', 'Suivre un envoi')
    })

    it('the landing’s QR code (PNG from the API) decodes back to the page’s public URL', async () => {
      await page.goto(`${url()}/collectivites/${MAJASTRES}`)
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('[data-testid="share-qr"]')
        return img?.complete === true && img.naturalWidth > 0
      })
      const href = await page
        .getByRole('link', { name: 'Télécharger le QR code (image PNG)' })
        .getAttribute('href')
      const answer = await page.request.get(`${url()}${href ?? ''}`)
      expect(answer.status()).toBe(200)
      const png = PNG.sync.read(await answer.body())
      const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
      expect(decoded?.data).toBe(`${url()}/collectivites/${MAJASTRES}`)
      expect(await page.getByTestId('share-url').innerText()).toBe(decoded?.data)
    })

    it('an unknown reference in a confirmation address gets a clear page', async () => {
      expectedStatuses = [401, 404]
      await page.goto(`${url()}/collectivites/${MAJASTRES}/confirmation/3333333333333`)
      await checkStep('confirmation-unknown', 'Envoi introuvable', 'Envoi introuvable')
    })

    it('a deposit HubEE refuses for good (sandbox fault): the confirmation says it failed, what to do, axe clean', async () => {
      if (!system) throw new Error('system not started')
      // As the real hub answers for a recipient not subscribed to the process: 400, a permanent refusal.
      system.world.sandbox.faults.set('hubee', { refuseDeposits: true })
      try {
        await logIn(MAJASTRES, 'test_ELSA')
        await page.waitForURL(`${url()}/collectivites/${MAJASTRES}/envoyer_mes_donnees`)
        await page.getByRole('heading', { level: 1, name: 'Vérifiez vos informations' }).waitFor()
        const reference = await send('hub-refused', 'Majastres', MAJASTRES)

        // The API marks it failed at once (no retry until the horizon): the page follows.
        const failedHeading = 'Vos informations n’ont pas pu être transmises'
        await page
          .getByRole('heading', { level: 1, name: failedHeading, exact: true })
          .waitFor({ timeout: 60_000 })
        await page.getByTestId('submission-advice').waitFor()
        await checkStep('hub-refused-confirmation', failedHeading, 'Échec de l’envoi')
        const main = await page.locator('main').innerText()
        expect(main).not.toContain('Vos informations ont été transmises')
        expect(main).not.toContain('Envoi enregistré')
        expect(main).toContain('rien ne lui a été transmis')
        expect(main).not.toMatch(/recommence/i) // a new sending would be refused again
        expect(main).not.toMatch(PERSONAL)
        expect(await page.getByTestId('submission-status').innerText()).toMatch(/échec de la transmission/i)
        // Announced if the page saw it change (it may have arrived already failed), never anything else.
        expect(['', `${failedHeading}.`]).toContain(
          await page.getByTestId('status-announcement').textContent(),
        )
        expect(await page.getByTestId('advice-attestation').getAttribute('href')).toBe(
          `/collectivites/${MAJASTRES}/sans_france_connect`,
        )

        // Nothing reached the collectivity's software.
        const software = collectivitySoftware(system.world.sandbox.url, MAJASTRES, MAJASTRES_COG)
        expect(await software.caseExternalIds()).not.toContain(`Formulaire-QF-${reference}-01`)
      } finally {
        system.world.sandbox.faults.reset('hubee')
      }
    })
  },
)
