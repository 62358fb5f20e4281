// Refunds (0010): one row per 退款申请, and the single place a refund's outcome is applied.
import type { Db } from '../database.ts'
import type { OrderRow } from './orders.ts'
import { and, asc, eq, inArray, lte, ne, sql } from 'drizzle-orm'
import { entitlements, orders, refunds } from '../schema.ts'
import { recomputeMembership } from './membership-periods.ts'

export type RefundRow = typeof refunds.$inferSelect
export type RefundStatus = RefundRow['status']

export async function listRefunds(db: Db, orderId: number): Promise<RefundRow[]> {
  return db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(asc(refunds.id))
}

export async function findRefundByOutRefundNo(db: Db, outRefundNo: string): Promise<RefundRow | null> {
  const [row] = await db.select().from(refunds).where(eq(refunds.outRefundNo, outRefundNo))
  return row ?? null
}

/**
 * What may still be refunded: the amount minus refunds that succeeded, are under way, or
 * are stuck ABNORMAL (that money left the merchant account; WeChat Pay settles it through
 * 异常退款, not a second refund). CLOSED ones gave the money back to the merchant.
 */
export function refundableFen(order: OrderRow, list: RefundRow[]): number {
  const held = list.filter(r => r.status !== 'CLOSED').reduce((sum, r) => sum + r.amountFen, 0)
  return Math.max(0, order.amountFen - held)
}

export async function insertRefund(db: Db, values: { orderId: number, outRefundNo: string, amountFen: number, reason: string | null }): Promise<RefundRow> {
  const [row] = await db.insert(refunds).values(values).returning()
  return row!
}

/** Refunds whose outcome the reconciliation job should ask WeChat Pay about now. */
export async function listDueRefunds(db: Db, now: Date, limit = 100): Promise<RefundRow[]> {
  return db.select().from(refunds).where(and(inArray(refunds.status, ['PROCESSING', 'ABNORMAL']), lte(refunds.nextSyncAt, now))).orderBy(asc(refunds.nextSyncAt)).limit(limit)
}

/** Moves next_sync_at forward if nobody else did (see claimSync for orders). */
export async function claimRefundSync(db: Db, refund: RefundRow, next: Date): Promise<boolean> {
  const seen = refund.nextSyncAt.getTime()
  const claimed = await db.update(refunds).set({ nextSyncAt: next }).where(and(
    eq(refunds.id, refund.id),
    inArray(refunds.status, ['PROCESSING', 'ABNORMAL']),
    sql`${refunds.nextSyncAt} > ${new Date(seen - 1).toISOString()}::timestamptz AND ${refunds.nextSyncAt} < ${new Date(seen + 1).toISOString()}::timestamptz`,
  )).returning({ id: refunds.id })
  return claimed.length > 0
}

export interface RefundOutcome {
  status: RefundStatus
  refundId?: string
  succeededAt?: Date
}

/**
 * Records what WeChat Pay says about a refund. SUCCESS is terminal and counted exactly
 * once: the row moves to SUCCESS only if it was not already, and only the caller that
 * moved it adds the amount to the order and takes back what that amount paid for, in
 * the same transaction. CLOSED is terminal too; ABNORMAL may still become SUCCESS.
 * Returns the refund as stored afterwards.
 */
export async function applyRefundOutcome(db: Db, refundRowId: number, outcome: RefundOutcome, now: Date): Promise<RefundRow> {
  return db.transaction(async (tx) => {
    if (outcome.status === 'SUCCESS') {
      const [done] = await tx.update(refunds)
        .set({ status: 'SUCCESS', refundId: outcome.refundId ?? sql`${refunds.refundId}`, succeededAt: outcome.succeededAt ?? now, updatedAt: sql`now()` })
        .where(and(eq(refunds.id, refundRowId), ne(refunds.status, 'SUCCESS'), ne(refunds.status, 'CLOSED')))
        .returning()
      if (done)
        await countRefund(tx, done, now)
    }
    else if (outcome.status !== 'PROCESSING') {
      await tx.update(refunds)
        .set({ status: outcome.status, refundId: outcome.refundId ?? sql`${refunds.refundId}`, updatedAt: sql`now()` })
        .where(and(eq(refunds.id, refundRowId), inArray(refunds.status, outcome.status === 'CLOSED' ? ['PROCESSING', 'ABNORMAL'] : ['PROCESSING'])))
    }
    else if (outcome.refundId) {
      await tx.update(refunds).set({ refundId: outcome.refundId, updatedAt: sql`now()` }).where(eq(refunds.id, refundRowId))
    }
    const [row] = await tx.select().from(refunds).where(eq(refunds.id, refundRowId))
    return row!
  })
}

/**
 * A refund that succeeded: the order's refunded amount grows (the order is 'refunded' at
 * the full amount), and the grant shrinks to what is still paid for. A full refund
 * revokes it; a partial one keeps an unlock (the reader still paid for part of it) and
 * shortens a membership period in proportion, ending it when nothing is left.
 */
async function countRefund(tx: Db, refund: RefundRow, now: Date): Promise<void> {
  const [order] = await tx.update(orders).set({
    refundedFen: sql`${orders.refundedFen} + ${refund.amountFen}`,
    status: sql`CASE WHEN ${orders.refundedFen} + ${refund.amountFen} >= ${orders.amountFen} THEN 'refunded' ELSE ${orders.status} END`,
    refundedAt: sql`CASE WHEN ${orders.refundedFen} + ${refund.amountFen} >= ${orders.amountFen} THEN ${now.toISOString()}::timestamptz ELSE ${orders.refundedAt} END`,
    outRefundNo: sql`CASE WHEN ${orders.refundedFen} + ${refund.amountFen} >= ${orders.amountFen} THEN ${refund.outRefundNo} ELSE ${orders.outRefundNo} END`,
    refundId: sql`CASE WHEN ${orders.refundedFen} + ${refund.amountFen} >= ${orders.amountFen} THEN ${refund.refundId} ELSE ${orders.refundId} END`,
    updatedAt: sql`now()`,
  }).where(eq(orders.id, refund.orderId)).returning()
  if (!order || order.kind === 'tip')
    return
  const [grant] = await tx.select().from(entitlements).where(eq(entitlements.orderId, order.id)).for('update')
  if (!grant || grant.revokedAt)
    return
  const keptFen = order.amountFen - order.refundedFen
  // A single unlock or a series is kept whole while anything of it is still paid for.
  if (order.kind === 'unlock' || order.kind === 'series') {
    if (keptFen <= 0)
      await tx.update(entitlements).set({ revokedAt: now }).where(eq(entitlements.id, grant.id))
    return
  }
  const keptDays = Math.floor((order.durationDays ?? 0) * keptFen / order.amountFen)
  if (keptDays <= 0)
    await tx.update(entitlements).set({ revokedAt: now }).where(eq(entitlements.id, grant.id))
  else
    await tx.update(entitlements).set({ durationDays: keptDays }).where(eq(entitlements.id, grant.id))
  await recomputeMembership(tx, order.userId, now)
}
