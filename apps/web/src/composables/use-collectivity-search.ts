import type { Collectivity } from '@qf/contracts'
import { onScopeDispose, ref, watch, type Ref } from 'vue'
import { toApiProblem, type ApiProblem } from '../api/client.js'
import { listCollectivities } from '../api/collectivities.js'

/** The shortest text searched for ("04", "2A", "Eu"): one letter would match half of France. */
export const MIN_QUERY_LENGTH = 2

/** Whether the text is searched: two characters or more, or one digit (a département: "4" → 04). */
export const isSearchable = (text: string): boolean => text.length >= MIN_QUERY_LENGTH || /^\d$/.test(text)
const DEBOUNCE_MS = 250

export interface CollectivitySearch {
  results: Ref<Collectivity[]>
  /** The text the results are for (undefined before the first search). */
  searchedFor: Ref<string | undefined>
  searching: Ref<boolean>
  error: Ref<ApiProblem | undefined>
  /** Searches now (the form's submit), without waiting for the pause in typing. */
  searchNow(): void
}

/** Searches `listCollectivities` as the text changes (after a short pause), keeping only the latest answer. */
export function useCollectivitySearch(query: Ref<string>): CollectivitySearch {
  const results = ref<Collectivity[]>([])
  const searchedFor = ref<string>()
  const searching = ref(false)
  const error = ref<ApiProblem>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: AbortController | undefined

  async function run(text: string): Promise<void> {
    inFlight?.abort()
    if (!isSearchable(text)) {
      results.value = []
      searchedFor.value = undefined
      searching.value = false
      return
    }
    const controller = new AbortController()
    inFlight = controller
    searching.value = true
    error.value = undefined
    try {
      const { items } = await listCollectivities(text, { limit: 20, signal: controller.signal })
      if (controller.signal.aborted) return
      results.value = items
      searchedFor.value = text
    } catch (caught) {
      if (controller.signal.aborted) return
      results.value = []
      searchedFor.value = undefined
      error.value = toApiProblem(caught)
    } finally {
      if (inFlight === controller) searching.value = false
    }
  }

  watch(
    () => query.value.trim(),
    (text) => {
      clearTimeout(timer)
      timer = setTimeout(() => void run(text), DEBOUNCE_MS)
    },
    { immediate: true },
  )
  onScopeDispose(() => {
    clearTimeout(timer)
    inFlight?.abort()
  })

  return {
    results,
    searchedFor,
    searching,
    error,
    searchNow() {
      clearTimeout(timer)
      void run(query.value.trim())
    },
  }
}
