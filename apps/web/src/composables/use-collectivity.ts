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
      const found = await getCollectivity(value)
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
