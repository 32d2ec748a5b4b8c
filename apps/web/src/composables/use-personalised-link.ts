import { onScopeDispose, ref, watch, type Ref } from 'vue'
import { toApiProblem } from '../api/client.js'
import { getCollectivityLink } from '../api/collectivities.js'

const DEBOUNCE_MS = 300

export interface PersonalisedLink {
  /** The checked link (undefined while checking, or when refused). */
  url: Ref<string | undefined>
  /** Why the API refused the parameters, in French (the reason it gives), else undefined. */
  refusal: Ref<string | undefined>
  checking: Ref<boolean>
}

/**
 * Checks the editor's `external_id` and `redirect_uri` live (after a short pause in typing) with
 * `getCollectivityLink`, keeping only the latest answer: the link, or the reason it is refused.
 */
export function usePersonalisedLink(
  siret: () => string,
  externalId: Ref<string>,
  redirectUri: Ref<string>,
): PersonalisedLink {
  const url = ref<string>()
  const refusal = ref<string>()
  const checking = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: AbortController | undefined

  async function check(): Promise<void> {
    inFlight?.abort()
    const controller = new AbortController()
    inFlight = controller
    checking.value = true
    try {
      const link = await getCollectivityLink(
        siret(),
        { externalId: externalId.value.trim(), redirectUri: redirectUri.value.trim() },
        { signal: controller.signal },
      )
      if (controller.signal.aborted) return
      url.value = link
      refusal.value = undefined
    } catch (caught) {
      if (controller.signal.aborted) return
      const problem = toApiProblem(caught)
      url.value = undefined
      refusal.value =
        problem.status === 422
          ? (problem.errors[0]?.reason ?? problem.detail ?? 'paramètre refusé')
          : 'la vérification n’a pas abouti, réessayez dans quelques instants'
    } finally {
      if (inFlight === controller) checking.value = false
    }
  }

  watch(
    [externalId, redirectUri],
    () => {
      clearTimeout(timer)
      checking.value = true
      timer = setTimeout(() => void check(), DEBOUNCE_MS)
    },
    { immediate: false },
  )
  void check()
  onScopeDispose(() => {
    clearTimeout(timer)
    inFlight?.abort()
  })
  return { url, refusal, checking }
}
