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

/** Per-tab storage: survives the OAuth round trip (same tab) but not the WeChat webview closing. */
export function browserSessionStorage(): JsonStorage {
  let area: Storage | undefined
  try {
    area = globalThis.sessionStorage
  }
  catch {}
  return createJsonStorage(area)
}
