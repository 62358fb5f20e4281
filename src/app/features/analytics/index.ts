export { landingChannel } from './channel.ts'
export { postKeyOf, track } from './queue.ts'
export type { TrackedEvent } from './queue.ts'

/** The tracker (depth, heartbeats, beacons) is its own chunk, loaded when the page is idle. */
export const loadTracker = () => import('./tracker.ts')
