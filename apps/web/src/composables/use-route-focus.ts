import { nextTick, onScopeDispose } from 'vue'
import { START_LOCATION, useRouter } from 'vue-router'
import { MAIN_CONTENT_ID } from '../landmarks.js'

/** Moves focus to the page's h1 (or the main region) so screen readers announce the new page. */
export function focusPageHeading(): void {
  const main = document.getElementById(MAIN_CONTENT_ID)
  if (!main) return
  const target = main.querySelector<HTMLElement>('h1') ?? main
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
  target.focus()
}

/**
 * After each client-side page change (not the first load, not a change of hash only), focus the new
 * page's heading: without it, keyboard and screen reader users stay on the link they activated.
 */
export function useRouteFocus(): void {
  const router = useRouter()
  const stop = router.afterEach(async (to, from, failure) => {
    if (failure || from === START_LOCATION || to.path === from.path) return
    await nextTick()
    focusPageHeading()
  })
  onScopeDispose(stop)
}
