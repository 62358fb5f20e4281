// Events the server records from its own truth (a created order, a verified payment, a
// stored ballot or quiz submission), never from what a client says. Callers pass their
// transaction handle when there is one, so the event commits or rolls back with the fact.
import type { Db } from '../db/database.ts'
import { sql } from 'drizzle-orm'
import { iso, queryRows } from './sql-rows.ts'

export type ServerEventType = 'order_created' | 'paid' | 'voted' | 'quiz_completed'

export interface ServerEvent {
  type: ServerEventType
  userId: number
  /** The post the fact belongs to: the unlocked or tipped article, the poll's or quiz's post key (`poll:<id>`). Memberships have none: see below. */
  articleId?: string | null
  /** orders: the product (a membership tier, an unlock, the tip product) and its kind. */
  productId?: string | null
  productKind?: 'membership' | 'unlock' | 'tip' | 'series' | null
  amountFen?: number | null
  /** Anything worth keeping in the raw log (order id, poll id…). */
  details?: Record<string, unknown>
  at?: number
}

/** How long after a paywall view an order is still attributed to that post. */
export const ATTRIBUTION_WINDOW_MS = 7 * 24 * 3600_000

/**
 * Records one server event and advances the funnel of the post it belongs to. A membership
 * order carries no post: it is attributed to the post whose paywall the buyer saw last
 * (within 7 days). Tips add revenue but are not funnel steps. Snapshot-mode users are ignored.
 */
export async function recordServerEvent(db: Db, event: ServerEvent): Promise<void> {
  const at = event.at ?? Date.now()
  const [user] = await queryRows<{ snapshot: boolean }>(db, sql`SELECT is_snapshot AS snapshot FROM users WHERE id = ${event.userId}::bigint`)
  if (!user || user.snapshot)
    return
  const post = event.articleId ?? await attributedPost(db, event, at)
  await db.execute(sql`INSERT INTO analytics_events (at, type, user_id, article_id, details)
    VALUES (${iso(at)}::timestamptz, ${event.type}, ${event.userId}::bigint, ${post}, ${JSON.stringify({ productId: event.productId ?? null, amountFen: event.amountFen ?? null, ...event.details })}::jsonb)`)
  if (!post)
    return
  // One row per person and post, even when they read on two devices: the one that saw the paywall last.
  const target = sql`(SELECT r.article_id, r.visitor_id FROM analytics_post_readers r JOIN visitors v ON v.id = r.visitor_id
    WHERE v.user_id = ${event.userId}::bigint AND r.article_id = ${post} AND r.first_at <= ${iso(at)}::timestamptz
    ORDER BY r.paywall_at DESC NULLS LAST, r.first_at LIMIT 1)`
  const when = sql`${iso(at)}::timestamptz`
  const funnel = event.productKind !== 'tip'
  let set
  switch (event.type) {
    case 'order_created':
      if (!funnel)
        return
      set = sql`order_at = COALESCE(order_at, ${when}), order_product_id = COALESCE(order_product_id, ${event.productId ?? null})`
      break
    case 'paid':
      set = funnel
        ? sql`paid_at = COALESCE(paid_at, ${when}), paid_product_id = COALESCE(paid_product_id, ${event.productId ?? null}), revenue_fen = revenue_fen + ${event.amountFen ?? 0}::bigint`
        : sql`revenue_fen = revenue_fen + ${event.amountFen ?? 0}::bigint`
      break
    case 'voted':
      set = sql`voted_at = COALESCE(voted_at, ${when})`
      break
    case 'quiz_completed':
      set = sql`quiz_at = COALESCE(quiz_at, ${when})`
      break
  }
  await db.execute(sql`UPDATE analytics_post_readers p SET ${set} FROM ${target} t WHERE p.article_id = t.article_id AND p.visitor_id = t.visitor_id`)
}

/** A membership order: the post whose paywall this person saw last; its payment: the post its order went to. */
async function attributedPost(db: Db, event: ServerEvent, at: number): Promise<string | null> {
  if (event.productKind !== 'membership')
    return null
  const byOrder = event.type === 'paid'
    ? sql`AND r.order_product_id = ${event.productId ?? null} ORDER BY r.order_at DESC`
    : sql`AND r.paywall_at >= ${iso(at - ATTRIBUTION_WINDOW_MS)}::timestamptz ORDER BY r.paywall_at DESC`
  const [row] = await queryRows<{ article_id: string }>(db, sql`SELECT r.article_id FROM analytics_post_readers r JOIN visitors v ON v.id = r.visitor_id
    WHERE v.user_id = ${event.userId}::bigint ${byOrder} LIMIT 1`)
  return row?.article_id ?? null
}

/**
 * The same, for callers whose own work must not fail because of analytics: inside the
 * caller's transaction it runs in a savepoint, so an analytics error rolls back only itself.
 */
export async function recordServerEventSafely(db: Db, event: ServerEvent, log?: { warn: (o: object, msg: string) => void }): Promise<void> {
  try {
    await db.transaction(tx => recordServerEvent(tx, event))
  }
  catch (err) {
    log?.warn({ err, type: event.type }, 'analytics event not recorded')
  }
}
