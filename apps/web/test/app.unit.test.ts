// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import App from '../src/App.vue'
import { forgetSession } from '../src/composables/use-current-session.js'
import { authenticatedSession, SIRET } from './fixtures/journey.js'
import { stubApi } from './helpers/fake-fetch.js'
import { createTestRouter } from './helpers/test-router.js'

describe('App', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('titles each page "<page> - Quotient familial" and moves focus to the new h1 after navigation', async () => {
    const router = await createTestRouter('/')
    const host = document.createElement('div')
    document.body.append(host)
    const wrapper = mount(App, { attachTo: host, global: { plugins: [router] } })
    await flushPromises()

    expect(document.title).toBe('Accueil - Quotient familial')
    expect(wrapper.get('main#contenu').attributes('role')).toBe('main')
    expect(wrapper.findAll('.fr-skiplinks a').map((link) => link.attributes('href'))).toEqual([
      '#contenu',
      '#pied-de-page',
    ])
    expect(document.getElementById('pied-de-page')).not.toBeNull()

    await router.push('/page-absente')
    await flushPromises()

    expect(document.title).toBe('Page non trouvée - Quotient familial')
    expect(document.activeElement?.tagName).toBe('H1')
    expect(document.activeElement?.textContent).toBe('Page non trouvée')
    wrapper.unmount()
  })

  it('titles the review page by its state (review, consent), and another page by its route again', async () => {
    const expiresAt = new Date(Date.now() + 20 * 60_000).toISOString()
    stubApi({ 'GET /api/v1/sessions/current': { status: 200, body: { ...authenticatedSession, expiresAt } } })
    const router = await createTestRouter(`/collectivites/${SIRET}/envoyer_mes_donnees`)
    const wrapper = mount(App, { global: { plugins: [router] } })
    await flushPromises()
    expect(document.title).toBe('Vérifier vos informations - Quotient familial')
    await wrapper.get('main button.fr-btn').trigger('click') // "Continuer vers l’envoi"
    await flushPromises()
    expect(document.title).toBe('Accepter l’envoi - Quotient familial')
    await router.push('/faq')
    await flushPromises()
    expect(document.title).toBe('Questions fréquentes - Quotient familial')
    wrapper.unmount()
    forgetSession()
    vi.unstubAllGlobals()
  })
})
