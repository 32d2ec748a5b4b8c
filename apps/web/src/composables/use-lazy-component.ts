import { shallowRef, watchEffect, type Component, type ShallowRef } from 'vue'

/**
 * A component in its own chunk, fetched only once `needed()` is true: for a block few visits show (a
 * failure's advice, a collectivity that does not offer the service), so that it does not weigh on every
 * first load (ADR 0018, 0029). `undefined` until it has arrived; a chunk that could not be fetched is
 * asked for again at the next change of `needed()`.
 */
export function useLazyComponent(
  load: () => Promise<{ default: Component }>,
  needed: () => boolean,
): ShallowRef<Component | undefined> {
  const component = shallowRef<Component>()
  let pending = false
  watchEffect(() => {
    if (!needed() || component.value || pending) return
    pending = true
    load()
      .then((module) => (component.value = module.default))
      .catch(() => undefined)
      .finally(() => (pending = false))
  })
  return component
}
