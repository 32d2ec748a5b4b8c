// The session's end in Chromium against the real API, with a shortened session length
// (SESSION_IDLE_SECONDS): the warning (live region) and "Prolonger la session" before the end, the
// journey's buttons disabled and the way to start again after it (WCAG 2.2.1).
import { MAJASTRES } from '@qf/testing'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './helpers/browser.js'
import { buildSpa, type BuiltSpa } from './helpers/build-spa.js'
import { checkPageState, MOBILE } from './helpers/page-checks.js'
import { startRealSystem, type RealSystem } from './helpers/real-system.js'

const SESSION_SECONDS = 25

describe('the session warning is tested with a shortened session length', { timeout: 180_000 }, () => {
  let spa: BuiltSpa | undefined
  let system: RealSystem | undefined
  let browser: Browser | undefined

  beforeAll(async () => {
    browser = await launchBrowser()
    spa = await buildSpa()
    system = await startRealSystem(spa.dir, { SESSION_IDLE_SECONDS: String(SESSION_SECONDS) })
  }, 240_000)
  afterAll(async () => {
    await browser?.close()
    await system?.close()
    await spa?.remove()
  })

  it('warns before the end, extends on demand, then disables the journey and offers to start again', async () => {
    if (!browser || !system) throw new Error('not started')
    const url = system.url
    const context = await browser.newContext({ viewport: MOBILE })
    const page: Page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    try {
      await page.goto(`${url}/collectivites/${MAJASTRES}`)
      await page.getByRole('button', { name: 'S’identifier avec FranceConnect' }).click()
      await page.waitForURL((address) => address.pathname.includes('/interaction/'))
      await page.locator('button[name="login"][value="test"]').click()
      await page.waitForURL(`${url}/collectivites/${MAJASTRES}/envoyer_mes_donnees`)
      const firstEnd = Date.now() + SESSION_SECONDS * 1000

      // Less than 5 minutes left: the live region warns and offers to extend.
      const status = page.getByTestId('session-status')
      expect(await status.getAttribute('role')).toBe('status')
      await status.getByText('Votre session se termine dans moins de 5 minutes').waitFor()
      await checkPageState(page, {
        name: 'session-warning',
        h1: 'Vérifiez vos informations',
        title: 'Vérifier vos informations',
      })
      const continueButton = page.getByRole('button', { name: 'Continuer vers l’envoi' })
      expect(await continueButton.isEnabled()).toBe(true)

      // "Prolonger la session" reads the session: the API pushes its end back.
      await page.waitForTimeout(8_000)
      const read = page.waitForResponse(
        (response) => response.url().endsWith('/api/v1/sessions/current') && response.status() === 200,
      )
      await page.getByRole('button', { name: 'Prolonger la session' }).click()
      await read
      const extendedEnd = Date.now() + SESSION_SECONDS * 1000
      await page.waitForTimeout(Math.max(0, firstEnd - Date.now()) + 3_000)
      expect(await status.innerText()).not.toContain('expiré')
      expect(await continueButton.isEnabled()).toBe(true)

      // The end: the live region says so, the journey's button is disabled, a link starts again.
      await status
        .getByText('Votre session a expiré : rien n’a été transmis.')
        .waitFor({ timeout: Math.max(0, extendedEnd - Date.now()) + 10_000 })
      await checkPageState(page, {
        name: 'session-expired',
        h1: 'Vérifiez vos informations',
        title: 'Vérifier vos informations',
      })
      // Nothing can be sent any more: "Transmettre" is disabled on the consent step.
      await continueButton.click()
      const send = page.getByRole('button', { name: 'Transmettre mes données à Majastres' })
      await send.waitFor()
      expect(await send.isDisabled()).toBe(true)
      await page.getByTestId('session-status').getByText('Votre session a expiré').waitFor()
      // The server agrees: the session has ended.
      const after = await page.request.get(`${url}/api/v1/sessions/current`)
      expect(after.status()).toBe(401)
      await page.getByRole('link', { name: 'Recommencer depuis la page de votre collectivité' }).click()
      await page.waitForURL(`${url}/collectivites/${MAJASTRES}`)
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
