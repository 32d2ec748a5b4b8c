// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { usePageTitle } from '../src/composables/use-page-title.js'
import { externalNavigation } from '../src/navigation.js'
import CollectivityLandingView from '../src/views/CollectivityLandingView.vue'
import {
  collectivity,
  createdSession,
  notOfferedCollectivities,
  notOfferedProblem,
  problem,
  SIRET,
} from './fixtures/journey.js'
import { stubApi, type CannedApi } from './helpers/fake-fetch.js'
import { createTestRouter } from './helpers/test-router.js'

const collectivityFound: CannedApi = {
  [`GET /api/v1/collectivities/${SIRET}`]: { status: 200, body: collectivity },
  'POST /api/v1/sessions': { status: 201, body: createdSession },
}

/** The routed page with the app's document title (as App.vue does). */
const TitledPage = defineComponent({
  setup() {
    usePageTitle()
    return () => h(RouterView)
  },
})

async function mountAt(path: string, component: Parameters<typeof mount>[0] = CollectivityLandingView) {
  const router = await createTestRouter(path)
  const wrapper = mount(component, { global: { plugins: [router] } })
  await flushPromises()
  await vi.dynamicImportSettled() // the blocks in their own chunk (not-served page, share)
  await flushPromises()
  return wrapper
}

