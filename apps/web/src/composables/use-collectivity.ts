import type { Collectivity } from '@qf/contracts'
import { ref, watch, type Ref } from 'vue'
import { toApiProblem, type ApiProblem } from '../api/client.js'
import { getCollectivity } from '../api/collectivities.js'

export interface CollectivityState {
  collectivity: Ref<Collectivity | undefined>
  loading: Ref<boolean>
  error: Ref<ApiProblem | undefined>
  /** Loads it again (after a failure). */
  reload(): Promise<void>
}

let prefetched: { siret: string; answer: Promise<Collectivity> } | undefined

/**
 * Starts reading the collectivity now (from the route's guard), so the request runs while the view's
 * chunk downloads; `useCollectivity` then takes this answer for the same SIRET instead of asking again.
 */
export function prefetchCollectivity(siret: string): void {
  const answer = getCollectivity(siret)
  answer.catch(() => undefined) // the view reports the failure
  prefetched = { siret, answer }
}

/** Loads the collectivity of the SIRET the getter gives, again whenever it changes. */
export function useCollectivity(siret: () => string): CollectivityState {
  const collectivity = ref<Collectivity>()
  const loading = ref(true)
  const error = ref<ApiProblem>()
  let latest = 0

  async function load(value: string): Promise<void> {
    const call = ++latest
    loading.value = true
    error.value = undefined
    collectivity.value = undefined
    try {
      const pending = prefetched?.siret === value ? prefetched.answer : getCollectivity(value)
      prefetched = undefined
      const found = await pending
      if (call === latest) collectivity.value = found
    } catch (caught) {
      if (call === latest) error.value = toApiProblem(caught)
    } finally {
      if (call === latest) loading.value = false
    }
  }

  watch(siret, load, { immediate: true })

  return { collectivity, loading, error, reload: () => load(siret()) }
}
