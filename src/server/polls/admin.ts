import type { AdminPoll, AdminPollCreate, AdminPollPatch, AdminPollResults } from '../../shared/schemas/polls.ts'
import type { AuditActor } from '../audit/audit-log.ts'
import type { PollInsert, PollRow } from '../db/queries/polls.ts'
import type { PollContext } from './service.ts'
import { recordAudit } from '../audit/audit-log.ts'
import { ballotsByReferrer, countBallots, countResults, findPoll, insertPoll, listPolls, updatePoll } from '../db/queries/polls.ts'
import { ApiError, notFound } from '../http/api-error.ts'
import { pollStatus } from './rules.ts'
import { pollView, resultsView } from './views.ts'

async function adminView(ctx: PollContext, poll: PollRow): Promise<AdminPoll> {
  const counts = await countResults(ctx.db, poll.id)
  return {
    ...pollView(poll, pollStatus(poll, ctx.now()), { results: resultsView(poll, counts) }),
    ...(poll.closedAt ? { closedAt: poll.closedAt.toISOString() } : {}),
    createdAt: poll.createdAt.toISOString(),
    voters: counts.voters,
  }
}

function checkShape(p: { options?: { id: string }[], maxChoices?: number, opensAt?: string | null, closesAt?: string | null }, current?: PollRow): void {
  const options = p.options ?? current?.options ?? []
  if (new Set(options.map(o => o.id)).size !== options.length)
    throw new ApiError(400, 'DUPLICATE_OPTION', 'Option ids must be unique')
  const maxChoices = p.maxChoices ?? current?.maxChoices ?? 1
  if (maxChoices > options.length)
    throw new ApiError(400, 'TOO_MANY_CHOICES', 'maxChoices cannot exceed the number of options')
  const opensAt = p.opensAt === undefined ? current?.opensAt : p.opensAt && new Date(p.opensAt)
  const closesAt = p.closesAt === undefined ? current?.closesAt : p.closesAt && new Date(p.closesAt)
  if (opensAt && closesAt && opensAt.getTime() >= closesAt.getTime())
    throw new ApiError(400, 'INVALID_SCHEDULE', 'closesAt must be after opensAt')
}

const date = (v: string | null | undefined) => v === undefined ? undefined : v === null ? null : new Date(v)

export async function adminListPolls(ctx: PollContext): Promise<AdminPoll[]> {
  return Promise.all((await listPolls(ctx.db)).map(p => adminView(ctx, p)))
}

export async function adminCreatePoll(ctx: PollContext, who: AuditActor, body: AdminPollCreate): Promise<AdminPoll> {
  checkShape(body)
  const values: PollInsert = {
    id: body.id,
    title: body.title,
    description: body.description ?? null,
    options: body.options,
    maxChoices: body.maxChoices ?? 1,
    showResults: body.showResults ?? 'after_vote',
    eligibility: body.eligibility ?? 'signed_in',
    daily: body.daily ?? false,
    opensAt: date(body.opensAt) ?? null,
    closesAt: date(body.closesAt) ?? null,
  }
  const poll = await ctx.db.transaction(async (tx) => {
    const row = await insertPoll(tx, values)
    if (row)
      await recordAudit(tx, who, { action: 'poll.create', targetType: 'poll', targetId: row.id, details: { title: row.title } })
    return row
  })
  if (!poll)
    throw new ApiError(409, 'POLL_EXISTS', `A poll with id ${body.id} exists`)
  return adminView(ctx, poll)
}

export async function adminUpdatePoll(ctx: PollContext, who: AuditActor, id: string, patch: AdminPollPatch): Promise<AdminPoll> {
  const current = await findPoll(ctx.db, id)
  if (!current)
    throw notFound('Poll')
  checkShape(patch, current)
  const poll = await ctx.db.transaction(async (tx) => {
    // Counts refer to option ids: once anyone voted, the options stay as they were.
    if (patch.options && await countBallots(tx, id) > 0)
      throw new ApiError(409, 'POLL_HAS_VOTES', 'Options cannot change once people have voted')
    const { opensAt, closesAt, ...rest } = patch
    const row = await updatePoll(tx, id, { ...rest, ...(opensAt !== undefined ? { opensAt: date(opensAt) } : {}), ...(closesAt !== undefined ? { closesAt: date(closesAt) } : {}) })
    await recordAudit(tx, who, { action: 'poll.update', targetType: 'poll', targetId: id, details: { fields: Object.keys(patch) } })
    return row!
  })
  return adminView(ctx, poll)
}

/** Opening clears a manual close and any future opening time; closing stamps now. */
export async function adminSetPollOpen(ctx: PollContext, who: AuditActor, id: string, open: boolean): Promise<AdminPoll> {
  const now = ctx.now()
  const poll = await ctx.db.transaction(async (tx) => {
    const current = await findPoll(tx, id)
    if (!current)
      throw notFound('Poll')
    const set = open
      ? { closedAt: null, opensAt: current.opensAt && current.opensAt > now ? now : current.opensAt, closesAt: current.closesAt && current.closesAt <= now ? null : current.closesAt }
      : { closedAt: now }
    const row = await updatePoll(tx, id, set)
    await recordAudit(tx, who, { action: open ? 'poll.open' : 'poll.close', targetType: 'poll', targetId: id })
    return row!
  })
  await ctx.hub.changed(id)
  return adminView(ctx, poll)
}

export async function adminPollResults(ctx: PollContext, id: string): Promise<AdminPollResults> {
  const poll = await findPoll(ctx.db, id)
  if (!poll)
    throw notFound('Poll')
  const counts = await countResults(ctx.db, id)
  const refs = await ballotsByReferrer(ctx.db, id)
  return {
    id,
    status: pollStatus(poll, ctx.now()),
    voters: counts.voters,
    options: poll.options.map(o => ({ id: o.id, label: o.label, votes: counts.votes.get(o.id) ?? 0 })),
    byReferrer: refs.map(r => ({ refCode: r.refCode, ballots: r.ballots, firstAt: r.firstAt.toISOString(), lastAt: r.lastAt.toISOString() })),
  }
}
