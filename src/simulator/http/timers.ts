// Timers owned by one simulator instance, all cancelled when it closes,
// so tests and dev restarts never leave notify retries running.
export function createTimers() {
  const pending = new Set<ReturnType<typeof setTimeout>>()
  const closing = new AbortController()
  return {
    after(ms: number, fn: () => void): void {
      if (closing.signal.aborted)
        return
      const t = setTimeout(() => {
        pending.delete(t)
        fn()
      }, ms)
      pending.add(t)
    },
    sleep(ms: number): Promise<void> {
      return new Promise(resolve => this.after(ms, resolve))
    },
    /** Aborted when the simulator closes (in-flight notification requests listen to it). */
    signal: closing.signal,
    clear(): void {
      closing.abort()
      for (const t of pending)
        clearTimeout(t)
      pending.clear()
    },
  }
}

export type Timers = ReturnType<typeof createTimers>
