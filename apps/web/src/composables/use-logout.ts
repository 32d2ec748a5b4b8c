import { ref, type Ref } from 'vue'
import { toApiProblem } from '../api/client.js'
import { logoutCurrentSession } from '../api/journey.js'
import { externalNavigation } from '../navigation.js'
import { forgetSession } from './use-current-session.js'

export interface LogoutState {
  leaving: Ref<boolean>
  failed: Ref<boolean>
  logout(): Promise<void>
}

/**
 * "Se déconnecter": destroys the session, then leaves for FranceConnect's logout (or home). Without a
 * session there is nothing left to close: the browser goes to `fallbackPath`. Safe on a double click.
 */
export function useLogout(fallbackPath: () => string): LogoutState {
  const leaving = ref(false)
  const failed = ref(false)

  async function logout(): Promise<void> {
    if (leaving.value) return
    leaving.value = true
    failed.value = false
    try {
      const { logoutUrl } = await logoutCurrentSession()
      forgetSession()
      externalNavigation.assign(logoutUrl)
    } catch (caught) {
      if (toApiProblem(caught).status === 401) {
        forgetSession()
        externalNavigation.assign(fallbackPath())
      } else {
        failed.value = true
        leaving.value = false
      }
    }
  }

  return { leaving, failed, logout }
}
