// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { h } from 'vue'
import { ApiProblem } from '../src/api/client.js'
import PageState from '../src/components/PageState.vue'
import { createTestRouter } from './helpers/test-router.js'

const problem = (status: number) => new ApiProblem({ type: 'about:blank', title: 'x', status })

interface StateProps {
  loading: boolean
  error: ApiProblem | undefined
  notFoundStatuses?: number[]
  unavailableText?: string
  retryable?: boolean
}

async function mountState(props: StateProps, slots: Record<string, () => unknown> = {}) {
  return mount(PageState, {
    props: { loadingLabel: 'Chargement…', ...props },
    slots: { default: () => h('h1', 'Contenu'), ...slots },
    global: { plugins: [await createTestRouter()] },
  })
}

describe('PageState', () => {
  it('announces the loading in a status region, and nothing else', async () => {
    const wrapper = await mountState({ loading: true, error: undefined })
    expect(wrapper.get('[role="status"]').text()).toBe('Chargement…')
    expect(wrapper.find('h1').exists()).toBe(false)
  })

  it('shows the content once loaded without error', async () => {
    const wrapper = await mountState({ loading: false, error: undefined })
    expect(wrapper.get('h1').text()).toBe('Contenu')
  })

  it('shows the not-found slot for the statuses the page names (404 by default)', async () => {
    const byDefault = await mountState({ loading: false, error: problem(404) })
    expect(byDefault.get('h1').text()).toBe('Page introuvable')

    const named = await mountState(
      { loading: false, error: problem(401), notFoundStatuses: [401] },
      { 'not-found': () => h('h1', 'Votre session a expiré') },
    )
    expect(named.get('h1').text()).toBe('Votre session a expiré')
  })

  it('shows "unavailable" for any other failure, with a retry only when the page offers one', async () => {
    const plain = await mountState({ loading: false, error: problem(503), unavailableText: 'Réessayez.' })
    expect(plain.get('h1').text()).toBe('Service momentanément indisponible')
    expect(plain.text()).toContain('Réessayez.')
    expect(plain.find('button').exists()).toBe(false)

    const retryable = await mountState({ loading: false, error: problem(0), retryable: true })
    await retryable.get('button').trigger('click')
    expect(retryable.emitted('retry')).toHaveLength(1)
  })
})
