import { usePlatform } from '../../../platform/services.ts'
import { createPlaybackPosition } from './playback-position.ts'

/** The device-kept position of `mediaId` in `articleId` (see playback-position.ts). */
export function usePlaybackPosition(articleId: string, mediaId: string) {
  return createPlaybackPosition(usePlatform().local, articleId, mediaId)
}
