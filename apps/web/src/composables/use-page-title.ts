import { watchEffect } from 'vue'
import { useRoute } from 'vue-router'
import { SERVICE_NAME } from '../service.js'

/** "<page> - Quotient familial", or the service name alone for a route without a title. */
export function formatPageTitle(pageTitle: string | undefined): string {
  return pageTitle ? `${pageTitle} - ${SERVICE_NAME}` : SERVICE_NAME
}

/** Keeps document.title in line with the current route's `meta.title`. */
export function usePageTitle(): void {
  const route = useRoute()
  watchEffect(() => {
    document.title = formatPageTitle(route.meta.title)
  })
}
