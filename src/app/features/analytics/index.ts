export { landingChannel } from './channel.ts'
export { postKeyOf, track } from './queue.ts'
export type { TrackedEvent } from './queue.ts'
