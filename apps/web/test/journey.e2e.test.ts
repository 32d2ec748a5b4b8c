import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, it } from 'vitest'
import { SIRET } from './fixtures/journey.js'
import { saveScreenshot } from './helpers/artifacts.js'
import { cannedSpaSuite } from './helpers/canned-spa-suite.js'
import {
  ALLOWED_REDIRECT_ORIGIN,
  createFakeJourneyApi,
  type FakeJourneyApi,
} from './helpers/fake-journey-api.js'

/** One h1, the French lang attribute, and the page title of the service. */
async function expectAccessibleShell(page: Page, title: string): Promise<void> {
  expect(await page.getAttribute('html', 'lang')).toBe('fr')
  expect(await page.locator('h1').count()).toBe(1)
  expect(await page.title()).toBe(`${title} - Quotient familial`)
}

describe('citizen journey in Chromium (built SPA, fake same-origin API)', () => {
  const suite = cannedSpaSuite({ createApi: createFakeJourneyApi, viewport: { width: 390, height: 844 } })
  let page: Page
  let api: FakeJourneyApi
  beforeEach(() => {
    ;({ page, api } = suite.world)
  })
  const baseUrl = () => suite.world.baseUrl

  it('goes from the collectivity link through FranceConnect to the review page, then logs out', async () => {
    const redirectUri = `${ALLOWED_REDIRECT_ORIGIN}/qf`
    await page.goto(
      `${baseUrl()}/collectivites/${SIRET}/me_connecter?external_id=famille-1234&redirect_uri=${encodeURIComponent(redirectUri)}`,
    )
    await page
      .getByRole('heading', { level: 1, name: 'Transmettre votre quotient familial à Majastres' })
      .waitFor()
    await expectAccessibleShell(page, 'Transmettre votre quotient familial')
    expect(
      await page.getByRole('link', { name: 'Qu’est-ce que FranceConnect ?' }).getAttribute('target'),
    ).toBe('_blank')

    const loginRequest = page.waitForRequest((request) =>
      request.url().startsWith(`${baseUrl()}/api/v1/auth/franceconnect/login?session=`),
    )
    await page.getByRole('button', { name: 'S’identifier avec FranceConnect' }).click()
    expect((await loginRequest).isNavigationRequest()).toBe(true)
    expect(api.requests.find((request) => request.path === '/api/v1/sessions')).toEqual({
      method: 'POST',
      path: '/api/v1/sessions',
      body: { siret: SIRET, externalId: 'famille-1234', redirectUri },
    })

    await page.waitForURL(`${baseUrl()}/collectivites/${SIRET}/envoyer_mes_donnees`)
    await page.getByRole('heading', { level: 1, name: 'Vérifiez vos informations' }).waitFor()
    await expectAccessibleShell(page, 'Vérifier vos informations')
    const main = await page.locator('main').innerText()
    expect(main).toContain('Angela Claire Louise')
    expect(main).toContain('24 août 1962')
    expect(main).toMatch(/Quotient familial de février 2024\s*:\s*2\s550\s€/)
    expect(main).not.toContain('Mois de droit')
    expect(main).toContain('Telle que la CAF ou la MSA la connaît aujourd’hui.')
    expect(await page.getByRole('table', { name: 'Enfants' }).innerText()).toContain('juin 2018')
    await saveScreenshot(page, 'journey-review-390')

    await page.getByRole('main').getByRole('button', { name: 'Se déconnecter' }).click()
    await page.waitForURL(`${baseUrl()}/`)
    await page
      .getByRole('heading', { level: 1, name: 'Transmettre votre quotient familial à votre collectivité' })
      .waitFor()
    expect(api.requests.map((request) => `${request.method} ${request.path}`)).toContain(
      'POST /api/v1/sessions/current/logout',
    )
  })

  it('shows the invalid-link alert when the API refuses the redirect_uri, and stays on the page', async () => {
    suite.expectStatuses(422)
    await page.goto(
      `${baseUrl()}/collectivites/${SIRET}?redirect_uri=${encodeURIComponent('https://ailleurs.test/x')}`,
    )
    await page.getByRole('button', { name: 'S’identifier avec FranceConnect' }).click()

    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.innerText()).toContain('Le lien de votre collectivité n’est pas valide')
    expect(await page.locator('main').innerText()).not.toContain('ailleurs.test')
    expect(page.url()).toContain(`/collectivites/${SIRET}`)
  })

  it('says the session expired when the review page is opened without a session', async () => {
    suite.expectStatuses(401)
    await page.goto(`${baseUrl()}/collectivites/${SIRET}/envoyer_mes_donnees`)
    await page.getByRole('heading', { level: 1, name: 'Votre session a expiré' }).waitFor()
    await expectAccessibleShell(page, 'Session expirée')
  })

  it('explains a login error, and "Recommencer" leads back to the collectivity with focus on its h1', async () => {
    await page.goto(`${baseUrl()}/collectivites/${SIRET}/erreur?code=franceconnect_access_denied`)
    await page.getByRole('heading', { level: 1, name: 'La démarche n’a pas pu aboutir' }).waitFor()
    await expectAccessibleShell(page, 'Démarche interrompue')
    expect(await page.locator('main').innerText()).toContain(
      'Vous avez annulé la connexion avec FranceConnect.',
    )

    await page.getByRole('link', { name: 'Recommencer' }).click()
    await page.waitForURL(`${baseUrl()}/collectivites/${SIRET}`)
    await page
      .getByRole('heading', { level: 1, name: 'Transmettre votre quotient familial à Majastres' })
      .waitFor()
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1')
  })

  it('says "Collectivité inconnue" for an unknown SIRET', async () => {
    suite.expectStatuses(404)
    await page.goto(`${baseUrl()}/collectivites/99999999999999`)
    await page.getByRole('heading', { level: 1, name: 'Collectivité inconnue' }).waitFor()
    await expectAccessibleShell(page, 'Transmettre votre quotient familial')
  })
})
