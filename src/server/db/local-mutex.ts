/** Named in-process mutexes: each name runs its holders one after another. */
export function createLocalMutex() {
  const tails = new Map<string, Promise<unknown>>()
  return async function withLocalLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const previous = tails.get(name) ?? Promise.resolve()
    const run = previous.catch(() => {}).then(fn)
    const tail = run.catch(() => {})
    tails.set(name, tail)
    try {
      return await run
    }
    finally {
      // Forget the name once nobody queued behind us, so the map cannot grow without bound.
      if (tails.get(name) === tail)
        tails.delete(name)
    }
  }
}
