import type { Block } from '@shared/schemas/blocks.ts'
import type { ProgressBody, ReadingProgress } from '@shared/schemas/reading-progress.ts'
import type { MaybeRefOrGetter, Ref } from 'vue'
import { nextTick, onScopeDispose, ref, toValue, watch } from 'vue'
import { HttpError } from '../../platform/http.ts'
import { useReadingViewport } from '../../platform/reading-viewport.ts'
import { usePlatform } from '../../platform/services.ts'
import { useSessionStore } from '../../stores/session.ts'
import { createPlaybackPosition, rememberPlaybackPosition } from '../article/index.ts'
import { createLocalProgress, latestProgress } from './local-progress.ts'
import { createProgressWriter } from './progress-writer.ts'

export interface ReadingProgressOptions {
  articleId: MaybeRefOrGetter<string>
  /** The element holding the post's blocks (each with `data-block-index`). */
  root: Ref<HTMLElement | null>
  /** Changes whenever the rendered blocks change (loaded, unlocked): blocks are observed again. */
  content: MaybeRefOrGetter<unknown>
  /** The signed-in reader's saved position, from the article answer. */
  saved: MaybeRefOrGetter<ReadingProgress | undefined>
  /** The post's blocks: where the server's audio position belongs. */
  blocks?: MaybeRefOrGetter<readonly Block[] | undefined>
  intervalMs?: number
}

/**
 * Remembers where the reader is in a post: on this device for everyone, on the server for a
 * signed-in reader (`PUT /api/articles/:id/progress`, batched by progress-writer.ts: one write per
 * interval at most, one more when the page goes away). On reopening, `offer` holds the saved
 * position when it is past the first screen and the post is not finished: the page offers
 * "继续阅读", and `resume()` scrolls there. Nothing is written until the reader scrolls, so
 * opening a post never overwrites where they stopped.
 */
export function useReadingProgress(opts: ReadingProgressOptions) {
  const { http, local } = usePlatform()
  const viewport = useReadingViewport()
  const session = useSessionStore()
  const store = createLocalProgress(local)

  const offer = ref<ReadingProgress | null>(null)
  const blockIndex = ref(-1)
  let mediaPositionMs: number | undefined
  let articleId = toValue(opts.articleId)
  let serverRefused = false
  /** The offer is looked for once per post, on its first render (not again when it unlocks). */
  let checked = false
  let stopBlocks = () => {}

  function save(id: string, body: ProgressBody, final: boolean) {
    store.save(id, body, new Date())
    if (!session.isSignedIn || serverRefused)
      return
    http.put(`/api/articles/${encodeURIComponent(id)}/progress`, body, { keepalive: final }).catch((err: unknown) => {
      // Signed out meanwhile, or a snapshot visitor: keep the local record only.
      if (err instanceof HttpError && (err.status === 401 || err.status === 403))
        serverRefused = true
    })
  }

  const newWriter = (id: string) => createProgressWriter({
    intervalMs: opts.intervalMs,
    read: () => {
      const root = opts.root.value
      if (!root || blockIndex.value < 0)
        return null
      return { blockIndex: blockIndex.value, depthPct: viewport.depthPct(root), ...(mediaPositionMs === undefined ? {} : { mediaPositionMs }) }
    },
    save: (body, final) => save(id, body, final),
  })
  let writer = newWriter(articleId)

  function onScroll() {
    // While "继续阅读" is offered the saved place stands: glancing at the top must not replace it.
    if (offer.value && blockIndex.value >= offer.value.blockIndex)
      offer.value = null
    if (!offer.value)
      writer.touch()
  }

  function computeOffer() {
    const root = opts.root.value
    const saved = latestProgress(toValue(opts.saved), store.get(articleId))
    offer.value = root && saved && !saved.finished && viewport.isBelowFirstScreen(root, saved.blockIndex) ? saved : null
  }

  // A new post (next/prev reuse the page): finish the last one's writes, start afresh.
  watch(() => toValue(opts.articleId), (id) => {
    writer.flush()
    articleId = id
    writer = newWriter(id)
    blockIndex.value = -1
    mediaPositionMs = undefined
    offer.value = null
    checked = false
  })

  // The server's audio position, for a reader on another device: handed to the player before it
  // mounts (it reads its start on setup). This device's own position, when it has one, wins.
  watch(() => toValue(opts.saved), (saved) => {
    const blocks = toValue(opts.blocks)
    if (saved?.mediaPositionMs === undefined || !blocks)
      return
    const here = blocks[saved.blockIndex]
    const media = here?.type === 'audio' ? here : blocks.find(b => b.type === 'audio')
    if (media?.type === 'audio' && createPlaybackPosition(local, articleId, media.mediaId).saved() === undefined)
      rememberPlaybackPosition(local, articleId, media.mediaId, saved.mediaPositionMs)
  }, { immediate: true, flush: 'pre' })

  watch([opts.root, () => toValue(opts.content)], async ([root, content]) => {
    stopBlocks()
    stopBlocks = () => {}
    if (!root || !content)
      return
    await nextTick()
    stopBlocks = viewport.observeBlocks(root, (i) => {
      blockIndex.value = i
    })
    if (!checked) {
      checked = true
      computeOffer()
    }
  }, { flush: 'post', immediate: true })

  const stopScroll = viewport.onScroll(onScroll)
  const stopLeave = viewport.onLeave(() => writer.flush())
  onScopeDispose(() => {
    writer.flush()
    stopBlocks()
    stopScroll()
    stopLeave()
  })

  return {
    offer,
    blockIndex,
    resume() {
      const root = opts.root.value
      const target = offer.value
      offer.value = null
      if (root && target)
        viewport.scrollToBlock(root, target.blockIndex)
    },
    dismiss() {
      offer.value = null
    },
    /** BlockList's `mediaPosition`: the player moved (about once a second while playing). */
    onMediaPosition(event: { positionMs: number }) {
      mediaPositionMs = event.positionMs
      writer.touch()
    },
  }
}
export type ReadingProgressHandle = ReturnType<typeof useReadingProgress>
