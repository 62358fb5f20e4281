/** Server-Sent Events as features may use them; injected so features never touch `EventSource`. */
export interface EventStreams {
  /** False where the webview has no EventSource: callers fall back to polling. */
  readonly supported: boolean
  /**
   * Listens to the named `event` on a same-origin stream; `onData` gets each event's data.
   * `onError` fires when the connection drops (the browser reconnects by itself).
   * Returns the function that closes the stream.
   */
  open: (url: string, event: string, onData: (data: string) => void, onError?: () => void) => () => void
}

export function browserEventStreams(win: { EventSource?: typeof EventSource } = globalThis): EventStreams {
  const Source = win.EventSource
  return {
    supported: typeof Source === 'function',
    open(url, event, onData, onError) {
      if (!Source)
        throw new Error('EventSource is not available')
      const source = new Source(url, { withCredentials: true })
      source.addEventListener(event, e => onData((e as MessageEvent<string>).data))
      source.addEventListener('error', () => onError?.())
      return () => source.close()
    },
  }
}
