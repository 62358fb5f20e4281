import type { Db } from '../database.ts'
import { and, eq, sql } from 'drizzle-orm'
import { commentLikes, comments } from '../schema.ts'

/**
 * Adds the reader's like to an approved comment. The like row and the counter change in one
 * transaction, and the counter moves only when the row was new, so the count stays exact
 * however many readers like at once. Null when the comment is not approved (or missing).
 */
export async function like(db: Db, commentId: number, userId: number): Promise<number | null> {
  return db.transaction(async (tx) => {
    const inserted = await tx.insert(commentLikes)
      .select(tx.select({ commentId: comments.id, userId: sql<number>`${userId}::bigint`.as('user_id'), createdAt: sql<Date>`now()`.as('created_at') }).from(comments).where(and(eq(comments.id, commentId), eq(comments.status, 'approved'))))
      .onConflictDoNothing()
      .returning({ commentId: commentLikes.commentId })
    if (inserted.length > 0) {
      const [row] = await tx.update(comments).set({ likes: sql`${comments.likes} + 1` }).where(eq(comments.id, commentId)).returning({ likes: comments.likes })
      return row!.likes
    }
    return likesOfApproved(tx, commentId)
  })
}

/** Removes the reader's like; the counter moves only when a like was there. */
export async function unlike(db: Db, commentId: number, userId: number): Promise<number | null> {
  return db.transaction(async (tx) => {
    const current = await likesOfApproved(tx, commentId)
    if (current === null)
      return null
    const removed = await tx.delete(commentLikes).where(and(eq(commentLikes.commentId, commentId), eq(commentLikes.userId, userId))).returning({ commentId: commentLikes.commentId })
    if (removed.length === 0)
      return current
    const [row] = await tx.update(comments).set({ likes: sql`${comments.likes} - 1` }).where(eq(comments.id, commentId)).returning({ likes: comments.likes })
    return row!.likes
  })
}

async function likesOfApproved(db: Db, commentId: number): Promise<number | null> {
  const [row] = await db.select({ likes: comments.likes }).from(comments).where(and(eq(comments.id, commentId), eq(comments.status, 'approved')))
  return row?.likes ?? null
}
