import type { Db } from '../database.ts'
import { and, desc, eq, inArray, lt, ne, or, sql } from 'drizzle-orm'
import { commentLikes, comments, users } from '../schema.ts'

export type CommentRow = typeof comments.$inferSelect
export type NewComment = typeof comments.$inferInsert
export type CommentStatus = CommentRow['status']

/** A comment as readers see it: with its author's profile and whether the reader liked it. */
export interface CommentWithAuthor extends CommentRow {
  nickname: string
  avatarUrl: string
  likedByMe: boolean
}

/** Statuses only the author sees: their comment is waiting, or it was not let through. */
export const AUTHOR_ONLY: CommentStatus[] = ['pending', 'rejected', 'blocked']

export async function insertComment(db: Db, values: NewComment): Promise<CommentRow> {
  const [row] = await db.insert(comments).values(values).returning()
  return row!
}

export async function findComment(db: Db, id: number): Promise<CommentRow | null> {
  const [row] = await db.select().from(comments).where(eq(comments.id, id))
  return row ?? null
}

/**
 * Takes the author's row lock, so one follower's comments are created one at a time and the
 * limits below cannot be raced by parallel requests (call inside the creating transaction).
 */
export async function lockAuthor(db: Db, userId: number): Promise<void> {
  await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update')
}

/** What the limits look at: the author's comments on this article, in the last hour, and a recent same text. */
export async function authorActivity(db: Db, userId: number, articleId: string, textKey: string, since: { hour: Date, duplicate: Date }) {
  const [row] = await db.select({
    onArticle: sql<number>`count(*) FILTER (WHERE ${comments.articleId} = ${articleId} AND ${comments.status} <> 'deleted')`.mapWith(Number),
    inHour: sql<number>`count(*) FILTER (WHERE ${comments.createdAt} > ${since.hour.toISOString()}::timestamptz)`.mapWith(Number),
    duplicates: sql<number>`count(*) FILTER (WHERE ${comments.textKey} = ${textKey} AND ${comments.createdAt} > ${since.duplicate.toISOString()}::timestamptz)`.mapWith(Number),
  }).from(comments).where(eq(comments.userId, userId))
  return row ?? { onArticle: 0, inHour: 0, duplicates: 0 }
}

/** Comments on one article per page, featured first, then newest. */
export interface PublicCursor { featured: boolean, id: number }

function selection(viewerId: number | null) {
  return {
    comment: comments,
    nickname: users.nickname,
    avatarUrl: users.avatarUrl,
    likedByMe: viewerId === null
      ? sql<boolean>`false`
      : sql<boolean>`EXISTS (SELECT 1 FROM ${commentLikes} WHERE ${commentLikes.commentId} = ${comments.id} AND ${commentLikes.userId} = ${viewerId})`,
  }
}

interface Selected { comment: CommentRow, nickname: string, avatarUrl: string, likedByMe: boolean }
const flatten = (r: Selected): CommentWithAuthor => ({ ...r.comment, nickname: r.nickname, avatarUrl: r.avatarUrl, likedByMe: !!r.likedByMe })

/** Approved comments, the only ones other readers ever get. */
export async function listApproved(db: Db, articleId: string, viewerId: number | null, after: PublicCursor | null, limit: number): Promise<CommentWithAuthor[]> {
  const position = after
    ? (after.featured
        ? or(eq(comments.featured, false), lt(comments.id, after.id))
        : and(eq(comments.featured, false), lt(comments.id, after.id)))
    : undefined
  const rows = await db.select(selection(viewerId)).from(comments).innerJoin(users, eq(users.id, comments.userId)).where(and(eq(comments.articleId, articleId), eq(comments.status, 'approved'), position)).orderBy(desc(comments.featured), desc(comments.id)).limit(limit)
  return rows.map(flatten)
}

/** The viewer's own comments that nobody else sees (waiting, rejected, blocked), newest first. */
export async function listAuthorOnly(db: Db, articleId: string, userId: number, limit = 20): Promise<CommentWithAuthor[]> {
  const rows = await db.select(selection(userId)).from(comments).innerJoin(users, eq(users.id, comments.userId)).where(and(eq(comments.articleId, articleId), eq(comments.userId, userId), inArray(comments.status, AUTHOR_ONLY))).orderBy(desc(comments.id)).limit(limit)
  return rows.map(flatten)
}

export async function findWithAuthor(db: Db, id: number, viewerId: number | null): Promise<CommentWithAuthor | null> {
  const [row] = await db.select(selection(viewerId)).from(comments).innerJoin(users, eq(users.id, comments.userId)).where(eq(comments.id, id))
  return row ? flatten(row) : null
}

/** The author removes their own comment; false when it is not theirs or already gone. */
export async function deleteOwnComment(db: Db, id: number, userId: number): Promise<boolean> {
  const rows = await db.update(comments).set({ status: 'deleted', deletedAt: sql`now()`, claimedBy: null, claimedUntil: null }).where(and(eq(comments.id, id), eq(comments.userId, userId), ne(comments.status, 'deleted'))).returning({ id: comments.id })
  return rows.length > 0
}
