import { computed, onScopeDispose, ref, type ComputedRef } from 'vue'

/** How long before the session's end the citizen is warned and offered to extend it (WCAG 2.2.1). */
export const SESSION_WARNING_MS = 5 * 60_000

export interface SessionClock {
  /** Milliseconds until the session ends (0 once ended), undefined without an expiry. */
  msLeft: ComputedRef<number | undefined>
  expired: ComputedRef<boolean>
}

/** The time left of a session whose end the getter gives (ISO date-time), read every second. */
export function useSessionClock(expiresAt: () => string | undefined): SessionClock {
  const now = ref(Date.now())
  const timer = setInterval(() => (now.value = Date.now()), 1_000)
  onScopeDispose(() => clearInterval(timer))
  const msLeft = computed(() => {
    const end = Date.parse(expiresAt() ?? '')
    return Number.isNaN(end) ? undefined : Math.max(0, end - now.value)
  })
  return {
    msLeft,
    expired: computed(() => msLeft.value === 0),
  }
}
