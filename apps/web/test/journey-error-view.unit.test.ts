// @vitest-environment happy-dom
import { journeyErrorMessages } from '@qf/contracts'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { externalNavigation } from '../src/navigation.js'
import JourneyErrorView from '../src/views/JourneyErrorView.vue'
import LoggedOutView from '../src/views/LoggedOutView.vue'
import { collectivity } from './fixtures/journey.js'
import { stubApi } from './helpers/fake-fetch.js'
import { createTestRouter } from './helpers/test-router.js'

async function mountAt(path: string) {
  return mount(JourneyErrorView, { global: { plugins: [await createTestRouter(path)] } })
}

describe('JourneyErrorView', () => {
  it('shows the French message of a known code and restarts from the collectivity page', async () => {
    const wrapper = await mountAt('/collectivites/21040107100019/erreur?code=franceconnect_access_denied')

    expect(wrapper.get('h1').text()).toBe('La démarche n’a pas pu aboutir')
    expect(wrapper.get('[data-testid="journey-error-message"]').text()).toBe(
      journeyErrorMessages.franceconnect_access_denied,
    )
    const restart = wrapper.get('a.fr-btn')
    expect(restart.text()).toBe('Recommencer')
    expect(restart.attributes('href')).toBe('/collectivites/21040107100019')
    wrapper.unmount()
  })

  it('shows a generic message for an unknown code (never the code itself) and restarts from home', async () => {
    const wrapper = await mountAt('/erreur?code=<b>toString</b>')

    const message = wrapper.get('[data-testid="journey-error-message"]').text()
    expect(message).toContain('Une erreur inattendue')
    expect(message).not.toContain('toString')
    expect(wrapper.get('a.fr-btn').attributes('href')).toBe('/')
    wrapper.unmount()
  })

  it('shows the generic message when there is no code at all', async () => {
    const wrapper = await mountAt('/erreur')
    expect(wrapper.get('[data-testid="journey-error-message"]').text()).toContain('Une erreur inattendue')
    wrapper.unmount()
  })

  it('offers a retry for a passing FranceConnect failure, and the alternatives for a QF not found', async () => {
    const retry = await mountAt('/collectivites/21040107100019/erreur?code=login_failed')
    expect(retry.get('a.fr-btn').text()).toBe('Réessayer')
    expect(retry.get('[data-testid="journey-error-advice"]').text()).toContain('reconnectez-vous')
    retry.unmount()

    const notFound = await mountAt('/collectivites/21040107100019/erreur?code=qf_not_found')
    const first = notFound.get('a.fr-btn')
    expect(first.text()).toBe('Transmettre mon quotient familial autrement')
    expect(first.attributes('href')).toBe('/collectivites/21040107100019/sans_france_connect')
    expect(notFound.get('[data-testid="journey-error-advice"]').text()).toContain('attestation')
    notFound.unmount()
  })

  describe('"Se déconnecter" after an error that follows the FranceConnect login', () => {
    afterEach(() => {
      vi.unstubAllGlobals()
      vi.restoreAllMocks()
    })

    it('is offered after a QF error, and leaves through the FranceConnect logout', async () => {
      const logoutUrl = 'https://fc.example.test/api/v2/session/end?state=abc'
      const calls = stubApi({ 'POST /api/v1/sessions/current/logout': { status: 200, body: { logoutUrl } } })
      const assign = vi.spyOn(externalNavigation, 'assign').mockImplementation(() => undefined)
      const wrapper = await mountAt('/collectivites/21040107100019/erreur?code=qf_not_found')
      await wrapper.get('[data-testid="error-logout"]').trigger('click')
      await flushPromises()
      expect(calls.map((c) => c.path)).toEqual(['/api/v1/sessions/current/logout'])
      expect(assign).toHaveBeenCalledExactlyOnceWith(logoutUrl)
      wrapper.unmount()
    })

    it('goes to the "déconnecté" page when the session had already ended', async () => {
      stubApi({
        'POST /api/v1/sessions/current/logout': {
          status: 401,
          body: { type: 'urn:qf:problem:session-missing', title: 'Session absente', status: 401 },
        },
      })
      const assign = vi.spyOn(externalNavigation, 'assign').mockImplementation(() => undefined)
      const wrapper = await mountAt('/collectivites/21040107100019/erreur?code=qf_provider_unavailable')
      await wrapper.get('[data-testid="error-logout"]').trigger('click')
      await flushPromises()
      expect(assign).toHaveBeenCalledExactlyOnceWith('/collectivites/21040107100019/deconnecte')
      wrapper.unmount()
    })

    it('is not offered when the FranceConnect login did not happen', async () => {
      const wrapper = await mountAt('/collectivites/21040107100019/erreur?code=franceconnect_access_denied')
      expect(wrapper.find('[data-testid="error-logout"]').exists()).toBe(false)
      wrapper.unmount()
    })
  })
})

describe('LoggedOutView', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('says the session is closed and nothing was sent, with the way back to the collectivity', async () => {
    stubApi({ [`GET /api/v1/collectivities/${collectivity.siret}`]: { status: 200, body: collectivity } })
    const router = await createTestRouter(`/collectivites/${collectivity.siret}/deconnecte`)
    const wrapper = mount(LoggedOutView, { global: { plugins: [router] } })
    await flushPromises()
    expect(wrapper.get('h1').text()).toBe('Vous êtes déconnecté')
    expect(wrapper.get('[data-testid="logged-out-nothing-sent"]').text()).toContain(
      `rien n’a été transmis à ${collectivity.name}`,
    )
    const back = wrapper.get('[data-testid="back-to-collectivity"]')
    expect(back.text()).toBe(`Revenir à la page de ${collectivity.name}`)
    expect(back.attributes('href')).toBe(`/collectivites/${collectivity.siret}`)
    wrapper.unmount()
  })
})
