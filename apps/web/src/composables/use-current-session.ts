import type { CurrentSession } from '@qf/contracts'
import { ref, type Ref } from 'vue'
import { toApiProblem, type ApiProblem } from '../api/client.js'
import { getCurrentSession } from '../api/journey.js'

export interface CurrentSessionState {
  session: Ref<CurrentSession | undefined>
  loading: Ref<boolean>
  error: Ref<ApiProblem | undefined>
}

/** Loads the journey this browser is in (its cookie), once. */
export function useCurrentSession(): CurrentSessionState {
  const session = ref<CurrentSession>()
  const loading = ref(true)
  const error = ref<ApiProblem>()

  getCurrentSession()
    .then((current) => (session.value = current))
    .catch((caught: unknown) => (error.value = toApiProblem(caught)))
    .finally(() => (loading.value = false))

  return { session, loading, error }
}
