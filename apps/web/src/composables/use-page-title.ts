import { onScopeDispose, shallowRef, watchEffect } from 'vue'
import { useRoute } from 'vue-router'
import { SERVICE_NAME } from '../service.js'

/** "<page> - Quotient familial", or the service name alone for a route without a title. */
export function formatPageTitle(pageTitle: string | undefined): string {
  return pageTitle ? `${pageTitle} - ${SERVICE_NAME}` : SERVICE_NAME
}

/** The title a view gave its current state, and which view gave it (the last to set it owns it). */
const stateTitle = shallowRef<{ owner: symbol; title: string | undefined }>()

/**
 * A view whose one route shows several states (review then consent, session expired…) names the
 * current one here; undefined falls back to the route's `meta.title`. Dropped when the view goes.
 */
export function useStateTitle(title: () => string | undefined): void {
  const owner = Symbol('state title')
  watchEffect(() => {
    stateTitle.value = { owner, title: title() }
  })
  onScopeDispose(() => {
    if (stateTitle.value?.owner === owner) stateTitle.value = undefined
  })
}

/** Keeps document.title in line with the current view's state, else the route's `meta.title`. */
export function usePageTitle(): void {
  const route = useRoute()
  watchEffect(() => {
    document.title = formatPageTitle(stateTitle.value?.title ?? route.meta.title)
  })
}
