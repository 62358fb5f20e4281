import type { Db } from '../database.ts'
import type { OrderRow } from './orders.ts'
import { and, eq, isNull } from 'drizzle-orm'
import { entitlements, memberships } from '../schema.ts'
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

export async function unlockedArticleIds(db: Db, userId: number): Promise<Set<string>> {
  const rows = await db.select({ articleId: entitlements.articleId }).from(entitlements).where(and(eq(entitlements.userId, userId), eq(entitlements.kind, 'unlock'), isNull(entitlements.revokedAt)))
  return new Set(rows.map(r => r.articleId!))
}

/** May this user read this article's premium body: an active membership, or an unrevoked unlock. */
export async function isEntitled(db: Db, userId: number, articleId: string, now: Date): Promise<boolean> {
  if (await hasActiveMembership(db, userId, now))
    return true
  const [unlock] = await db.select({ id: entitlements.id }).from(entitlements).where(and(eq(entitlements.userId, userId), eq(entitlements.kind, 'unlock'), eq(entitlements.articleId, articleId), isNull(entitlements.revokedAt))).limit(1)
  return !!unlock
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
  await tx.insert(entitlements).values({ orderId: order.id, userId: order.userId, kind: 'unlock', articleId: order.articleId, grantedAt: now }).onConflictDoNothing({ target: entitlements.orderId })
}

/** Takes back what a refunded order granted, once: an unlock disappears, a membership loses that order's period. */
export async function revokeForOrder(tx: Db, order: OrderRow, now: Date): Promise<void> {
  const [revoked] = await tx.update(entitlements).set({ revokedAt: now }).where(and(eq(entitlements.orderId, order.id), isNull(entitlements.revokedAt))).returning()
  if (revoked?.kind === 'membership')
    await recomputeMembership(tx, order.userId, now)
}
