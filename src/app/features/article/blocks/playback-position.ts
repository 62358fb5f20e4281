import type { JsonStorage } from '../../../platform/storage.ts'

const key = (articleId: string, mediaId: string) => `kit:media-position:${articleId}:${mediaId}`

/** Below this a resume is not worth it; this close to the end the reader finished: start over. */
const MIN_RESUME_MS = 1_000
const END_MARGIN_MS = 2_000

/** Where to start playing, given the saved position and the length (0 when unknown). */
export function resumePointMs(savedMs: number | undefined, durationMs: number): number {
  if (typeof savedMs !== 'number' || !Number.isFinite(savedMs) || savedMs < MIN_RESUME_MS)
    return 0
  if (durationMs > 0 && savedMs >= durationMs - END_MARGIN_MS)
    return 0
  return Math.floor(savedMs)
}

/**
 * The position of one audio (or video) in one article, kept on the device (localStorage), so a
 * reader who closes WeChat resumes where they stopped. Writes only when the whole second changes.
 * The signed-in reader's position also goes to the server with the reading progress: whoever
 * sends it listens to the player's `position` events (BlockList's `mediaPosition`).
 */
export function createPlaybackPosition(local: JsonStorage, articleId: string, mediaId: string) {
  const k = key(articleId, mediaId)
  let lastSecond = -1
  return {
    saved: (): number | undefined => local.get<number>(k),
    resumeAt: (durationMs: number) => resumePointMs(local.get<number>(k), durationMs),
    /** Returns true when it wrote (a new whole second). */
    save(positionMs: number, force = false): boolean {
      const second = Math.floor(positionMs / 1000)
      if (!force && second === lastSecond)
        return false
      lastSecond = second
      local.set(k, Math.floor(positionMs))
      return true
    },
    clear() {
      lastSecond = -1
      local.remove(k)
    },
  }
}

/** Seeds the device's position from elsewhere (the server's saved progress) before the player mounts. */
export function rememberPlaybackPosition(local: JsonStorage, articleId: string, mediaId: string, positionMs: number): void {
  local.set(key(articleId, mediaId), Math.floor(positionMs))
}
