// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { externalNavigation } from '../src/navigation.js'
import CollectivityLandingView from '../src/views/CollectivityLandingView.vue'
import { collectivity, createdSession, problem, SIRET } from './fixtures/journey.js'
import { stubApi, type CannedApi } from './helpers/fake-fetch.js'
import { createTestRouter } from './helpers/test-router.js'

const collectivityFound: CannedApi = {
  [`GET /api/v1/collectivities/${SIRET}`]: { status: 200, body: collectivity },
  'POST /api/v1/sessions': { status: 201, body: createdSession },
}

async function mountAt(path: string) {
  const router = await createTestRouter(path)
  const wrapper = mount(CollectivityLandingView, { global: { plugins: [router] } })
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
})
