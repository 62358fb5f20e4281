import type { Ref } from 'vue'
import { onScopeDispose, ref } from 'vue'

type MatchMedia = (query: string) => MediaQueryList

/** Follows the system light/dark setting, as WeChat itself does. */
export function usePreferredColorScheme(matchMedia: MatchMedia | undefined = globalThis.matchMedia?.bind(globalThis)): Ref<'light' | 'dark'> {
  const scheme = ref<'light' | 'dark'>('light')
  if (!matchMedia)
    return scheme
  const query = matchMedia('(prefers-color-scheme: dark)')
  const update = () => {
    scheme.value = query.matches ? 'dark' : 'light'
  }
  update()
  onScopeDispose(onChange(query, update))
  return scheme
}

/**
 * Listens to a media query's changes; returns the unsubscribe. Safari < 14 (the build targets
 * safari13) has no MediaQueryList.addEventListener, only the deprecated addListener.
 */
export function onChange(query: MediaQueryList, listener: () => void): () => void {
  if (typeof query.addEventListener === 'function') {
    query.addEventListener('change', listener)
    return () => query.removeEventListener('change', listener)
  }
  if (typeof query.addListener === 'function') {
    query.addListener(listener)
    return () => query.removeListener(listener)
  }
  return () => {}
}
