import type { PlatformServices } from './services.ts'
import { browserEventStreams } from './event-stream.ts'
import { createHttp } from './http.ts'
import { browserLocation } from './location.ts'
import { browserLocalStorage, browserSessionStorage } from './storage.ts'

/** The real browser behind PlatformServices. */
export function createBrowserServices(): PlatformServices {
  return {
    http: createHttp({ fetch: globalThis.fetch.bind(globalThis) }),
    location: browserLocation(),
    session: browserSessionStorage(),
    local: browserLocalStorage(),
    userAgent: globalThis.navigator?.userAgent ?? '',
    events: browserEventStreams(),
  }
}
