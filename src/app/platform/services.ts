import type { InjectionKey } from 'vue'
import type { Http } from './http.ts'
import type { AppLocation } from './location.ts'
import type { JsonStorage } from './storage.ts'
import { inject } from 'vue'

/** The browser as features see it: provided once by modules/platform.ts, faked in tests. */
export interface PlatformServices {
  http: Http
  location: AppLocation
  /** Per-tab storage (sessionStorage). */
  session: JsonStorage
  userAgent: string
}

export const PLATFORM: InjectionKey<PlatformServices> = Symbol('platform')

export function usePlatform(): PlatformServices {
  const services = inject(PLATFORM)
  if (!services)
    throw new Error('Platform services are not provided (modules/platform.ts)')
  return services
}
