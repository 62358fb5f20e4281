import type { ProgressBody, ReadingProgress } from '@shared/schemas/reading-progress.ts'
import type { JsonStorage } from '../../platform/storage.ts'

/** Depth at which a post counts as read (the server uses the same mark). */
export const FINISHED_PCT = 95
const PREFIX = 'kit:progress:'

/**
 * Where this device stopped in each post (localStorage): the only record for readers who are not
 * signed in, and a fallback for those who are. Small: one entry per post opened.
 */
export function createLocalProgress(storage: JsonStorage) {
  return {
    get: (articleId: string) => storage.get<ReadingProgress>(PREFIX + articleId),
    save(articleId: string, body: ProgressBody, now: Date) {
      const before = storage.get<ReadingProgress>(PREFIX + articleId)
      storage.set(PREFIX + articleId, {
        ...body,
        finished: before?.finished === true || body.depthPct >= FINISHED_PCT,
        updatedAt: now.toISOString(),
      } satisfies ReadingProgress)
    },
  }
}

/** The later of the server's and this device's record (a reader may have read here before signing in). */
export function latestProgress(server: ReadingProgress | undefined, local: ReadingProgress | undefined): ReadingProgress | undefined {
  if (!server || !local)
    return server ?? local
  return Date.parse(local.updatedAt) > Date.parse(server.updatedAt) ? local : server
}
