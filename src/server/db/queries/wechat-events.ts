import type { Db } from '../database.ts'
import type { TemplateData } from '../tables/wechat-events.ts'
import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm'
import { seriesSubscriptions, subscribeMessageOutbox, users, wechatFollowers, wechatInboundEvents, wechatSubscribeConsents } from '../schema.ts'

export type OutboxRow = typeof subscribeMessageOutbox.$inferSelect
export type ConsentRow = typeof wechatSubscribeConsents.$inferSelect

/** True the first time a push is seen; WeChat's retries of it (same key) get false. */
export async function claimInbound(tx: Db, dedupeKey: string, kind: string): Promise<boolean> {
  const rows = await tx.insert(wechatInboundEvents).values({ dedupeKey, kind }).onConflictDoNothing().returning({ key: wechatInboundEvents.dedupeKey })
  return rows.length === 1
}

/** Drops dedupe keys older than `before`; the endpoint refuses timestamps that old anyway. */
export async function pruneInbound(db: Db, before: Date): Promise<void> {
  await db.delete(wechatInboundEvents).where(lt(wechatInboundEvents.receivedAt, before))
}

/** Applies a follow or unfollow unless a newer event for this openid was already applied. */
export async function applyFollow(tx: Db, openid: string, following: boolean, at: Date): Promise<void> {
  const values = { openid, following, lastEventAt: at, followedAt: following ? at : null, unfollowedAt: following ? null : at }
  await tx.insert(wechatFollowers).values(values).onConflictDoUpdate({
    target: wechatFollowers.openid,
    set: {
      following,
      lastEventAt: at,
      updatedAt: sql`now()`,
      ...(following ? { followedAt: at } : { unfollowedAt: at }),
    },
    setWhere: sql`${wechatFollowers.lastEventAt} <= ${at.toISOString()}::timestamptz`,
  })
}

export async function isFollower(db: Db, openid: string): Promise<boolean> {
  const [row] = await db.select({ following: wechatFollowers.following }).from(wechatFollowers).where(eq(wechatFollowers.openid, openid))
  return row?.following === true
}

/**
 * One decision from WeChat's push. An accept adds one message (one-time subscription); a
 * reject clears what was left. An event older than the last applied one changes nothing.
 */
export async function applyConsent(tx: Db, openid: string, templateId: string, status: 'accept' | 'reject', at: Date): Promise<void> {
  const accept = status === 'accept'
  await tx.insert(wechatSubscribeConsents).values({ openid, templateId, status, remaining: accept ? 1 : 0, lastEventAt: at }).onConflictDoUpdate({
    target: [wechatSubscribeConsents.openid, wechatSubscribeConsents.templateId],
    set: {
      status,
      // A few accepts in a row each allow one message; the cap keeps a replayed storm harmless.
      remaining: accept ? sql`LEAST(${wechatSubscribeConsents.remaining} + 1, 20)` : 0,
      lastEventAt: at,
      updatedAt: sql`now()`,
    },
    setWhere: sql`${wechatSubscribeConsents.lastEventAt} <= ${at.toISOString()}::timestamptz`,
  })
}

export async function findConsent(db: Db, openid: string, templateId: string): Promise<ConsentRow | null> {
  const [row] = await db.select().from(wechatSubscribeConsents).where(and(eq(wechatSubscribeConsents.openid, openid), eq(wechatSubscribeConsents.templateId, templateId)))
  return row ?? null
}

/** After WeChat accepted a message: one allowance used. */
export async function useConsent(db: Db, openid: string, templateId: string): Promise<void> {
  await db.update(wechatSubscribeConsents).set({
    remaining: sql`GREATEST(${wechatSubscribeConsents.remaining} - 1, 0)`,
    status: sql`CASE WHEN ${wechatSubscribeConsents.remaining} <= 1 THEN 'used' ELSE ${wechatSubscribeConsents.status} END`,
    updatedAt: sql`now()`,
  }).where(and(eq(wechatSubscribeConsents.openid, openid), eq(wechatSubscribeConsents.templateId, templateId)))
}

/** WeChat answered 43101: whatever we counted, the reader has nothing left for this template. */
export async function markConsentRefused(db: Db, openid: string, templateId: string): Promise<void> {
  await db.update(wechatSubscribeConsents).set({ remaining: 0, status: 'refused', updatedAt: sql`now()` }).where(and(eq(wechatSubscribeConsents.openid, openid), eq(wechatSubscribeConsents.templateId, templateId)))
}

