import type { ProgressBody } from '@shared/schemas/reading-progress.ts'

export interface ProgressWriterOptions {
  /** The reader's position now; null while there is nothing to report yet. */
  read: () => ProgressBody | null
  /** Stores a position; `final` is the last write before the page goes away (keepalive). */
  save: (body: ProgressBody, final: boolean) => void
  /** At most one write per interval while reading. */
  intervalMs?: number
  timers?: { setTimeout: (fn: () => void, ms: number) => unknown, clearTimeout: (id: unknown) => void }
}

const same = (a: ProgressBody | null, b: ProgressBody) => !!a && a.blockIndex === b.blockIndex && a.depthPct === b.depthPct && a.mediaPositionMs === b.mediaPositionMs

/**
 * Batches progress writes: `touch()` on every scroll or block change costs nothing but a check;
 * the position is read and saved once per interval (when it changed), and `flush()` saves what is
 * left at once, when the reader leaves. Never one write per scroll event.
 */
export function createProgressWriter({ read, save, intervalMs = 5000, timers = globalThis as unknown as NonNullable<ProgressWriterOptions['timers']> }: ProgressWriterOptions) {
  let timer: unknown = null
  let last: ProgressBody | null = null

  function write(final: boolean) {
    const body = read()
    if (!body || same(last, body))
      return
    last = { ...body }
    save(body, final)
  }

  return {
    touch() {
      if (timer !== null)
        return
      timer = timers.setTimeout(() => {
        timer = null
        write(false)
      }, intervalMs)
    },
    flush() {
      if (timer !== null) {
        timers.clearTimeout(timer)
        timer = null
      }
      write(true)
    },
    /** Stops the pending write without saving (the page flushed already, or is gone). */
    cancel() {
      if (timer !== null)
        timers.clearTimeout(timer)
      timer = null
    },
  }
}
export type ProgressWriter = ReturnType<typeof createProgressWriter>
