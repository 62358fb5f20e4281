import type { Db } from '../database.ts'
import { and, countDistinct, desc, eq, max } from 'drizzle-orm'
import { orders, users } from '../schema.ts'

export interface TipSummary {
  count: number
  tippers: { nickname: string, avatarUrl: string }[]
  tippedByMe: boolean
}

/**
 * Paid tips on an article, counted per person. Snapshot-mode users carry fake
 * identities, so they are never counted or shown (and cannot pay anyway).
 */
export async function tipsOf(db: Db, articleId: string, viewerId: number | null, limit = 20): Promise<TipSummary> {
  const paidTips = and(eq(orders.kind, 'tip'), eq(orders.articleId, articleId), eq(orders.status, 'paid'), eq(users.isSnapshot, false))
  const [counted] = await db.select({ n: countDistinct(orders.userId) }).from(orders).innerJoin(users, eq(users.id, orders.userId)).where(paidTips)
  const latest = max(orders.paidAt)
  // success_time has whole seconds: ties fall back to the newer order.
  const newestOrder = max(orders.id)
  const tippers = await db.select({ id: users.id, nickname: users.nickname, avatarUrl: users.avatarUrl, latest, newestOrder })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.userId))
    .where(paidTips)
    .groupBy(users.id)
    .orderBy(desc(latest), desc(newestOrder))
    .limit(limit)
  let tippedByMe = false
  if (viewerId !== null) {
    const [mine] = await db.select({ id: orders.id }).from(orders).innerJoin(users, eq(users.id, orders.userId)).where(and(paidTips, eq(orders.userId, viewerId))).limit(1)
    tippedByMe = !!mine
  }
  return { count: Number(counted?.n ?? 0), tippers: tippers.map(t => ({ nickname: t.nickname, avatarUrl: t.avatarUrl })), tippedByMe }
}
