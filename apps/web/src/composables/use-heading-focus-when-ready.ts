import { nextTick, watch, type Ref } from 'vue'
import { MAIN_CONTENT_ID } from '../landmarks.js'
import { focusPageHeading } from './use-route-focus.js'

/**
 * For a page whose h1 only appears once its data is loaded: the route change focused the main region
 * (no h1 yet), so move focus on to the h1 when it shows, unless the user has gone elsewhere meanwhile.
 */
export function useHeadingFocusWhenReady(loading: Ref<boolean>): void {
  watch(loading, async (isLoading) => {
    if (isLoading) return
    await nextTick()
    if (document.activeElement?.id === MAIN_CONTENT_ID) focusPageHeading()
  })
}
