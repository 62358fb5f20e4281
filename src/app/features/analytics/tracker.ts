import type { Channel, ClientEvent } from '@shared/schemas/analytics'
import type { PageActivity } from '../../platform/page-activity.ts'
import type { TrackedEvent } from './queue.ts'
import { MAX_EVENTS_PER_BATCH } from '@shared/schemas/analytics'
import { drainInto } from './queue.ts'

export const EVENTS_URL = '/api/events'
const FLUSH_MS = 5_000
const HEARTBEAT_MS = 15_000
/** Without a touch, scroll or key for this long, the reader is not engaged. */
const IDLE_MS = 30_000
/** The landing's share visit gives this browser its visitor cookie; events wait for it, up to this long. */
const COOKIE_WAIT_MS = 15_000

export interface TrackerDeps {
  page: PageActivity
  channel: Channel
  /** True once this browser has its visitor cookie (the landing's share visit answered). */
  hasVisitor: () => boolean
}

/**
 * Batches events and sends them every few seconds and when the page is hidden or closed;
 * adds reading depth (in 10 % steps) and heartbeats (only while visible and active) for posts.
 */
export function startTracker({ page, channel, hasVisitor }: TrackerDeps): void {
  const started = page.now()
  const queue: ClientEvent[] = []
  let current: { path: string, articleId?: string } | null = null
  let furthest = 0
  let lastActive = started
  let lastBeat = started

  const push = (e: TrackedEvent) => {
    if (e.type === 'page_view') {
      current = { path: e.path ?? '/', ...(e.articleId ? { articleId: e.articleId } : {}) }
      furthest = 0
      lastBeat = page.now()
    }
    const base = current ?? { path: e.path ?? '/' }
    queue.push({ ...base, ...e, path: e.path ?? base.path, ...(e.type === 'page_view' ? { channel } : {}) } as ClientEvent)
    if (queue.length > 500)
      queue.splice(0, queue.length - 500)
  }

  const flush = (leaving = false) => {
    if (queue.length === 0 || (!leaving && !hasVisitor() && page.now() - started < COOKIE_WAIT_MS))
      return
    while (queue.length > 0)
      page.send(EVENTS_URL, JSON.stringify({ events: queue.splice(0, MAX_EVENTS_PER_BATCH) }))
  }

  const progress = () => {
    if (!current?.articleId || !page.isVisible())
      return
    const step = Math.floor(page.readDepthPct() / 10) * 10
    if (step > furthest) {
      furthest = step
      push({ type: 'read_progress', depthPct: step, at: page.now() })
    }
  }

  drainInto(push)
  page.onActivity(() => {
    lastActive = page.now()
  })
  let scrollQueued = false
  page.onScroll(() => {
    if (scrollQueued)
      return
    scrollQueued = true
    setTimeout(() => {
      scrollQueued = false
      progress()
    }, 250)
  })
  page.onMediaPlay(() => push({ type: 'media_play', at: page.now() }))
  page.every(HEARTBEAT_MS, () => {
    const now = page.now()
    const activeMs = Math.min(now - lastBeat, HEARTBEAT_MS * 2)
    if (current?.articleId && page.isVisible() && now - lastActive < IDLE_MS && activeMs >= 1000)
      push({ type: 'heartbeat', activeMs, at: now })
    lastBeat = now
  })
  page.every(FLUSH_MS, () => {
    progress()
    flush()
  })
  page.onVisibilityChange((visible) => {
    lastBeat = page.now()
    if (!visible)
      flush(true)
  })
  page.onPageHide(() => flush(true))
}
