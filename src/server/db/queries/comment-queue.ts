import type { Db } from '../database.ts'
import type { CommentRow, CommentStatus, CommentWithAuthor } from './comments.ts'
import { and, asc, eq, gt, inArray, isNull, lt, ne, or } from 'drizzle-orm'
import { comments, users } from '../schema.ts'

/** How long a claim keeps other moderators away from an item. */
export const CLAIM_MINUTES = 15

export interface QueueFilter {
  status?: CommentStatus
  articleId?: string
  /** Items after this id (oldest first: the queue is worked in arrival order). */
  afterId?: number
  limit: number
}

const withAuthor = { comment: comments, nickname: users.nickname, avatarUrl: users.avatarUrl }
const flatten = (r: { comment: CommentRow, nickname: string, avatarUrl: string }): CommentWithAuthor => ({ ...r.comment, nickname: r.nickname, avatarUrl: r.avatarUrl, likedByMe: false })

/** The operator queue, oldest first; by default what waits for a person (pending). */
export async function listQueue(db: Db, f: QueueFilter): Promise<CommentWithAuthor[]> {
  const rows = await db.select(withAuthor).from(comments).innerJoin(users, eq(users.id, comments.userId)).where(and(
    eq(comments.status, f.status ?? 'pending'),
    f.articleId ? eq(comments.articleId, f.articleId) : undefined,
    f.afterId ? gt(comments.id, f.afterId) : undefined,
  )).orderBy(asc(comments.id)).limit(f.limit)
  return rows.map(flatten)
}

export async function findForOperator(db: Db, id: number): Promise<CommentWithAuthor | null> {
  const [row] = await db.select(withAuthor).from(comments).innerJoin(users, eq(users.id, comments.userId)).where(eq(comments.id, id))
  return row ? flatten(row) : null
}

/**
 * Claims up to `limit` pending items nobody holds (or whose claim ran out) for `moderator`.
 * Call inside a transaction: the SELECT locks the rows until it commits, and `SKIP LOCKED`
 * makes moderators claiming at the same moment pass over each other's rows instead of
 * waiting for them or taking them too. Two statements, not `UPDATE … WHERE id IN (SELECT …
 * SKIP LOCKED)`: the planner may rescan such a subquery, and a rescan skips the rows this
 * very statement just updated and claims more than `limit`.
 */
export async function claimItems(tx: Db, moderator: string, limit: number, now: Date): Promise<number[]> {
  const free = or(isNull(comments.claimedUntil), lt(comments.claimedUntil, now))
  const locked = await tx.select({ id: comments.id }).from(comments).where(and(eq(comments.status, 'pending'), free)).orderBy(asc(comments.id)).limit(limit).for('update', { skipLocked: true })
  if (locked.length === 0)
    return []
  const until = new Date(now.getTime() + CLAIM_MINUTES * 60_000)
  const rows = await tx.update(comments).set({ claimedBy: moderator, claimedUntil: until }).where(inArray(comments.id, locked.map(r => r.id))).returning({ id: comments.id })
  return rows.map(r => r.id).sort((a, b) => a - b)
}

export interface Decision {
  status?: CommentStatus
  featured?: boolean
  moderator: string
  reason: string | null
}

/**
 * Applies an operator decision unless another moderator holds a live claim on the item; the
 * claim ends with the decision. Null when the item is missing, deleted, or claimed by someone else.
 */
export async function applyDecision(db: Db, id: number, d: Decision, now: Date): Promise<CommentRow | null> {
  const [row] = await db.update(comments).set({
    ...(d.status ? { status: d.status } : {}),
    ...(d.featured === undefined ? {} : { featured: d.featured }),
    ...(d.status === 'deleted' ? { deletedAt: now } : {}),
    decidedBy: d.moderator,
    decidedAt: now,
    decisionReason: d.reason,
    claimedBy: null,
    claimedUntil: null,
  }).where(and(eq(comments.id, id), ne(comments.status, 'deleted'), notClaimedByOther(d.moderator, now))).returning()
  return row ?? null
}

export async function setReply(db: Db, id: number, text: string | null, moderator: string, now: Date): Promise<CommentRow | null> {
  const [row] = await db.update(comments).set({ replyText: text, replyAt: text === null ? null : now }).where(and(eq(comments.id, id), ne(comments.status, 'deleted'), notClaimedByOther(moderator, now))).returning()
  return row ?? null
}

function notClaimedByOther(moderator: string, now: Date) {
  return or(isNull(comments.claimedBy), eq(comments.claimedBy, moderator), lt(comments.claimedUntil, now))
}
