interface IdleHost {
  requestIdleCallback?: (fn: () => void, opts?: { timeout: number }) => unknown
  requestAnimationFrame?: (fn: () => void) => unknown
  setTimeout: (fn: () => void, ms?: number) => unknown
}

/**
 * Runs `fn` after the page has painted, when the main thread is free: for work the first render
 * must not wait for. iOS WeChat (WKWebView) has no requestIdleCallback: after the next frame.
 */
export function whenIdle(fn: () => void, host: IdleHost = globalThis as unknown as IdleHost, timeoutMs = 2000): void {
  if (typeof host.requestIdleCallback === 'function')
    host.requestIdleCallback(() => fn(), { timeout: timeoutMs })
  else if (typeof host.requestAnimationFrame === 'function')
    host.requestAnimationFrame(() => void host.setTimeout(fn, 0))
  else
    host.setTimeout(fn, 0)
}
