/** JSON values in a Web Storage area; never throws (Safari private mode, full quota, disabled storage). */
export interface JsonStorage {
  get: <T>(key: string) => T | undefined
  set: (key: string, value: unknown) => void
  remove: (key: string) => void
}

export function createJsonStorage(area: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined): JsonStorage {
  return {
    get<T>(key: string) {
      try {
        const raw = area?.getItem(key)
        return raw == null ? undefined : JSON.parse(raw) as T
      }
      catch {
        return undefined
      }
    },
    set(key, value) {
      try {
        area?.setItem(key, JSON.stringify(value))
      }
      catch {}
    },
    remove(key) {
      try {
        area?.removeItem(key)
      }
      catch {}
    },
  }
}

/** Reading `localStorage`/`sessionStorage` itself throws where storage is disabled. */
function storageArea(name: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    return globalThis[name]
  }
  catch {
    return undefined
  }
}

/**
 * Per-tab storage: survives the OAuth round trip (same tab) but not the WeChat webview closing.
 * For state that belongs to one tab's flow (the action waiting for sign-in).
 */
export function browserSessionStorage(): JsonStorage {
  return createJsonStorage(storageArea('sessionStorage'))
}

/**
 * Device storage: survives WeChat closing the webview, and is shared by every page of the site
 * opened later on this device (WeChat keeps it per site, like a browser). For state that must
 * outlive the tab (the order being paid); store an expiry with it.
 */
export function browserLocalStorage(): JsonStorage {
  return createJsonStorage(storageArea('localStorage'))
}
