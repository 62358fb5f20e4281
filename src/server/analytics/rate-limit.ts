/**
 * Events per visitor per minute, per API instance (a fixed one-minute window). Counting
 * rules already make repeated events harmless; this only keeps one client from making the
 * database do pointless work. Bounded: the oldest windows are forgotten first.
 */
export function createVisitorRateLimit(maxEventsPerMinute: number, maxVisitors = 50_000) {
  const windows = new Map<number, { minute: number, count: number }>()
  return (visitorId: number, events: number, now: number): boolean => {
    const minute = Math.floor(now / 60_000)
    let w = windows.get(visitorId)
    if (!w || w.minute !== minute) {
      windows.delete(visitorId)
      w = { minute, count: 0 }
      windows.set(visitorId, w)
      if (windows.size > maxVisitors)
        windows.delete(windows.keys().next().value!)
    }
    if (w.count + events > maxEventsPerMinute)
      return false
    w.count += events
    return true
  }
}
