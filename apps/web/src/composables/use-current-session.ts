import type { CurrentSession } from '@qf/contracts'
import { computed, readonly, ref, shallowRef, type ComputedRef, type Ref } from 'vue'
import { toApiProblem, type ApiProblem } from '../api/client.js'
import { getCurrentSession } from '../api/journey.js'

/**
 * The journey this browser is in, as the last page that read it saw it. Kept in memory only (never in
 * storage): the header shows the person's name from it while the session is authenticated.
 */
const known = shallowRef<CurrentSession>()

export interface CurrentSessionState {
  session: Ref<CurrentSession | undefined>
  loading: Ref<boolean>
  error: Ref<ApiProblem | undefined>
  /** Reads it again (after a failure). */
  reload(): Promise<void>
}

let prefetched: Promise<CurrentSession> | undefined

/**
 * Starts reading the session now (from the route's guard), so the request runs while the view's
 * chunk downloads; the view's `useCurrentSession` then takes this answer instead of asking again.
 */
export function prefetchCurrentSession(): void {
  prefetched = getCurrentSession()
  prefetched.catch(() => undefined) // the view reports the failure
}

/** Loads the journey this browser is in (its cookie). */
export function useCurrentSession(): CurrentSessionState {
  const loading = ref(true)
  const error = ref<ApiProblem>()

  async function load(): Promise<void> {
    loading.value = true
    error.value = undefined
    const pending = prefetched ?? getCurrentSession()
    prefetched = undefined
    try {
      known.value = await pending
    } catch (caught) {
      known.value = undefined
      error.value = toApiProblem(caught)
    } finally {
      loading.value = false
    }
  }
  void load()

  return { session: known, loading, error, reload: load }
}

/**
 * "Prolonger la session": reads the session again, quietly (no loading state): every read pushes its
 * expiry back server-side, and the new `expiresAt` reaches every page showing it. False if it had ended.
 */
export const extendSession = (): Promise<boolean> =>
  getCurrentSession().then(
    (read) => ((known.value = read), true),
    () => false,
  )

/** The authenticated person's display name, while a session the app read is authenticated. */
export function useSignedInName(): ComputedRef<string | undefined> {
  return computed(() => {
    const identity = known.value?.step === 'authenticated' ? known.value.identity : null
    if (!identity) return undefined
    return `${identity.givenNameArray[0] ?? identity.givenName} ${identity.preferredUsername ?? identity.familyName}`
  })
}

/** The known session, read-only (its expiry for the stepper, its collectivity for the header). */
export const knownSession = readonly(known)

/** After logout: nothing is known any more. */
export function forgetSession(): void {
  known.value = undefined
}
