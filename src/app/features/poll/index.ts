import { defineAsyncComponent } from 'vue'

export { followResults, POLL_FALLBACK_MS } from './live-results.ts'
export { pollShareData } from './poll-share.ts'
export { getPoll, postVote } from './poll.api.ts'
export { usePoll } from './usePoll.ts'

// Loads with the first page that shows a poll (its own page, or a post embedding one).
export const PollCard = defineAsyncComponent(() => import('./PollCard.vue'))
