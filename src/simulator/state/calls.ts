// Call counters per API path, so tests can assert e.g. that the kit caches
// jsapi_ticket instead of calling getticket on every page view.
export function createCallCounter() {
  const counts = new Map<string, number>()
  return {
    record(path: string): void {
      counts.set(path, (counts.get(path) ?? 0) + 1)
    },
    snapshot: (): Record<string, number> => Object.fromEntries(counts),
    reset: (): void => counts.clear(),
  }
}

export type CallCounter = ReturnType<typeof createCallCounter>
