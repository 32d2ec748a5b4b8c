// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, effectScope, h } from 'vue'
import { RouterView } from 'vue-router'
import { usePageTitle } from '../src/composables/use-page-title.js'
import { useSubmission } from '../src/composables/use-submission.js'
import ConfirmationView from '../src/views/ConfirmationView.vue'
import ReviewView from '../src/views/ReviewView.vue'
import TrackingView from '../src/views/TrackingView.vue'
import { authenticatedSession, deliveredSubmission, problem, REFERENCE, SIRET } from './fixtures/journey.js'
import { stubApi, type CannedApi } from './helpers/fake-fetch.js'
import { createTestRouter } from './helpers/test-router.js'

const spaces = (text: string) => text.replace(/\s+/g, ' ')
const submissionPath = `GET /api/v1/submissions/${REFERENCE}`

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('useSubmission: follows the status with a growing delay, stops on a final one', () => {
  it('asks again after 2 s, 4 s, 8 s… while the status moves, then stops on "done"', async () => {
    vi.useFakeTimers()
    const statuses = ['queued', 'queued', 'delivered', 'si_received', 'done']
    let answered = 0
    vi.stubGlobal('fetch', async () => {
      const status = statuses[Math.min(answered, statuses.length - 1)]
      answered += 1
      return new Response(JSON.stringify({ ...deliveredSubmission, status }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    })
    const scope = effectScope()
    const state = scope.run(() => useSubmission(() => REFERENCE))
    if (!state) throw new Error('no state')
    await vi.advanceTimersByTimeAsync(0)
    expect(answered).toBe(1)
    expect(state.following.value).toBe(true)
    await vi.advanceTimersByTimeAsync(1_999)
    expect(answered).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(answered).toBe(2)
    await vi.advanceTimersByTimeAsync(4_000)
    expect(answered).toBe(3)
    expect(state.submission.value?.status).toBe('delivered')
    await vi.advanceTimersByTimeAsync(8_000)
    await vi.advanceTimersByTimeAsync(16_000)
    expect(answered).toBe(5)
    expect(state.submission.value?.status).toBe('done')
    expect(state.following.value).toBe(false)
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(answered).toBe(5)
    scope.stop()
  })

  it('keeps what it showed when a refresh fails, and stops asking when the page goes away', async () => {
    vi.useFakeTimers()
    const answers = [200, 503]
    let answered = 0
    vi.stubGlobal('fetch', async () => {
      const status = answers[Math.min(answered, answers.length - 1)] ?? 503
      answered += 1
      const body =
        status === 200
          ? { ...deliveredSubmission, status: 'queued' }
          : problem(503, 'about:blank', 'Indisponible')
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
    })
    const scope = effectScope()
    const state = scope.run(() => useSubmission(() => REFERENCE))
    if (!state) throw new Error('no state')
    await vi.advanceTimersByTimeAsync(2_000)
    expect(answered).toBe(2)
    expect(state.submission.value?.status).toBe('queued')
    expect(state.error.value).toBeUndefined()
    expect(state.following.value).toBe(true)
    scope.stop()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(answered).toBe(2)
  })
})

/** The routed page with the app's document title (as App.vue does). */
const TitledPage = defineComponent({
  setup() {
    usePageTitle()
    return () => h(RouterView)
  },
})

async function mountAt(component: Parameters<typeof mount>[0], path: string, api: CannedApi) {
  const calls = stubApi(api)
  const router = await createTestRouter(path)
  const wrapper = mount(component, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, calls, router }
}

describe('the consent step of envoyer_mes_donnees', () => {
  const reviewPath = `/collectivites/${SIRET}/envoyer_mes_donnees`

  it('sends nothing without the box ticked, then sends once whatever the clicks', async () => {
    const { wrapper, calls, router } = await mountAt(ReviewView, reviewPath, {
      'GET /api/v1/sessions/current': { status: 200, body: authenticatedSession },
      'POST /api/v1/sessions/current/submission': {
        status: 202,
        body: { reference: REFERENCE, status: 'queued', submittedAt: deliveredSubmission.submittedAt },
      },
    })
    await wrapper.get('button.fr-btn').trigger('click') // "Continuer vers l’envoi"
    await vi.dynamicImportSettled()
    await flushPromises()
    expect(wrapper.get('h1').text()).toBe('Acceptez l’envoi de vos informations')
    expect(spaces(wrapper.get('[data-testid="after-sending"]').text())).toContain('90 jours au plus')

    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="consent-error"]').exists()).toBe(true)
    expect(calls.filter((c) => c.method === 'POST')).toEqual([])

    await wrapper.get('[data-testid="consent"]').setValue(true)
    expect(wrapper.find('[data-testid="consent-error"]').exists()).toBe(false)
    const push = vi.spyOn(router, 'push')
    await Promise.all([wrapper.get('form').trigger('submit'), wrapper.get('form').trigger('submit')])
    await flushPromises()
    expect(calls.filter((c) => c.method === 'POST')).toEqual([
      { method: 'POST', path: '/api/v1/sessions/current/submission', body: { consent: true } },
    ])
    expect(push).toHaveBeenCalledWith(`/collectivites/${SIRET}/confirmation/${REFERENCE}`)
    wrapper.unmount()
  })

  it('a refusal (409) says the sending is not possible and points to the alternatives', async () => {
    const { wrapper } = await mountAt(ReviewView, reviewPath, {
      'GET /api/v1/sessions/current': { status: 200, body: authenticatedSession },
      'POST /api/v1/sessions/current/submission': {
        status: 409,
        body: problem(409, 'urn:qf:problem:submission-not-allowed', 'Envoi impossible'),
      },
    })
    await wrapper.get('button.fr-btn').trigger('click')
    await vi.dynamicImportSettled()
    await flushPromises()
    await wrapper.get('[data-testid="consent"]').setValue(true)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const alert = wrapper.get('[data-testid="send-failure"]')
    expect(alert.text()).toContain('L’envoi n’est pas possible')
    expect(alert.find('a').attributes('href')).toBe(`/collectivites/${SIRET}/sans_france_connect`)
    expect(wrapper.get('[data-testid="send"]').attributes('disabled')).toBeUndefined()
    wrapper.unmount()
  })

  it('no "Continuer" without a quotient familial (nothing to send)', async () => {
    const { wrapper } = await mountAt(ReviewView, reviewPath, {
      'GET /api/v1/sessions/current': {
        status: 200,
        body: {
          ...authenticatedSession,
          quotientFamilial: null,
          quotientFamilialError: { code: 'qf_not_found', message: 'Aucun dossier.' },
        },
      },
    })
    expect(wrapper.text()).not.toContain('Continuer vers l’envoi')
    wrapper.unmount()
  })
})

describe('ConfirmationView', () => {
  const confirmationPath = `/collectivites/${SIRET}/confirmation/${REFERENCE}`
  const submitted = {
    ...authenticatedSession,
    step: 'submitted',
    identity: null,
    quotientFamilial: null,
    redirectUri: 'https://portail.majastres.fr/qf',
    submission: { reference: REFERENCE, status: 'queued', submittedAt: deliveredSubmission.submittedAt },
  }

  it('the return link comes from the session that sent this reference only', async () => {
    const own = await mountAt(ConfirmationView, confirmationPath, {
      [submissionPath]: { status: 200, body: deliveredSubmission },
      'GET /api/v1/sessions/current': { status: 200, body: submitted },
    })
    expect(own.wrapper.get('[data-testid="return-link"]').attributes('href')).toBe(
      'https://portail.majastres.fr/qf',
    )
    expect(own.wrapper.get('[data-testid="reference"]').text()).toBe(REFERENCE)
    expect(spaces(own.wrapper.get('[data-testid="submission-status"]').text())).toBe(
      'Transmis à la collectivité',
    )
    own.wrapper.unmount()

    const other = await mountAt(ConfirmationView, confirmationPath, {
      [submissionPath]: { status: 200, body: deliveredSubmission },
      'GET /api/v1/sessions/current': {
        status: 200,
        body: { ...submitted, submission: { ...submitted.submission, reference: '3333333333333' } },
      },
    })
    expect(other.wrapper.find('[data-testid="return-link"]').exists()).toBe(false)
    other.wrapper.unmount()
  })

  it('copy: the clipboard, or the reference selected when the browser refuses, announced either way', async () => {
    const { wrapper } = await mountAt(ConfirmationView, confirmationPath, {
      [submissionPath]: { status: 200, body: deliveredSubmission },
      'GET /api/v1/sessions/current': {
        status: 401,
        body: problem(401, 'urn:qf:problem:session-missing', 'x'),
      },
    })
    const writeText = vi.fn(async () => undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    await wrapper.get('[data-testid="copy-reference"]').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith(REFERENCE)
    expect(wrapper.get('[data-testid="copy-status"]').text()).toBe('Référence copiée dans le presse-papiers.')

    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: async () => Promise.reject(new Error('denied')) },
    })
    await wrapper.get('[data-testid="copy-reference"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="copy-status"]').text()).toContain('la référence est sélectionnée')
    expect(window.getSelection()?.toString()).toBe(REFERENCE)
    wrapper.unmount()
  })

  it('a failed delivery says so plainly: failure heading and title, the advice, no success banner', async () => {
    const { wrapper, router } = await mountAt(TitledPage, confirmationPath, {
      [submissionPath]: {
        status: 200,
        body: { ...deliveredSubmission, status: 'failed', deliveredAt: null, failureReason: 'hub_rejected' },
      },
      'GET /api/v1/sessions/current': {
        status: 401,
        body: problem(401, 'urn:qf:problem:session-missing', 'x'),
      },
    })
    await vi.dynamicImportSettled()
    await flushPromises()
    expect(wrapper.get('h1').text()).toBe('Vos informations n’ont pas pu être transmises')
    expect(document.title).toBe('Échec de l’envoi - Quotient familial')
    expect(wrapper.text()).toContain('Échec de la transmission')
    expect(wrapper.text()).not.toContain('Vos informations ont été transmises')
    expect(wrapper.find('.fr-alert--success').exists()).toBe(false)
    expect(wrapper.find('[data-testid="submission-following"]').exists()).toBe(false)
    const advice = wrapper.get('[data-testid="submission-advice"]')
    expect(advice.text()).toContain('a refusé le vôtre')
    expect(advice.text()).not.toMatch(/recommence/i)
    expect(wrapper.find('[data-testid="advice-retry"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="advice-attestation"]').attributes('href')).toBe(
      `/collectivites/${SIRET}/sans_france_connect`,
    )
    await router.push('/') // the next page's title is the route's again
    await flushPromises()
    expect(document.title).toBe('Accueil - Quotient familial')
    wrapper.unmount()
  })

  it('a failure where a new sending can work offers it', async () => {
    const { wrapper } = await mountAt(ConfirmationView, confirmationPath, {
      [submissionPath]: {
        status: 200,
        body: {
          ...deliveredSubmission,
          status: 'failed',
          deliveredAt: null,
          failureReason: 'dossier_unreadable',
        },
      },
    })
    await vi.dynamicImportSettled()
    await flushPromises()
    expect(wrapper.get('[data-testid="advice-retry"]').attributes('href')).toBe(`/collectivites/${SIRET}`)
    wrapper.unmount()
  })

  it('the refresh that moves the status on changes h1 and title, and is announced once (polite)', async () => {
    vi.useFakeTimers()
    const { wrapper } = await mountAt(TitledPage, confirmationPath, {
      [submissionPath]: {
        status: 200,
        body: { ...deliveredSubmission, status: 'queued', deliveredAt: null },
      },
    })
    const announcement = wrapper.get('[data-testid="status-announcement"]')
    expect(announcement.attributes('role')).toBe('status')
    expect(wrapper.get('h1').text()).toBe('Envoi en cours vers Majastres')
    expect(document.title).toBe('Envoi en cours - Quotient familial')
    expect(announcement.text()).toBe('')

    await vi.advanceTimersByTimeAsync(2_000) // same status: nothing to say
    await flushPromises()
    expect(announcement.text()).toBe('')

    stubApi({ [submissionPath]: { status: 200, body: deliveredSubmission } })
    await vi.advanceTimersByTimeAsync(4_000)
    await flushPromises()
    expect(wrapper.get('h1').text()).toBe('Vos informations ont été transmises à Majastres')
    expect(document.title).toBe('Transmis à Majastres - Quotient familial')
    expect(announcement.text()).toBe('Vos informations ont été transmises à Majastres.')
    // The only live region that says it: the badge and the details are not live.
    const live = wrapper.findAll('[role="status"], [aria-live], [role="alert"]')
    expect(live.filter((region) => region.text().includes('transmises'))).toHaveLength(1)
    expect(wrapper.get('[data-testid="submission-details"]').attributes('aria-live')).toBeUndefined()
    wrapper.unmount()
  })

  it('an unknown reference: "Envoi introuvable" as title too', async () => {
    const { wrapper } = await mountAt(TitledPage, confirmationPath, {
      [submissionPath]: { status: 404, body: problem(404, 'urn:qf:problem:submission-not-found', 'x') },
    })
    expect(wrapper.get('h1').text()).toBe('Envoi introuvable')
    expect(document.title).toBe('Envoi introuvable - Quotient familial')
    wrapper.unmount()
  })
})

