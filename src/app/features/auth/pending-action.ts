import type { JsonStorage } from '../../platform/storage.ts'

const STORAGE_KEY = 'kit:pending-action'
/** A sign-in that takes longer than this was abandoned; its action is not resumed. */
const MAX_AGE_MS = 15 * 60 * 1000

interface Stored {
  key: string
  path: string
  state: unknown
  savedAt: number
}

/**
 * The action a follower started before signing in (which option they voted for…), kept in
 * per-tab storage across the OAuth round trip. One at a time: the last one started wins.
 */
export function createPendingActions(storage: JsonStorage, now: () => number = Date.now) {
  return {
    save(key: string, path: string, state: unknown) {
      storage.set(STORAGE_KEY, { key, path, state, savedAt: now() } satisfies Stored)
    },
    /** Returns and forgets the action `key` saved on `path`; anything else stays. */
    take<T>(key: string, path: string): T | undefined {
      const stored = storage.get<Stored>(STORAGE_KEY)
      if (!stored || stored.key !== key || stored.path !== path)
        return undefined
      storage.remove(STORAGE_KEY)
      return now() - stored.savedAt <= MAX_AGE_MS ? stored.state as T : undefined
    },
  }
}
