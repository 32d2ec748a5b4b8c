// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import AppFooter from '../src/components/AppFooter.vue'
import AppHeader from '../src/components/AppHeader.vue'
import { createTestRouter } from './helpers/test-router.js'

describe('AppHeader', () => {
  it('shows the Marianne block "République Française" on two lines and the service name', async () => {
    const wrapper = mount(AppHeader, { global: { plugins: [await createTestRouter()] } })

    const logo = wrapper.get('.fr-header__logo .fr-logo')
    expect(logo.html()).toContain('République<br>Française')
    expect(wrapper.get('.fr-header__service-title').text()).toBe('Quotient familial')
    expect(wrapper.get('.fr-header__service-tagline').text()).not.toBe('')
    expect(wrapper.get('.fr-header__service a').attributes('href')).toBe('/')
    wrapper.unmount()
  })
})

describe('AppFooter', () => {
  it('carries the mandatory State links, opening in a new window, and the accessibility status', async () => {
    const wrapper = mount(AppFooter, { global: { plugins: [await createTestRouter()] } })

    const links = wrapper.findAll('.fr-footer__content-link')
    expect(links.map((link) => link.attributes('href'))).toEqual([
      'https://legifrance.gouv.fr',
      'https://info.gouv.fr',
      'https://service-public.fr',
      'https://data.gouv.fr',
    ])
    for (const link of links) {
      expect(link.attributes('target')).toBe('_blank')
      expect(link.attributes('title')).toMatch(/ - nouvelle fenêtre$/)
    }
    expect(wrapper.get('.fr-footer__bottom').text()).toContain('Accessibilité : non conforme')
    wrapper.unmount()
  })
})
