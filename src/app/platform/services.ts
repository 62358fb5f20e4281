import type { InjectionKey } from 'vue'
import type { EventStreams } from './event-stream.ts'
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
  /** Server-Sent Events (live poll results); absent in tests that do not need them. */
  events?: EventStreams
}

export const PLATFORM: InjectionKey<PlatformServices> = Symbol('platform')

export function usePlatform(): PlatformServices {
  const services = inject(PLATFORM)
  if (!services)
    throw new Error('Platform services are not provided (modules/platform.ts)')
  return services
}
