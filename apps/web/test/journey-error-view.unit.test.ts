// @vitest-environment happy-dom
import { journeyErrorMessages } from '@qf/contracts'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import JourneyErrorView from '../src/views/JourneyErrorView.vue'
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
})
