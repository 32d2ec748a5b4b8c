// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { collectivity, SIRET } from './fixtures/journey.js'
import { stubApi } from './helpers/fake-fetch.js'
import { createTestRouter } from './helpers/test-router.js'

describe('routes', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('/collectivities/:siret (the editors’ guide spelling) redirects to /collectivites/:siret, query kept', async () => {
    const calls = stubApi({ [`GET /api/v1/collectivities/${SIRET}`]: { status: 200, body: collectivity } })
    const router = await createTestRouter(
      '/collectivities/21040107100019?external_id=famille-1234&redirect_uri=https%3A%2F%2Fportail.majastres.fr%2Fqf',
    )
    const route = router.currentRoute.value
    expect(route.name).toBe('collectivity')
    expect(route.path).toBe('/collectivites/21040107100019')
    expect(route.query).toEqual({
      external_id: 'famille-1234',
      redirect_uri: 'https://portail.majastres.fr/qf',
    })
    // The landing's data is asked for as soon as the route is entered (before its view is loaded).
    expect(calls.map((c) => c.path)).toEqual([`/api/v1/collectivities/${SIRET}`])
  })

  it('gives every page its own title', async () => {
    const router = await createTestRouter()
    const titles = router
      .getRoutes()
      .filter((r) => r.name !== undefined)
      .map((r) => r.meta.title)
    expect(titles.every((t) => typeof t === 'string' && t !== '')).toBe(true)
  })
})
