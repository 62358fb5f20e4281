// Membership periods (0005): every paid membership order owns one period, and the
// member's expiry is the end of the last unrevoked one.
import type { Db } from '../database.ts'
import type { OrderRow } from './orders.ts'
import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { entitlements, memberships, orders } from '../schema.ts'

const DAY_MS = 86_400_000

/**
 * Locks the member's row (creating it if new), so the grants and refunds of one
 * reader run one after another, and returns the current expiry.
 */
async function lockMembership(tx: Db, userId: number, productId: string, now: Date): Promise<Date> {
  const [row] = await tx.insert(memberships).values({ userId, productId, expiresAt: now }).onConflictDoUpdate({ target: memberships.userId, set: { updatedAt: sql`now()` } }).returning({ expiresAt: memberships.expiresAt })
  return row!.expiresAt
}

/** A purchase starts when the current membership ends (renewal), or now if it has lapsed. */
export async function grantMembershipPeriod(tx: Db, order: OrderRow, now: Date): Promise<void> {
  const current = await lockMembership(tx, order.userId, order.productId, now)
  const startsAt = new Date(Math.max(current.getTime(), now.getTime()))
  const endsAt = new Date(startsAt.getTime() + order.durationDays! * DAY_MS)
  const inserted = await tx.insert(entitlements).values({
    orderId: order.id,
    userId: order.userId,
    kind: 'membership',
    durationDays: order.durationDays,
    grantedAt: now,
    startsAt,
    endsAt,
  }).onConflictDoNothing({ target: entitlements.orderId }).returning({ id: entitlements.id })
  if (inserted.length === 0)
    return
  await tx.update(memberships).set({ productId: order.productId, expiresAt: endsAt, updatedAt: sql`now()` }).where(eq(memberships.userId, order.userId))
}

/**
 * After a refund: replays the reader's remaining purchases in order, each starting at
 * GREATEST(its grant time, the previous end). So the refunded period disappears and
 * the purchases queued behind it move earlier (never before they were bought): the
 * reader keeps exactly what they still paid for, and a later purchase that did not
 * chain onto the refunded one (bought after a lapse) is untouched.
 * Nothing left: the membership ends now (or stays ended).
 */
export async function recomputeMembership(tx: Db, userId: number, now: Date): Promise<void> {
  await tx.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.userId, userId)).for('update')
  const remaining = await tx.select({
    id: entitlements.id,
    grantedAt: entitlements.grantedAt,
    durationDays: entitlements.durationDays,
    startsAt: entitlements.startsAt,
    endsAt: entitlements.endsAt,
    productId: orders.productId,
  }).from(entitlements).innerJoin(orders, eq(orders.id, entitlements.orderId)).where(and(eq(entitlements.userId, userId), eq(entitlements.kind, 'membership'), isNull(entitlements.revokedAt))).orderBy(asc(entitlements.startsAt), asc(entitlements.id))
  let end: number | null = null
  let productId: string | null = null
  for (const e of remaining) {
    const start = Math.max(e.grantedAt.getTime(), end ?? 0)
    const stop = start + e.durationDays! * DAY_MS
    if (start !== e.startsAt?.getTime() || stop !== e.endsAt?.getTime())
      await tx.update(entitlements).set({ startsAt: new Date(start), endsAt: new Date(stop) }).where(eq(entitlements.id, e.id))
    end = stop
    productId = e.productId
  }
  await tx.update(memberships)
    .set(end === null
      ? { expiresAt: sql`LEAST(${memberships.expiresAt}, ${now.toISOString()}::timestamptz)`, updatedAt: sql`now()` }
      : { expiresAt: new Date(end), productId: productId!, updatedAt: sql`now()` })
    .where(eq(memberships.userId, userId))
}