export async function addSeriesInterest(db: Db, userId: number, seriesId: string, templateId: string): Promise<void> {
  await db.insert(seriesSubscriptions).values({ userId, seriesId, templateId }).onConflictDoUpdate({ target: [seriesSubscriptions.userId, seriesSubscriptions.seriesId], set: { templateId } })
}

export async function removeSeriesInterest(db: Db, userId: number, seriesId: string): Promise<void> {
  await db.delete(seriesSubscriptions).where(and(eq(seriesSubscriptions.userId, userId), eq(seriesSubscriptions.seriesId, seriesId)))
}

export async function countSeriesInterests(db: Db, userId: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(seriesSubscriptions).where(eq(seriesSubscriptions.userId, userId))
  return Number(row?.n ?? 0)
}

export interface EnqueueInput {
  articleId: string
  seriesId: string
  templateId: string
  page: string
  data: TemplateData
  now: Date
}

/**
 * One outbox row per reader who asked about this series and has a consent left for the
 * template; the unique (article, openid) makes a second emit, on any instance, add nothing.
 */
export async function enqueuePartMessages(db: Db, m: EnqueueInput): Promise<number> {
  const result = await db.execute(sql`
    INSERT INTO subscribe_message_outbox (article_id, openid, series_id, template_id, page, data, next_attempt_at)
    SELECT ${m.articleId}, u.openid, ${m.seriesId}, ${m.templateId}, ${m.page}, ${JSON.stringify(m.data)}::jsonb, ${m.now.toISOString()}::timestamptz
    FROM series_subscriptions s
    JOIN users u ON u.id = s.user_id AND NOT u.is_snapshot
    JOIN wechat_subscribe_consents c ON c.openid = u.openid AND c.template_id = ${m.templateId} AND c.remaining > 0
    WHERE s.series_id = ${m.seriesId}
    ON CONFLICT (article_id, openid) DO NOTHING`)
  return Number((result as unknown as { affectedRows?: number, rowCount?: number }).affectedRows ?? (result as unknown as { rowCount?: number }).rowCount ?? 0)
}

/**
 * Claims due rows (pending and due, or 'sending' whose claim ran out after a crash) for one
 * sender. Lock-then-update in a transaction with SKIP LOCKED: concurrent senders on any
 * instance pass over each other's rows (see comment-queue.ts for why two statements).
 */
export async function claimOutbox(tx: Db, limit: number, now: Date, claimMs: number): Promise<OutboxRow[]> {
  const due = or(
    and(eq(subscribeMessageOutbox.status, 'pending'), sql`${subscribeMessageOutbox.nextAttemptAt} <= ${now.toISOString()}::timestamptz`),
    and(eq(subscribeMessageOutbox.status, 'sending'), lt(subscribeMessageOutbox.claimedUntil, now)),
  )
  const locked = await tx.select({ id: subscribeMessageOutbox.id }).from(subscribeMessageOutbox).where(due).orderBy(asc(subscribeMessageOutbox.id)).limit(limit).for('update', { skipLocked: true })
  if (locked.length === 0)
    return []
  return tx.update(subscribeMessageOutbox)
    .set({ status: 'sending', claimedUntil: new Date(now.getTime() + claimMs), attempts: sql`${subscribeMessageOutbox.attempts} + 1` })
    .where(inArray(subscribeMessageOutbox.id, locked.map(r => r.id)))
    .returning()
}

export type OutboxOutcome
  = | { status: 'sent', at: Date }
    | { status: 'refused' | 'failed', errcode: number, error: string }
    | { status: 'pending', errcode: number, error: string, nextAttemptAt: Date }

export async function settleOutbox(db: Db, id: number, o: OutboxOutcome): Promise<void> {
  await db.update(subscribeMessageOutbox).set({
    status: o.status,
    claimedUntil: null,
    ...(o.status === 'sent' ? { sentAt: o.at, lastErrcode: null, lastError: null } : { lastErrcode: o.errcode, lastError: o.error.slice(0, 500) }),
    ...(o.status === 'pending' ? { nextAttemptAt: o.nextAttemptAt } : {}),
  }).where(eq(subscribeMessageOutbox.id, id))
}

export async function listOutbox(db: Db, articleId?: string): Promise<OutboxRow[]> {
  const q = db.select().from(subscribeMessageOutbox)
  return (articleId ? q.where(eq(subscribeMessageOutbox.articleId, articleId)) : q).orderBy(asc(subscribeMessageOutbox.id))
}

/** The openid a signed-in reader has for this account (users.openid). */
export async function openidOfUser(db: Db, userId: number): Promise<string | null> {
  const [row] = await db.select({ openid: users.openid }).from(users).where(eq(users.id, userId))
  return row?.openid ?? null
}
