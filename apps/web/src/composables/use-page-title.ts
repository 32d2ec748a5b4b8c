import { onScopeDispose, shallowRef, watchEffect } from 'vue'
import { useRoute } from 'vue-router'
import { SERVICE_NAME } from '../service.js'

/** "<page> - Quotient familial", or the service name alone for a route without a title. */
export function formatPageTitle(pageTitle: string | undefined): string {
  return pageTitle ? `${pageTitle} - ${SERVICE_NAME}` : SERVICE_NAME
}

/** The title of the state the current view shows, when it has one (see `useStateTitle`). */
const stateTitle = shallowRef<{ owner: object; title: string | undefined }>()

/** Keeps document.title in line with the view's state title, else the current route's `meta.title`. */
export function usePageTitle(): void {
  const route = useRoute()
  watchEffect(() => {
    document.title = formatPageTitle(stateTitle.value?.title ?? route.meta.title)
  })
}

/**
 * For a view whose page changes with what it loaded (a sending that failed, a collectivity that no
 * longer offers the service): the document title follows `title()` while the view is shown, and the
 * route's `meta.title` again when it gives `undefined` or the view goes away.
 */
export function useStateTitle(title: () => string | undefined): void {
  const owner = {}
  watchEffect(() => {
    stateTitle.value = { owner, title: title() }
  })
  onScopeDispose(() => {
    if (stateTitle.value?.owner === owner) stateTitle.value = undefined
  })
}
