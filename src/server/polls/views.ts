import type { MyVote, PollResults, PollView } from '../../shared/schemas/polls.ts'
import type { BallotRow, PollRow, ResultCounts } from '../db/queries/polls.ts'
import type { PollStatus } from './rules.ts'

/** Every option, in the poll's order, with zero for options nobody chose. */
export function resultsView(poll: PollRow, counts: ResultCounts): PollResults {
  return { voters: counts.voters, options: poll.options.map(o => ({ id: o.id, votes: counts.votes.get(o.id) ?? 0 })) }
}

export function myVoteView(ballot: BallotRow): MyVote {
  return { optionIds: ballot.optionIds, at: ballot.createdAt.toISOString() }
}

export function pollView(poll: PollRow, status: PollStatus, o: { results?: PollResults, ballot?: BallotRow | null }): PollView {
  return {
    id: poll.id,
    title: poll.title,
    ...(poll.description ? { description: poll.description } : {}),
    options: poll.options.map(opt => ({ id: opt.id, label: opt.label, ...(opt.imageUrl ? { imageUrl: opt.imageUrl } : {}) })),
    maxChoices: poll.maxChoices,
    status,
    ...(poll.opensAt ? { opensAt: poll.opensAt.toISOString() } : {}),
    ...(poll.closesAt ? { closesAt: poll.closesAt.toISOString() } : {}),
    showResults: poll.showResults,
    eligibility: poll.eligibility,
    daily: poll.daily,
    ...(o.results ? { results: o.results } : {}),
    ...(o.ballot ? { myVote: myVoteView(o.ballot) } : {}),
  }
}
