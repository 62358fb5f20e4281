/**
 * What analytics needs from the page, behind one adapter: visibility, leaving, user activity,
 * how far the reader scrolled, media playing, and a send that survives the page closing.
 */
export interface PageActivity {
  now: () => number
  isVisible: () => boolean
  onVisibilityChange: (fn: (visible: boolean) => void) => void
  /** The page is going away (pagehide): the last chance to send. */
  onPageHide: (fn: () => void) => void
  /** Touch, scroll, key or pointer: the reader is active. */
  onActivity: (fn: () => void) => void
  onScroll: (fn: () => void) => void
  /** How far down the reader has seen, in % of `[data-read-depth]` (or of the page). */
  readDepthPct: () => number
  /** An <audio> or <video> anywhere on the page started playing. */
  onMediaPlay: (fn: () => void) => void
  every: (ms: number, fn: () => void) => void
  /** Queues `body` (JSON text) for `url` even while the page unloads; false if the browser refused. */
  send: (url: string, body: string) => boolean
}

export function browserPageActivity(win: Window = window): PageActivity {
  const doc = win.document
  const passive = { passive: true, capture: true } as const
  return {
    now: () => Date.now(),
    isVisible: () => doc.visibilityState === 'visible',
    onVisibilityChange: fn => doc.addEventListener('visibilitychange', () => fn(doc.visibilityState === 'visible')),
    onPageHide: fn => win.addEventListener('pagehide', fn),
    onActivity: (fn) => {
      for (const type of ['touchstart', 'pointerdown', 'keydown', 'scroll'])
        win.addEventListener(type, fn, passive)
    },
    onScroll: fn => win.addEventListener('scroll', fn, passive),
    readDepthPct: () => {
      const el = doc.querySelector('[data-read-depth]')
      const viewportBottom = win.scrollY + win.innerHeight
      const top = el ? el.getBoundingClientRect().top + win.scrollY : 0
      const height = el ? el.getBoundingClientRect().height : doc.documentElement.scrollHeight
      if (height <= 0)
        return 0
      return Math.max(0, Math.min(100, Math.floor((viewportBottom - top) / height * 100)))
    },
    onMediaPlay: fn => doc.addEventListener('play', fn, true),
    every: (ms, fn) => void win.setInterval(fn, ms),
    send: (url, body) => {
      // A string is sent as text/plain, which the events route accepts: no CORS preflight, no Blob type quirks.
      if (typeof win.navigator.sendBeacon === 'function' && win.navigator.sendBeacon(url, body))
        return true
      void win.fetch(url, { method: 'POST', body, keepalive: true, credentials: 'same-origin', headers: { 'content-type': 'application/json' } }).catch(() => {})
      return true
    },
  }
}

/** The page that linked here (an account article on mp.weixin.qq.com, for one). */
export function documentReferrer(doc: Document | undefined = globalThis.document): string {
  return doc?.referrer ?? ''
}
