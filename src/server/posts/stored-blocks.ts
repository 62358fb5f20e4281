import type { AuthoredBlock } from '../../shared/schemas/blocks.ts'

/**
 * A block as `articles.blocks` keeps it: the authored form after the server checked and cleaned
 * it (text always as `runs`, never HTML; media by id only). Views resolve media at read time, so
 * a re-encoded upload or a changed access level shows without re-saving posts.
 */
export type StoredBlock = AuthoredBlock

export type MediaKind = 'image' | 'audio' | 'video'
export interface MediaRef { id: string, kind: MediaKind, index: number }

/** Every media id a block list uses, with the kind each use needs and the block index. */
export function mediaRefs(blocks: StoredBlock[]): MediaRef[] {
  const refs: MediaRef[] = []
  blocks.forEach((b, index) => {
    if (b.type === 'image') {
      refs.push({ id: b.mediaId, kind: 'image', index })
    }
    else if (b.type === 'gallery') {
      refs.push(...b.images.map(i => ({ id: i.mediaId, kind: 'image' as const, index })))
    }
    else if (b.type === 'audio') {
      refs.push({ id: b.mediaId, kind: 'audio', index })
    }
    else if (b.type === 'video') {
      refs.push({ id: b.mediaId, kind: 'video', index })
      if (b.posterMediaId)
        refs.push({ id: b.posterMediaId, kind: 'image', index })
    }
  })
  return refs
}

/** Index of the paywall block, or -1 when the whole post is free. */
export const paywallIndex = (blocks: StoredBlock[]) => blocks.findIndex(b => b.type === 'paywall')
