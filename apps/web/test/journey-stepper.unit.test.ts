// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import JourneyStepper from '../src/components/JourneyStepper.vue'
import { forgetSession, knownSession } from '../src/composables/use-current-session.js'
import { authenticatedSession, SIRET } from './fixtures/journey.js'
import { stubApi } from './helpers/fake-fetch.js'
import { createTestRouter } from './helpers/test-router.js'

describe('JourneyStepper', () => {
  afterEach(() => vi.useRealTimers())

  it('names the step, the next one and the step count, as the DSFR stepper does', async () => {
    const wrapper = mount(JourneyStepper, {
      props: { step: 2 },
      global: { plugins: [await createTestRouter('/')] },
    })
    expect(wrapper.get('.fr-stepper__title').text()).toBe('Relire les informations Étape 2 sur 4')
    expect(wrapper.get('.fr-stepper__steps').attributes()).toMatchObject({
      'data-fr-current-step': '2',
      'data-fr-steps': '4',
    })
    expect(wrapper.get('.fr-stepper__details').text()).toBe('Étape suivante : Accepter l’envoi')
    expect(wrapper.find('[data-testid="time-left"]').exists()).toBe(false)
  })

  it('shows the time left until the session ends, and that it ended', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'))
    const wrapper = mount(JourneyStepper, {
      props: { step: 2, expiresAt: '2026-12-01T10:25:00Z' },
      global: { plugins: [await createTestRouter(`/collectivites/${SIRET}/erreur`)] },
    })
    expect(wrapper.get('[data-testid="time-left"]').text()).toMatch(/^Temps restant : environ 25 minutes/)

    expect(wrapper.get('[data-testid="session-status"]').text()).toBe('') // nothing to announce yet

    vi.setSystemTime(new Date('2026-12-01T10:26:00Z'))
    await vi.advanceTimersByTimeAsync(30_000)
    await vi.dynamicImportSettled()
    await flushPromises()
    expect(wrapper.find('[data-testid="time-left"]').exists()).toBe(false)
    const status = wrapper.get('[data-testid="session-status"]')
    expect(status.text()).toContain('Votre session a expiré : rien n’a été transmis.')
    expect(status.get('[data-testid="session-restart"]').attributes('href')).toBe(
      '/collectivites/21040107100019',
    )
    wrapper.unmount()
  })

  it('warns in a live region 5 minutes before the end, and "Prolonger la session" reads the session again', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'))
    const calls = stubApi({
      'GET /api/v1/sessions/current': {
        status: 200,
        body: { ...authenticatedSession, expiresAt: '2026-12-01T10:34:00Z' },
      },
    })
    const wrapper = mount(JourneyStepper, {
      props: { step: 2, expiresAt: '2026-12-01T10:06:00Z' },
      global: { plugins: [await createTestRouter(`/collectivites/${SIRET}/erreur`)] },
    })
    const status = wrapper.get('[data-testid="session-status"]')
    expect(status.attributes('role')).toBe('status')
    expect(status.text()).toBe('')

    vi.setSystemTime(new Date('2026-12-01T10:01:30Z'))
    await vi.advanceTimersByTimeAsync(1_000)
    await vi.dynamicImportSettled()
    await flushPromises()
    expect(status.text()).toContain('Votre session se termine dans moins de 5 minutes')
    await wrapper.get('[data-testid="session-extend"]').trigger('click')
    await flushPromises()
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/v1/sessions/current'])
    expect(knownSession.value?.expiresAt).toBe('2026-12-01T10:34:00Z')
    wrapper.unmount()
    forgetSession()
    vi.unstubAllGlobals()
  })
})
