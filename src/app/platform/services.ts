import type { InjectionKey } from 'vue'
import type { Http } from './http.ts'
import type { AppLocation } from './location.ts'
import type { JsonStorage } from './storage.ts'
import { inject } from 'vue'

/** The browser as features see it: provided once by modules/platform.ts, faked in tests. */
export interface PlatformServices {
  http: Http
  location: AppLocation
  /** Per-tab storage (sessionStorage): lost when WeChat closes the webview. */
  session: JsonStorage
  /** Device storage (localStorage): kept after the webview closes; shared by every tab. */
  local: JsonStorage
  userAgent: string
}

export const PLATFORM: InjectionKey<PlatformServices> = Symbol('platform')

export function usePlatform(): PlatformServices {
  const services = inject(PLATFORM)
  if (!services)
    throw new Error('Platform services are not provided (modules/platform.ts)')
  return services
}
