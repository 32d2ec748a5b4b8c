// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import App from '../src/App.vue'
import { forgetSession } from '../src/composables/use-current-session.js'
import { externalNavigation } from '../src/navigation.js'
import { authenticatedSession, SIRET } from './fixtures/journey.js'
import { stubApi } from './helpers/fake-fetch.js'
import { createTestRouter } from './helpers/test-router.js'

describe('AppHeader with a session', () => {
  afterEach(() => {
    forgetSession()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('shows nobody on a public page, then the person’s name and "Se déconnecter" once a page read the session', async () => {
    const logoutUrl = 'https://fc.example.test/api/v2/session/end?state=abc'
    stubApi({
      'GET /api/v1/sessions/current': { status: 200, body: authenticatedSession },
      'POST /api/v1/sessions/current/logout': { status: 200, body: { logoutUrl } },
    })
    const assign = vi.spyOn(externalNavigation, 'assign').mockImplementation(() => undefined)
    const router = await createTestRouter('/faq')
    const wrapper = mount(App, { global: { plugins: [router] } })
    await flushPromises()
    expect(wrapper.find('[data-testid="header-user"]').exists()).toBe(false)

    await router.push(`/collectivites/${SIRET}/envoyer_mes_donnees`)
    await flushPromises()
    const user = wrapper.get('[data-testid="header-user"]')
    expect(user.get('[data-testid="header-user-name"]').text()).toBe('Angela DUBOIS')
    await user.get('button').trigger('click')
    await flushPromises()

    expect(assign).toHaveBeenCalledExactlyOnceWith(logoutUrl)
    expect(wrapper.find('[data-testid="header-user"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
