// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import NotFoundView from '../src/views/NotFoundView.vue'
import { createTestRouter } from './helpers/test-router.js'

describe('NotFoundView', () => {
  it('renders the "Page non trouvée" title and a link back home', async () => {
    const wrapper = mount(NotFoundView, { global: { plugins: [await createTestRouter('/nulle/part')] } })

    expect(wrapper.get('h1').text()).toBe('Page non trouvée')
    const home = wrapper.get('a.fr-btn')
    expect(home.text()).toBe('Page d’accueil')
    expect(home.attributes('href')).toBe('/')
    wrapper.unmount()
  })

  it('is what the router shows for any unknown path', async () => {
    const router = await createTestRouter('/collectivites/inconnue/plus/loin')
    expect(router.currentRoute.value.name).toBe('not-found')
    expect(router.currentRoute.value.matched[0]?.components?.default).toBe(NotFoundView)
  })
})
