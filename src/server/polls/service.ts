import type { PollResults, PollView, VoteResponse } from '../../shared/schemas/polls.ts'
import type { Db } from '../db/database.ts'
import type { User } from '../db/queries/users.ts'
import type { EngagementHooks } from '../engagement/hooks.ts'
import type { PollLiveHub } from './live-hub.ts'
import { arrivalRefCode } from '../db/queries/attribution.ts'
import { hasActiveMembership } from '../db/queries/entitlements.ts'
import { countResults, findBallot, findPoll, insertBallot } from '../db/queries/polls.ts'
import { isFollower } from '../db/queries/wechat-events.ts'
import { ApiError, notFound, unauthorized } from '../http/api-error.ts'
import { ballotDay, pollStatus, resultsVisible } from './rules.ts'
import { myVoteView, pollView, resultsView } from './views.ts'

export interface PollContext {
  db: Db
  now: () => Date
  hub: PollLiveHub
  hooks: EngagementHooks
}

/** A poll as this reader may see it: counts only when the poll's rule allows. */
export async function readPoll(ctx: PollContext, pollId: string, user: User | null): Promise<PollView> {
  const poll = await findPoll(ctx.db, pollId)
  if (!poll)
    throw notFound('Poll')
  const now = ctx.now()
  const status = pollStatus(poll, now)
  const ballot = user && !user.isSnapshot ? await findBallot(ctx.db, poll.id, user.id, ballotDay(poll, now)) : null
  const results = resultsVisible(poll, status, !!ballot) ? resultsView(poll, await countResults(ctx.db, poll.id)) : undefined
  return pollView(poll, status, { results, ballot })
}

/** The counts for the live stream, or a 403 when this reader may not see them yet. */
export async function readLiveResults(ctx: PollContext, pollId: string, user: User | null): Promise<PollResults> {
  const view = await readPoll(ctx, pollId, user)
  if (!view.results)
    throw new ApiError(403, 'RESULTS_HIDDEN', 'Results of this poll are shown after voting or after it closes')
  return view.results
}

export async function currentResults(ctx: PollContext, pollId: string): Promise<PollResults | null> {
  const poll = await findPoll(ctx.db, pollId)
  return poll ? resultsView(poll, await countResults(ctx.db, poll.id)) : null
}

/**
 * Any signed-in real follower may vote on 'signed_in' polls. 'followers' means people who
 * follow the account now, as WeChat's subscribe/unsubscribe pushes to /wechat/events said.
 * 'members' need an active membership.
 */
async function isEligible(ctx: PollContext, eligibility: 'signed_in' | 'followers' | 'members', user: User): Promise<boolean> {
  if (eligibility === 'members')
    return hasActiveMembership(ctx.db, user.id, ctx.now())
  if (eligibility === 'followers')
    return isFollower(ctx.db, user.openid)
  return true
}

function checkChoices(optionIds: string[], known: Set<string>, maxChoices: number): void {
  if (new Set(optionIds).size !== optionIds.length)
    throw new ApiError(400, 'DUPLICATE_OPTION', 'An option was chosen twice')
  const unknown = optionIds.find(id => !known.has(id))
  if (unknown !== undefined)
    throw new ApiError(400, 'UNKNOWN_OPTION', `This poll has no option ${JSON.stringify(unknown.slice(0, 64))}`)
  if (optionIds.length > maxChoices)
    throw new ApiError(400, 'TOO_MANY_CHOICES', `Choose at most ${maxChoices} option(s)`)
}

export interface VoteInput {
  pollId: string
  user: User | null
  optionIds: string[]
  /** The device's visitor cookie, to find the share the voter arrived through. */
  visitorToken?: string
}

/** One ballot per follower (per day for daily polls); the database decides under concurrency. */
export async function castVote(ctx: PollContext, input: VoteInput): Promise<VoteResponse> {
  const { user } = input
  if (!user)
    throw unauthorized()
  const poll = await findPoll(ctx.db, input.pollId)
  if (!poll)
    throw notFound('Poll')
  if (user.isSnapshot)
    throw new ApiError(403, 'SNAPSHOT_USER', 'Open the full page to vote: snapshot-mode visitors cannot vote')
  const now = ctx.now()
  const status = pollStatus(poll, now)
  if (status !== 'open')
    throw new ApiError(409, 'POLL_CLOSED', status === 'scheduled' ? 'This poll is not open yet' : 'This poll is closed')
  checkChoices(input.optionIds, new Set(poll.options.map(o => o.id)), poll.maxChoices)
  if (!await isEligible(ctx, poll.eligibility, user))
    throw new ApiError(403, 'NOT_ELIGIBLE', poll.eligibility === 'members' ? 'This poll is for members' : 'This poll is for followers of the account')

  const day = ballotDay(poll, now)
  const refCode = await arrivalRefCode(ctx.db, { userId: user.id, visitorToken: input.visitorToken, path: `/polls/${poll.id}` })
  const ballot = await insertBallot(ctx.db, { pollId: poll.id, userId: user.id, day, optionIds: input.optionIds, refCode })
  if (!ballot)
    throw new ApiError(409, 'ALREADY_VOTED', poll.daily ? 'You already voted today' : 'You already voted in this poll')

  await ctx.hub.changed(poll.id)
  ctx.hooks.emitBallot({ pollId: poll.id, userId: user.id, optionIds: ballot.optionIds, refCode, at: ballot.createdAt })
  const results = resultsVisible(poll, status, true) ? resultsView(poll, await countResults(ctx.db, poll.id)) : undefined
  return { myVote: myVoteView(ballot), ...(results ? { results } : {}) }
}
