/**
 * Leaving the SPA for another page (FranceConnect, its logout): a full page load, not a router push.
 * An object so component tests can replace `assign` without touching `window.location`.
 */
export const externalNavigation = {
  assign(url: string): void {
    window.location.assign(url)
  },
}