describe('CollectivityLandingView', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('names the collectivity, says what is shared and shows the DSFR FranceConnect button', async () => {
    const calls = stubApi(collectivityFound)
    const wrapper = await mountAt(`/collectivites/${SIRET}`)

    expect(calls).toEqual([{ method: 'GET', path: `/api/v1/collectivities/${SIRET}`, body: undefined }])
    expect(wrapper.get('h1').text()).toBe('Transmettre votre quotient familial à Majastres')
    expect(wrapper.text()).toContain('Votre identité, fournie par FranceConnect')
    expect(wrapper.text()).toContain('CAF ou la MSA')
    expect(wrapper.text()).toContain('Vous n’avez pas de compte FranceConnect ?')

    const button = wrapper.get('.fr-connect-group button.fr-connect')
    expect(button.get('.fr-connect__login').text()).toBe('S’identifier avec')
    expect(button.get('.fr-connect__brand').text()).toBe('FranceConnect')
    const about = wrapper.get('.fr-connect-group a')
    expect(about.text()).toBe('Qu’est-ce que FranceConnect ?')
    expect(about.attributes()).toMatchObject({
      href: 'https://franceconnect.gouv.fr/',
      target: '_blank',
      title: 'Qu’est-ce que FranceConnect ? - nouvelle fenêtre',
    })
    wrapper.unmount()
  })

  it('maps external_id and redirect_uri to the session body, then sends the browser to loginUrl', async () => {
    const calls = stubApi(collectivityFound)
    const assign = vi.spyOn(externalNavigation, 'assign').mockImplementation(() => undefined)
    const redirectUri = 'https://portail.majastres.fr/qf'
    const wrapper = await mountAt(
      `/collectivites/${SIRET}/me_connecter?external_id=famille-1234&redirect_uri=${encodeURIComponent(redirectUri)}`,
    )

    await wrapper.get('button.fr-connect').trigger('click')
    await flushPromises()

    expect(calls.at(-1)).toEqual({
      method: 'POST',
      path: '/api/v1/sessions',
      body: { siret: SIRET, externalId: 'famille-1234', redirectUri },
    })
    expect(assign).toHaveBeenCalledExactlyOnceWith(createdSession.loginUrl)
    wrapper.unmount()
  })

  it('sends only the SIRET when the link carries no external_id nor redirect_uri', async () => {
    const calls = stubApi(collectivityFound)
    vi.spyOn(externalNavigation, 'assign').mockImplementation(() => undefined)
    const wrapper = await mountAt(`/collectivites/${SIRET}`)

    await wrapper.get('button.fr-connect').trigger('click')
    await flushPromises()

    expect(calls.at(-1)?.body).toEqual({ siret: SIRET })
    wrapper.unmount()
  })

  it('shows the invalid-link alert on a 422, without echoing the values and without leaving', async () => {
    stubApi({
      ...collectivityFound,
      'POST /api/v1/sessions': {
        status: 422,
        body: problem(422, 'urn:qf:problem:invalid-redirect-uri', 'Adresse de retour refusée'),
      },
    })
    const assign = vi.spyOn(externalNavigation, 'assign').mockImplementation(() => undefined)
    const wrapper = await mountAt(
      `/collectivites/${SIRET}?external_id=xx-secret&redirect_uri=https://evil.test/`,
    )

    await wrapper.get('button.fr-connect').trigger('click')
    await flushPromises()

    const alert = wrapper.get('[data-testid="invalid-link"]')
    expect(alert.attributes('role')).toBe('alert')
    expect(alert.text()).toContain('Le lien de votre collectivité n’est pas valide')
    expect(wrapper.text()).not.toContain('evil.test')
    expect(wrapper.text()).not.toContain('xx-secret')
    expect(assign).not.toHaveBeenCalled()
    expect(wrapper.get('button.fr-connect').attributes('disabled')).toBeUndefined()
    wrapper.unmount()
  })

  it('says "Collectivité inconnue" for a SIRET the API does not know, with no FranceConnect button', async () => {
    stubApi({
      'GET /api/v1/collectivities/99999999999999': {
        status: 404,
        body: problem(404, 'urn:qf:problem:collectivity-not-found', 'Collectivité inconnue'),
      },
    })
    const wrapper = await mountAt('/collectivites/99999999999999')

    expect(wrapper.get('h1').text()).toBe('Collectivité inconnue')
    expect(wrapper.find('button.fr-connect').exists()).toBe(false)
    wrapper.unmount()
  })

  it.each([
    [
      'not_yet_offered',
      'Cette collectivité ne propose pas encore ce service',
      'Marseille ne propose pas encore ce service.',
    ],
    [
      'no_longer_offered',
      'Cette collectivité ne propose plus ce service',
      'Strasbourg ne propose plus ce service.',
    ],
  ] as const)(
    'a known collectivity %s: its own page and title, what to do instead, no button',
    async (code, h1, detail) => {
      const { siret } = notOfferedCollectivities[code]
      stubApi({ [`GET /api/v1/collectivities/${siret}`]: { status: 404, body: notOfferedProblem(code) } })
      const wrapper = await mountAt(`/collectivites/${siret}`, TitledPage)

      expect(wrapper.findAll('h1').map((heading) => heading.text())).toEqual([h1])
      expect(document.title).toBe(`${h1} - Quotient familial`)
      expect(wrapper.get('[data-testid="not-offered-detail"]').text()).toBe(detail)
      expect(wrapper.get('[data-testid="not-offered-instead"]').text()).toContain(
        'attestation de la CAF ou de la MSA',
      )
      expect(wrapper.text()).toContain('Remettez-la à votre collectivité')
      expect(wrapper.text()).not.toContain('Collectivité inconnue')
      expect(wrapper.text()).not.toContain('Vérifiez l’adresse')
      expect(wrapper.find('button.fr-connect').exists()).toBe(false)
      wrapper.unmount()
    },
  )

  it('an unknown SIRET keeps its page and the route’s title', async () => {
    stubApi({
      'GET /api/v1/collectivities/99999999999999': {
        status: 404,
        body: problem(404, 'urn:qf:problem:collectivity-not-found', 'Collectivité inconnue'),
      },
    })
    const wrapper = await mountAt('/collectivites/99999999999999', TitledPage)
    expect(wrapper.get('h1').text()).toBe('Collectivité inconnue')
    expect(document.title).toBe('Transmettre votre quotient familial - Quotient familial')
    wrapper.unmount()
  })

  it('a collectivity that stops offering the service before "S’identifier": its page, not "service unavailable"', async () => {
    stubApi({
      ...collectivityFound,
      'POST /api/v1/sessions': { status: 404, body: notOfferedProblem('no_longer_offered') },
    })
    const assign = vi.spyOn(externalNavigation, 'assign').mockImplementation(() => undefined)
    const wrapper = await mountAt(`/collectivites/${SIRET}`)

    await wrapper.get('button.fr-connect').trigger('click')
    await flushPromises()
    await vi.dynamicImportSettled()
    await flushPromises()

    expect(wrapper.get('h1').text()).toBe('Cette collectivité ne propose plus ce service')
    expect(wrapper.text()).not.toContain('La connexion n’a pas pu commencer')
    expect(wrapper.find('button.fr-connect').exists()).toBe(false)
    expect(assign).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})
