import { onScopeDispose, shallowRef, watchEffect } from 'vue'
import { useRoute } from 'vue-router'
import { SERVICE_NAME } from '../service.js'

/** "<page> - Quotient familial", or the service name alone for a route without a title. */
export function formatPageTitle(pageTitle: string | undefined): string {
  return pageTitle ? `${pageTitle} - ${SERVICE_NAME}` : SERVICE_NAME
}

/** The title the current view gave its state (one view at a time: the old one goes before the next). */
const stateTitle = shallowRef<string>()

/**
 * A view whose one route shows several states (review then consent, session expired…) names the
 * current one here; undefined falls back to the route's `meta.title`. Dropped when the view goes.
 */
export function useStateTitle(title: () => string | undefined): void {
  watchEffect(() => (stateTitle.value = title()))
  onScopeDispose(() => (stateTitle.value = undefined))
}

/** Keeps document.title in line with the current view's state, else the route's `meta.title`. */
export function usePageTitle(): void {
  const route = useRoute()
  watchEffect(() => {
    document.title = formatPageTitle(stateTitle.value ?? route.meta.title)
  })
}
