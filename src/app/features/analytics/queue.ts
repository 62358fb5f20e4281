import type { ClientEvent, ClientEventType } from '@shared/schemas/analytics'
import type { RouteLocationNormalized } from 'vue-router'

// The part of analytics in the first-load bundle: features record events here, and the
// tracker (loaded when the page is idle) sends them. Nothing here touches the network.

export type TrackedEvent = Omit<ClientEvent, 'path' | 'at'> & { path?: string, at?: number }

const pending: TrackedEvent[] = []
let sink: ((e: TrackedEvent) => void) | null = null

/** Records an analytics event; cheap and safe to call before the tracker has loaded. */
export function track(type: ClientEventType, data: Omit<TrackedEvent, 'type'> = {}): void {
  const event = { ...data, type, at: data.at ?? Date.now() }
  if (sink)
    sink(event)
  else if (pending.length < 200)
    pending.push(event)
}

/** The tracker takes over: what was recorded so far, then every later event. */
export function drainInto(fn: (e: TrackedEvent) => void): void {
  sink = fn
  for (const e of pending.splice(0))
    fn(e)
}

/** The post a route shows, as analytics keys it: an article id, `poll:<id>` or `quiz:<id>`. */
export function postKeyOf(route: Pick<RouteLocationNormalized, 'name' | 'params'>): string | undefined {
  const id = route.params.id
  if (typeof id !== 'string' || !/^[\w-]{1,64}$/.test(id))
    return undefined
  if (route.name === 'article')
    return id
  if (route.name === 'poll' || route.name === 'quiz')
    return `${String(route.name)}:${id}`
  return undefined
}
