import type { InjectionKey } from 'vue'
import { inject } from 'vue'

/**
 * Where the reader is in a post, behind one adapter: which block sits at the top of the viewport
 * (IntersectionObserver on `[data-block-index]`), how deep they are, when the page goes away, and
 * scrolling a block back into view. Tests inject a fake under READING_VIEWPORT.
 */
export interface ReadingViewport {
  /** Calls `fn` with the block now at the top of the viewport whenever that changes; returns a stop function. */
  observeBlocks: (root: Element, fn: (blockIndex: number) => void) => () => void
  /** How far down the blocks of `root` the viewport's bottom edge is, 0–100. */
  depthPct: (root: Element) => number
  onScroll: (fn: () => void) => () => void
  /** The page is hidden or going away (visibilitychange to hidden, pagehide): the last chance to save. */
  onLeave: (fn: () => void) => () => void
  /** Whether the block starts below the first screen (reopening there is worth offering). */
  isBelowFirstScreen: (root: Element, blockIndex: number) => boolean
  /** Scrolls block `blockIndex` of `root` to the top of the viewport; false when it is not rendered. */
  scrollToBlock: (root: Element, blockIndex: number) => boolean
}

export const READING_VIEWPORT: InjectionKey<ReadingViewport> = Symbol('reading viewport')

const blockAt = (root: Element, index: number) => root.querySelector<HTMLElement>(`[data-block-index="${index}"]`)

export function browserReadingViewport(win: Window & typeof globalThis = window): ReadingViewport {
  const doc = win.document
  return {
    observeBlocks(root, fn) {
      if (typeof win.IntersectionObserver !== 'function')
        return () => {}
      // A band over the top third of the viewport: the block in it is the one being read.
      const inBand = new Set<number>()
      let current = -1
      const io = new win.IntersectionObserver((entries) => {
        for (const e of entries) {
          const i = Number((e.target as HTMLElement).dataset.blockIndex)
          if (e.isIntersecting)
            inBand.add(i)
          else
            inBand.delete(i)
        }
        if (inBand.size === 0)
          return
        const top = Math.min(...inBand)
        if (top !== current) {
          current = top
          fn(top)
        }
      }, { rootMargin: '0px 0px -66% 0px' })
      root.querySelectorAll('[data-block-index]').forEach(el => io.observe(el))
      return () => io.disconnect()
    },
    depthPct(root) {
      // Measured over the blocks only: the title above and tips or comments below are not the post.
      const blocks = root.querySelectorAll('[data-block-index]')
      const first = blocks[0]?.getBoundingClientRect()
      const last = blocks[blocks.length - 1]?.getBoundingClientRect()
      const box = first && last ? { top: first.top, height: last.bottom - first.top } : root.getBoundingClientRect()
      if (box.height <= 0)
        return 0
      return Math.max(0, Math.min(100, Math.round((win.innerHeight - box.top) / box.height * 100)))
    },
    onScroll(fn) {
      win.addEventListener('scroll', fn, { passive: true })
      return () => win.removeEventListener('scroll', fn)
    },
    onLeave(fn) {
      const onVisibility = () => {
        if (doc.visibilityState === 'hidden')
          fn()
      }
      doc.addEventListener('visibilitychange', onVisibility)
      win.addEventListener('pagehide', fn)
      return () => {
        doc.removeEventListener('visibilitychange', onVisibility)
        win.removeEventListener('pagehide', fn)
      }
    },
    isBelowFirstScreen(root, index) {
      const el = blockAt(root, index)
      return !!el && el.getBoundingClientRect().top + win.scrollY > win.innerHeight
    },
    scrollToBlock(root, index) {
      const el = blockAt(root, index)
      if (!el)
        return false
      // A little air above the block, so its first line is not under the top edge.
      win.scrollTo({ top: Math.max(0, el.getBoundingClientRect().top + win.scrollY - 12), behavior: 'auto' })
      return true
    },
  }
}

/** The injected viewport, or the browser's. */
export function useReadingViewport(): ReadingViewport {
  return inject(READING_VIEWPORT, null) ?? browserReadingViewport()
}
