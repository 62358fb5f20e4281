import type { PollResults } from '@shared/schemas/polls'
import type { EventStreams } from '../../platform/event-stream.ts'
import { liveUrl } from './poll.api.ts'

/** Where SSE is missing or keeps failing, the poll is asked again this often. */
export const POLL_FALLBACK_MS = 5000
/** Errors in a row before giving up on the stream (a proxy that buffers, an old webview). */
const MAX_STREAM_ERRORS = 3

export interface LiveResultsOptions {
  pollId: string
  events?: EventStreams
  /** The fallback: fetch the results once (null when they are not visible). */
  fetchResults: () => Promise<PollResults | null | undefined>
  onResults: (results: PollResults) => void
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
}

/**
 * Follows a poll's results: the server's event stream when the webview has one, otherwise
 * (or after repeated stream errors) a slow poll. Returns the stop function.
 */
export function followResults(o: LiveResultsOptions): () => void {
  const setTimer = o.setTimer ?? ((fn, ms) => setInterval(fn, ms))
  const clearTimer = o.clearTimer ?? (h => clearInterval(h as ReturnType<typeof setInterval>))
  let timer: unknown = null
  let closeStream: (() => void) | null = null
  let errors = 0

  const startPolling = () => {
    if (timer !== null)
      return
    timer = setTimer(() => {
      o.fetchResults().then(r => r && o.onResults(r)).catch(() => {})
    }, POLL_FALLBACK_MS)
  }

  if (o.events?.supported) {
    closeStream = o.events.open(liveUrl(o.pollId), 'results', (data) => {
      errors = 0
      try {
        o.onResults(JSON.parse(data) as PollResults)
      }
      catch {}
    }, () => {
      if (++errors >= MAX_STREAM_ERRORS) {
        closeStream?.()
        closeStream = null
        startPolling()
      }
    })
  }
  else {
    startPolling()
  }

  return () => {
    closeStream?.()
    closeStream = null
    if (timer !== null)
      clearTimer(timer)
    timer = null
  }
}