describe('TrackingView', () => {
  it('checks the format before asking; accepts spaces and lower case; a 404 is a clear message', async () => {
    const { wrapper, calls } = await mountAt(TrackingView, '/suivi', {
      [submissionPath]: { status: 200, body: deliveredSubmission },
    })
    const input = wrapper.get('[data-testid="reference-input"]')
    for (const wrong of ['', '7KQ4MXD9HTCW', '7KQ4MXD9HTCW0', '7KQ4MXD9HTCWB3'] as const) {
      await input.setValue(wrong)
      await wrapper.get('form').trigger('submit')
      await flushPromises()
      expect(wrapper.find('[data-testid="reference-error"]').exists(), wrong).toBe(true)
    }
    expect(calls).toEqual([])

    await input.setValue('7kq4 mxd9-htcw3')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(calls.map((c) => c.path)).toEqual([`/api/v1/submissions/${REFERENCE}`])
    expect(wrapper.get('[data-testid="tracking-result"]').text()).toContain('Transmis à la collectivité')

    await input.setValue('3333333333333')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="tracking-not-found"]').text()).toContain('3333333333333')
    wrapper.unmount()
  })

  it('a failed sending: the same wording as the confirmation, the advice, never "recommencer" when it would fail again', async () => {
    const { wrapper } = await mountAt(TrackingView, '/suivi', {
      [submissionPath]: {
        status: 200,
        body: {
          ...deliveredSubmission,
          status: 'failed',
          deliveredAt: null,
          failureReason: 'collectivity_cannot_receive',
        },
      },
    })
    await wrapper.get('[data-testid="reference-input"]').setValue(REFERENCE)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    await vi.dynamicImportSettled()
    await flushPromises()
    const result = wrapper.get('[data-testid="tracking-result"]')
    expect(result.get('[data-testid="submission-status"]').text()).toBe('Échec de la transmission')
    expect(result.get('[data-testid="submission-detail"]').text()).toContain('rien ne lui a été transmis')
    expect(result.get('[data-testid="submission-advice"] h3').text()).toBe('Que pouvez-vous faire\u00a0?')
    expect(result.text()).toContain('Majastres ne peut pas encore recevoir de dossier par ce service.')
    expect(result.text()).not.toMatch(/recommence/i)
    expect(result.text()).not.toMatch(/ [:;!?]/) // French typography: a non-breaking space before them
    wrapper.unmount()
  })
})
