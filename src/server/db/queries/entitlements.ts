import type { Db } from '../database.ts'
import type { OrderRow } from './orders.ts'
import { and, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm'
import { articles, entitlements, memberships } from '../schema.ts'
import { grantMembershipPeriod, recomputeMembership } from './membership-periods.ts'

export type MembershipRow = typeof memberships.$inferSelect

export async function membershipOf(db: Db, userId: number): Promise<MembershipRow | null> {
  const [row] = await db.select().from(memberships).where(eq(memberships.userId, userId))
  return row ?? null
}

export async function hasActiveMembership(db: Db, userId: number, now: Date): Promise<boolean> {
  const m = await membershipOf(db, userId)
  return !!m && m.expiresAt.getTime() > now.getTime()
}

/** Articles this user unlocked one by one, and every part of each series they own. */
export async function unlockedArticleIds(db: Db, userId: number): Promise<Set<string>> {
  const rows = await db.select({ articleId: entitlements.articleId }).from(entitlements).where(and(eq(entitlements.userId, userId), eq(entitlements.kind, 'unlock'), isNull(entitlements.revokedAt)))
  const parts = await db.select({ articleId: articles.id }).from(articles).where(inArray(articles.seriesId, ownedSeriesQuery(db, userId)))
  return new Set([...rows.map(r => r.articleId!), ...parts.map(p => p.articleId)])
}

function ownedSeriesQuery(db: Db, userId: number) {
  return db.select({ seriesId: entitlements.seriesId }).from(entitlements).where(and(eq(entitlements.userId, userId), eq(entitlements.kind, 'series'), isNull(entitlements.revokedAt), isNotNull(entitlements.seriesId)))
}

/** Does this user own the series (an unrevoked series purchase)? */
export async function ownsSeries(db: Db, userId: number, seriesId: string): Promise<boolean> {
  const [row] = await db.select({ id: entitlements.id }).from(entitlements).where(and(eq(entitlements.userId, userId), eq(entitlements.kind, 'series'), eq(entitlements.seriesId, seriesId), isNull(entitlements.revokedAt))).limit(1)
  return !!row
}

/**
 * May this user read this article's premium body: an active membership, an unrevoked unlock,
 * or an unrevoked purchase of the series the article is a part of now (so a part added or
 * published after the purchase is covered too).
 */
export async function isEntitled(db: Db, userId: number, articleId: string, now: Date): Promise<boolean> {
  if (await hasActiveMembership(db, userId, now))
    return true
  const seriesOfArticle = db.select({ seriesId: articles.seriesId }).from(articles).where(eq(articles.id, articleId))
  const [grant] = await db.select({ id: entitlements.id }).from(entitlements).where(and(
    eq(entitlements.userId, userId),
    isNull(entitlements.revokedAt),
    or(
      and(eq(entitlements.kind, 'unlock'), eq(entitlements.articleId, articleId)),
      and(eq(entitlements.kind, 'series'), inArray(entitlements.seriesId, seriesOfArticle)),
    ),
  )).limit(1)
  return !!grant
}

/**
 * Grants what a just-paid order bought. Call inside the transaction that marked
 * it paid; UNIQUE (order_id) makes a second grant for the same order impossible.
 * A membership gets its own period (./membership-periods.ts).
 */
export async function grantForOrder(tx: Db, order: OrderRow, now: Date): Promise<void> {
  if (order.kind === 'tip')
    return
  if (order.kind === 'membership')
    return grantMembershipPeriod(tx, order, now)
  if (order.kind === 'series') {
    await tx.insert(entitlements).values({ orderId: order.id, userId: order.userId, kind: 'series', seriesId: order.seriesId, grantedAt: now }).onConflictDoNothing({ target: entitlements.orderId })
    return
  }
  await tx.insert(entitlements).values({ orderId: order.id, userId: order.userId, kind: 'unlock', articleId: order.articleId, grantedAt: now }).onConflictDoNothing({ target: entitlements.orderId })
}

/** Takes back what a refunded order granted, once: an unlock or a series disappears, a membership loses that order's period. */
export async function revokeForOrder(tx: Db, order: OrderRow, now: Date): Promise<void> {
  const [revoked] = await tx.update(entitlements).set({ revokedAt: now }).where(and(eq(entitlements.orderId, order.id), isNull(entitlements.revokedAt))).returning()
  if (revoked?.kind === 'membership')
    await recomputeMembership(tx, order.userId, now)
}
