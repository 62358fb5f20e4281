// The safety net behind notifications: asks WeChat Pay about pending orders whose
// notification is overdue, records late payments and closes expired ones.
// https://pay.weixin.qq.com/doc/v3/merchant/4013070356 (查询订单) · 4012791860 (关闭订单)
import type { OrderRow } from '../db/queries/orders.ts'
import type { PayContext } from './context.ts'
import { claimSync, listDuePending } from '../db/queries/orders.ts'
import { reconcileRefunds } from './refund-sync.ts'
import { syncOrder } from './sync-order.ts'

const MINUTE = 60_000
/**
 * When to ask about a pending order, counted from its creation. A notification normally
 * arrives within seconds, so early checks catch a lost one quickly; most pending orders
 * are simply abandoned, and asking about those every minute for two hours would only
 * spend WeChat Pay's rate limit. The last check is at expiry, which closes the order.
 */
export const SYNC_SCHEDULE_MS = [1, 2, 5, 10, 30, 60, 90].map(m => m * MINUTE)
/** An expired order that could not be closed (WeChat Pay down) is retried this often. */
const RETRY_EXPIRED_MS = 5 * MINUTE

/** The next scheduled check after `now`: a checkpoint of SYNC_SCHEDULE_MS, else expiry, else a retry. */
export function nextSyncAt(order: Pick<OrderRow, 'createdAt' | 'expiresAt'>, now: number): Date {
  const created = order.createdAt.getTime()
  const expires = order.expiresAt.getTime()
  const checkpoint = SYNC_SCHEDULE_MS.map(offset => created + offset).find(at => at > now && at < expires)
  return new Date(checkpoint ?? (expires > now ? expires : now + RETRY_EXPIRED_MS))
}

export interface ReconcileResult { checked: number, paid: number, closed: number }

export async function reconcilePending(ctx: PayContext, limit = 100): Promise<ReconcileResult> {
  const now = ctx.now()
  const due = await listDuePending(ctx.db, new Date(now), limit)
  const result: ReconcileResult = { checked: 0, paid: 0, closed: 0 }
  // One at a time: gentle on WeChat Pay's rate limits, and nothing here is urgent.
  for (const order of due) {
    // Claimed before asking, so instances sharing the database do not ask twice.
    if (!await claimSync(ctx.db, order, nextSyncAt(order, now)))
      continue
    result.checked++
    const after = await syncOrder(ctx, order)
    if (after.status === 'paid')
      result.paid++
    else if (after.status === 'closed')
      result.closed++
  }
  return result
}

/** Runs `reconcilePending` every `intervalMs`; never overlaps, never keeps the process alive. */
export function startReconcileJob(ctx: PayContext, intervalMs: number) {
  let running: Promise<unknown> | null = null
  const timer = setInterval(() => {
    if (running)
      return
    running = reconcilePending(ctx)
      .catch(err => ctx.log.error({ err }, 'payment reconciliation failed'))
      .then(() => reconcileRefunds(ctx))
      .catch(err => ctx.log.error({ err }, 'refund reconciliation failed'))
      .finally(() => { running = null })
  }, intervalMs)
  timer.unref()
  return {
    /** Stops the timer and waits for a run in progress, so the database is not closed under it. */
    async stop(): Promise<void> {
      clearInterval(timer)
      await running
    },
  }
}
