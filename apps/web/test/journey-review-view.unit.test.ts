// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { externalNavigation } from '../src/navigation.js'
import ReviewView from '../src/views/ReviewView.vue'
import { authenticatedSession, problem, SIRET } from './fixtures/journey.js'
import { stubApi } from './helpers/fake-fetch.js'
import { createTestRouter } from './helpers/test-router.js'

const reviewPath = `/collectivites/${SIRET}/envoyer_mes_donnees`
const spaces = (text: string) => text.replace(/\s+/g, ' ')

async function mountReview() {
  const router = await createTestRouter(reviewPath)
  const wrapper = mount(ReviewView, { global: { plugins: [router] } })
  await flushPromises()
  return wrapper
}

describe('ReviewView', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('shows the identity, the QF and the household, partial birth dates included', async () => {
    const calls = stubApi({ 'GET /api/v1/sessions/current': { status: 200, body: authenticatedSession } })
    const wrapper = await mountReview()

    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v1/sessions/current'])
    expect(wrapper.get('h1').text()).toBe('Vérifiez vos informations')
    expect(wrapper.text()).toContain('transmises à Majastres')

    const identity = spaces(wrapper.get('[data-testid="identity"]').text())
    expect(identity).toContain('Prénoms : Angela Claire Louise')
    expect(identity).toContain('Nom de naissance : DUBOIS')
    expect(identity).toContain('Date de naissance : 24 août 1962')
    // Names, never the INSEE codes: the API resolves them (the SPA downloads no list).
    expect(identity).toContain('Sexe : Femme')
    expect(identity).toContain('Lieu de naissance : Paris 7e Arrondissement')
    expect(identity).toContain('Pays de naissance : France')
    expect(identity).not.toMatch(/75107|99100/)

    const quotient = spaces(wrapper.get('[data-testid="quotient"]').text())
    expect(quotient).toContain('Quotient familial de février 2024 : 2 550 €')
    expect(quotient).toContain('Organisme : CAF (caisse d’allocations familiales)')
    expect(quotient).toContain('Calculé sur les ressources du mois précédent')
    expect(wrapper.text()).not.toContain('Mois de droit')
    // The household has no history: it is today's, never "of February 2024".
    const household = spaces(wrapper.get('[data-testid="household"]').text())
    expect(household).toContain('Telle que la CAF ou la MSA la connaît aujourd’hui')
    expect(household).not.toMatch(/février|2024/)

    const tables = wrapper.findAll('.fr-table table')
    expect(tables.map((table) => table.get('caption').text())).toEqual(['Allocataires', 'Enfants'])
    const children = tables[1]?.findAll('tbody tr').map((row) => row.findAll('td').map((cell) => cell.text()))
    expect(children).toEqual([
      ['DUBOIS', 'LOUIS', '2015'],
      ['DUBOIS', 'LÉA', 'juin 2018'],
    ])
    wrapper.unmount()
  })

  it('says honestly that the children were not transmitted when the answer is masked', async () => {
    stubApi({
      'GET /api/v1/sessions/current': {
        status: 200,
        body: {
          ...authenticatedSession,
          quotientFamilial: { ...authenticatedSession.quotientFamilial, enfants: [], withheld: ['enfants'] },
        },
      },
    })
    const wrapper = await mountReview()
    const household = spaces(wrapper.get('[data-testid="household"]').text())
    expect(household).toContain('Les enfants de votre foyer ne sont pas transmis')
    expect(household).toContain('l’habilitation de Majastres ne couvre pas cette information')
    expect(household).not.toContain('Aucun enfant')
    expect(wrapper.findAll('.fr-table caption').map((c) => c.text())).toEqual(['Allocataires'])
    // The citizen can still go on: the QF itself is there.
    expect(wrapper.find('button.fr-btn:not(.fr-btn--secondary)').text()).toBe('Continuer vers l’envoi')
    wrapper.unmount()
  })

  it('shows the QF error message instead of the QF when the CAF/MSA read failed', async () => {
    stubApi({
      'GET /api/v1/sessions/current': {
        status: 200,
        body: {
          ...authenticatedSession,
          quotientFamilial: null,
          quotientFamilialError: {
            code: 'qf_not_found',
            message: 'Aucun dossier à votre nom n’a été trouvé auprès de la CAF ou de la MSA.',
          },
        },
      },
    })
    const wrapper = await mountReview()

    expect(wrapper.get('[data-testid="quotient-error"]').text()).toContain('Aucun dossier à votre nom')
    expect(wrapper.find('[data-testid="quotient"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('says the session expired on a 401, with a way back to the collectivity page', async () => {
    stubApi({
      'GET /api/v1/sessions/current': {
        status: 401,
        body: problem(401, 'urn:qf:problem:session-expired', 'Session expirée'),
      },
    })
    const wrapper = await mountReview()

    expect(wrapper.get('h1').text()).toBe('Votre session a expiré')
    expect(wrapper.get('a.fr-btn').attributes('href')).toBe(`/collectivites/${SIRET}`)
    expect(wrapper.find('button').exists()).toBe(false)
    wrapper.unmount()
  })

  it('logs out through the API, then sends the browser to the logoutUrl', async () => {
    const logoutUrl = 'https://fc.example.test/api/v2/session/end?state=abc'
    const calls = stubApi({
      'GET /api/v1/sessions/current': { status: 200, body: authenticatedSession },
      'POST /api/v1/sessions/current/logout': { status: 200, body: { logoutUrl } },
    })
    const assign = vi.spyOn(externalNavigation, 'assign').mockImplementation(() => undefined)
    const wrapper = await mountReview()

    const logout = wrapper.findAll('button').find((button) => button.text() === 'Se déconnecter')
    if (!logout) throw new Error('no "Se déconnecter" button')
    await logout.trigger('click')
    await flushPromises()

    expect(calls.at(-1)).toMatchObject({ method: 'POST', path: '/api/v1/sessions/current/logout' })
    expect(assign).toHaveBeenCalledExactlyOnceWith(logoutUrl)
    wrapper.unmount()
  })
})
