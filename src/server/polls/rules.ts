import type { PollRow } from '../db/queries/polls.ts'

export type PollStatus = 'open' | 'closed' | 'scheduled'

/** Not yet open, open, or closed (by hand or by its closing time). */
export function pollStatus(poll: Pick<PollRow, 'opensAt' | 'closesAt' | 'closedAt'>, now: Date): PollStatus {
  if (poll.closedAt || (poll.closesAt && poll.closesAt.getTime() <= now.getTime()))
    return 'closed'
  if (poll.opensAt && poll.opensAt.getTime() > now.getTime())
    return 'scheduled'
  return 'open'
}

/** Whether a reader may see the counts under the poll's rule. */
export function resultsVisible(poll: Pick<PollRow, 'showResults'>, status: PollStatus, hasVoted: boolean): boolean {
  if (poll.showResults === 'always' || status === 'closed')
    return true
  return poll.showResults === 'after_vote' && hasVoted
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000
const NOT_DAILY = '1970-01-01'

/**
 * The day a ballot belongs to: the follower's calendar day in China (UTC+8, no daylight
 * saving) for daily polls, one fixed day otherwise, so one UNIQUE index covers both.
 */
export function ballotDay(poll: Pick<PollRow, 'daily'>, now: Date): string {
  if (!poll.daily)
    return NOT_DAILY
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}
