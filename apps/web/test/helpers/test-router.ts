import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { routes } from '../../src/router/index.js'

/** The app's routes on an in-memory history, for component tests. */
export async function createTestRouter(initialPath = '/'): Promise<Router> {
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(initialPath)
  await router.isReady()
  return router
}
