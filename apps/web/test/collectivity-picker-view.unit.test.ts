// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import CollectivityPickerView from '../src/views/CollectivityPickerView.vue'
import { collectivity, otherCollectivities } from './fixtures/journey.js'
import { stubApi } from './helpers/fake-fetch.js'
import { createTestRouter } from './helpers/test-router.js'

async function mountPicker(path = '/collectivites') {
  const router = await createTestRouter(path)
  const wrapper = mount(CollectivityPickerView, { global: { plugins: [router] } })
  return { wrapper, router }
}

/** Lets the pause after typing pass, then the answer arrive. */
async function settle() {
  await vi.runOnlyPendingTimersAsync()
  await flushPromises()
}

describe('CollectivityPickerView', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('searches listCollectivities as one types, announces the count and links each result to its landing', async () => {
    const calls = stubApi({
      'GET /api/v1/collectivities': { status: 200, body: { items: [collectivity, ...otherCollectivities] } },
    })
    const { wrapper, router } = await mountPicker()

    await wrapper.get('input').setValue('a')
    await settle()
    expect(calls).toEqual([]) // one letter is not searched
    await wrapper.get('input').setValue('aj')
    await settle()

    expect(calls.map((c) => c.path)).toEqual(['/api/v1/collectivities?q=aj&limit=20'])
    const status = wrapper.get('[data-testid="search-status"]')
    expect(status.attributes('aria-live')).toBe('polite')
    expect(status.text()).toBe('3 collectivités trouvées.')
    const links = wrapper.findAll('[data-testid="results"] a')
    expect(links.map((a) => a.attributes('href'))).toEqual([
      `/collectivites/${collectivity.siret}`,
      ...otherCollectivities.map((c) => `/collectivites/${c.siret}`),
    ])
    expect(router.currentRoute.value.query).toEqual({ q: 'aj' })
    wrapper.unmount()
  })

  it('searches a one-digit département and the spellings the API reads (St-Denis 97400, Mairie de …)', async () => {
    const calls = stubApi({
      'GET /api/v1/collectivities': { status: 200, body: { items: [collectivity] } },
    })
    const { wrapper } = await mountPicker()
    await wrapper.get('input').setValue('4')
    await settle()
    await wrapper.get('input').setValue('St-Denis 97400')
    await settle()
    await wrapper.get('input').setValue('Mairie de Majastres')
    await settle()
    expect(calls.map((c) => c.path)).toEqual([
      '/api/v1/collectivities?q=4&limit=20',
      '/api/v1/collectivities?q=St-Denis%2097400&limit=20',
      '/api/v1/collectivities?q=Mairie%20de%20Majastres&limit=20',
    ])
    expect(wrapper.get('[data-testid="search-status"]').text()).toBe('1 collectivité trouvée.')
    wrapper.unmount()
  })

  it('says clearly when nothing matches', async () => {
    stubApi({ 'GET /api/v1/collectivities': { status: 200, body: { items: [] } } })
    const { wrapper } = await mountPicker('/collectivites?q=zzzz')
    await settle()

    expect(wrapper.get('[data-testid="search-status"]').text()).toBe(
      'Aucune collectivité ne correspond à « zzzz ».',
    )
    expect(wrapper.get('[data-testid="no-result"]').text()).toContain('pas dans la liste')
    wrapper.unmount()
  })

  it('says the search failed when the API does not answer', async () => {
    stubApi({
      'GET /api/v1/collectivities': { status: 503, body: { type: 'about:blank', title: 'x', status: 503 } },
    })
    const { wrapper } = await mountPicker('/collectivites?q=maj')
    await settle()

    expect(wrapper.get('[data-testid="search-status"]').text()).toBe(
      'La recherche n’a pas abouti. Veuillez réessayer.',
    )
    expect(wrapper.find('[data-testid="no-result"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
