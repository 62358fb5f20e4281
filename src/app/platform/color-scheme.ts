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
  query.addEventListener('change', update)
  onScopeDispose(() => query.removeEventListener('change', update))
  return scheme
}
