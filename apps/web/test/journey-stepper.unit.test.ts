// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import JourneyStepper from '../src/components/JourneyStepper.vue'

describe('JourneyStepper', () => {
  afterEach(() => vi.useRealTimers())

  it('names the step, the next one and the step count, as the DSFR stepper does', () => {
    const wrapper = mount(JourneyStepper, { props: { step: 2 } })
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
    const wrapper = mount(JourneyStepper, { props: { step: 2, expiresAt: '2026-12-01T10:25:00Z' } })
    expect(wrapper.get('[data-testid="time-left"]').text()).toMatch(/^Temps restant : environ 25 minutes/)

    vi.setSystemTime(new Date('2026-12-01T10:26:00Z'))
    await vi.advanceTimersByTimeAsync(30_000)
    expect(wrapper.get('[data-testid="time-left"]').text()).toContain('Votre session a expiré')
    wrapper.unmount()
  })
})
