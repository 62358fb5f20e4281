import type { Db } from '../database.ts'
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, sql } from 'drizzle-orm'
import { orders, users } from '../schema.ts'

export type OrderRow = typeof orders.$inferSelect
export type NewOrder = typeof orders.$inferInsert

export async function insertOrder(db: Db, values: NewOrder): Promise<OrderRow> {
  const [row] = await db.insert(orders).values(values).returning()
  return row!
}

/** The payable order for this user and thing, if any (at most one: orders_one_pending_idx). */
export async function findPendingOrder(db: Db, userId: number, productId: string, articleId: string | null): Promise<OrderRow | null> {
  const [row] = await db.select().from(orders).where(and(
    eq(orders.userId, userId),
    eq(orders.productId, productId),
    articleId === null ? isNull(orders.articleId) : eq(orders.articleId, articleId),
    eq(orders.status, 'pending'),
  ))
  return row ?? null
}

export async function findOrder(db: Db, id: number): Promise<OrderRow | null> {
  const [row] = await db.select().from(orders).where(eq(orders.id, id))
  return row ?? null
}

export async function findOrderByOutTradeNo(db: Db, outTradeNo: string): Promise<OrderRow | null> {
  const [row] = await db.select().from(orders).where(eq(orders.outTradeNo, outTradeNo))
  return row ?? null
}

export async function listOrdersOfUser(db: Db, userId: number, limit = 50): Promise<OrderRow[]> {
  return db.select().from(orders).where(eq(orders.userId, userId)).orderBy(desc(orders.createdAt), desc(orders.id)).limit(limit)
}

/** A reader's pending memberships: buying one tier closes the others, so only one is payable. */
export async function listPendingMemberships(db: Db, userId: number): Promise<OrderRow[]> {
  return db.select().from(orders).where(and(eq(orders.userId, userId), eq(orders.kind, 'membership'), eq(orders.status, 'pending')))
}

/** A reader's pending orders that can still be paid (the rest are the reconciliation job's). */
export async function listPayablePending(db: Db, userId: number, now: Date): Promise<OrderRow[]> {
  return db.select().from(orders).where(and(eq(orders.userId, userId), eq(orders.status, 'pending'), gt(orders.expiresAt, now))).orderBy(asc(orders.id)).limit(10)
}

/** Pending orders the reconciliation job should ask WeChat Pay about now (next_sync_at reached). */
export async function listDuePending(db: Db, now: Date, limit = 100): Promise<OrderRow[]> {
  return db.select().from(orders).where(and(eq(orders.status, 'pending'), lte(orders.nextSyncAt, now))).orderBy(asc(orders.nextSyncAt)).limit(limit)
}

/**
 * Moves next_sync_at forward if nobody else did: true means this caller asks WeChat Pay.
 * Compared within a millisecond: a value set by SQL (the column default, e.g. orders that
 * were pending when 0006 ran) has microseconds a JavaScript Date cannot hold.
 */
export async function claimSync(db: Db, order: OrderRow, next: Date): Promise<boolean> {
  const seen = order.nextSyncAt.getTime()
  const claimed = await db.update(orders).set({ nextSyncAt: next }).where(and(eq(orders.id, order.id), eq(orders.status, 'pending'), gt(orders.nextSyncAt, new Date(seen - 1)), lt(orders.nextSyncAt, new Date(seen + 1)))).returning({ id: orders.id })
  return claimed.length > 0
}

/**
 * Claims the next WeChat Pay query for a pending order polled by the SPA: true for at most
 * one caller per `everyMs`, across tabs and instances (the database's clock decides).
 */
export async function claimStatusQuery(db: Db, id: number, everyMs: number): Promise<boolean> {
  const claimed = await db.update(orders).set({ statusQueriedAt: sql`now()` }).where(and(
    eq(orders.id, id),
    eq(orders.status, 'pending'),
    sql`(${orders.statusQueriedAt} IS NULL OR ${orders.statusQueriedAt} <= now() - ${everyMs} * interval '1 millisecond')`,
  )).returning({ id: orders.id })
  return claimed.length > 0
}

/** The payer WeChat Pay must report for this order: the openid of the reader who placed it. */
export async function openidOfOrder(db: Db, order: OrderRow): Promise<string | null> {
  const [row] = await db.select({ openid: users.openid }).from(users).where(eq(users.id, order.userId))
  return row?.openid ?? null
}

/** pending → closed; a paid order is never closed. */
export async function markClosed(db: Db, id: number): Promise<void> {
  await db.update(orders).set({ status: 'closed', updatedAt: sql`now()` }).where(and(eq(orders.id, id), eq(orders.status, 'pending')))
}

/**
 * The one state change that records money: pending (or closed: the payer's money
 * arrived anyway) → paid. Concurrent callers serialise on the row; exactly one
 * gets the row back, the others get null.
 */
export async function markPaid(db: Db, id: number, transactionId: string, paidAt: Date): Promise<OrderRow | null> {
  const [row] = await db.update(orders)
    .set({ status: 'paid', transactionId, paidAt, updatedAt: sql`now()` })
    .where(and(eq(orders.id, id), inArray(orders.status, ['pending', 'closed'])))
    .returning()
  return row ?? null
}
