import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../db/database.ts'
import { bumpContentVersion, readContentVersion } from '../db/queries/content-version.ts'

export interface ContentCacheOptions {
  /** How stale another instance's change may be seen here at most. */
  checkEveryMs?: number
  /** Entries kept at once (every article id asked for, even unknown ones, is one). */
  maxEntries?: number
  log?: FastifyBaseLogger
}

/**
 * Public content (articles' free parts, the catalogue) kept in memory, so readers arriving
 * by the thousand after a push cost no query. Correctness comes from one version number in
 * the database (`content_version`): a change made here clears this cache at once and bumps
 * it; other instances compare it at most once per `checkEveryMs` and clear theirs. Never
 * put premium bodies or anything about a reader in here.
 */
export function createContentCache(database: Database, o: ContentCacheOptions = {}) {
  const checkEveryMs = o.checkEveryMs ?? 1_000
  const maxEntries = o.maxEntries ?? 2_000
  const entries = new Map<string, Promise<unknown>>()
  let version = -1
  let checkedAt = -Infinity
  let checking: Promise<void> | null = null

  function adopt(v: number) {
    if (v !== version) {
      entries.clear()
      version = v
    }
  }

  /** Compares the shared version at most once per interval; concurrent callers share one read. */
  function fresh(): Promise<void> | void {
    if (performance.now() - checkedAt < checkEveryMs)
      return
    checking ??= readContentVersion(database.db)
      .then((v) => {
        adopt(v)
        checkedAt = performance.now()
      })
      .catch((err: unknown) => {
        // A database that cannot answer cannot have changed content either: keep serving.
        o.log?.warn({ err }, 'could not check the content version')
        if (version === -1)
          throw err
      })
      .finally(() => {
        checking = null
      })
    return checking
  }

  return {
    /** The cached value for `key`, loading it once (concurrent misses share one load). */
    async get<T>(key: string, load: () => Promise<T>): Promise<T> {
      const check = fresh()
      if (check)
        await check
      let p = entries.get(key) as Promise<T> | undefined
      if (!p) {
        if (entries.size >= maxEntries)
          entries.delete(entries.keys().next().value!)
        p = load()
        entries.set(key, p)
        // A failed load is not remembered; the next request tries again.
        p.catch(() => {
          if (entries.get(key) === p)
            entries.delete(key)
        })
      }
      return p
    },
    /** The content version the cached values belong to, for ETags. */
    version: () => version,
    /** Call after changing public content: drops this cache now and tells other instances. */
    async changed(): Promise<void> {
      entries.clear()
      adopt(await bumpContentVersion(database.db))
      checkedAt = performance.now()
    },
  }
}
export type ContentCache = ReturnType<typeof createContentCache>
