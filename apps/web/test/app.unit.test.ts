// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import App from '../src/App.vue'
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
})
