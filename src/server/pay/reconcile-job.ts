// The safety net behind notifications: periodically asks WeChat Pay about pending
// orders whose notification is overdue, records late payments and closes expired ones.
import type { PayContext } from './context.ts'
import { listStalePending } from '../db/queries/orders.ts'
import { syncOrder } from './sync-order.ts'

/** A notification normally arrives within seconds; older pending orders get asked about. */
export const STALE_AFTER_MS = 60_000

export interface ReconcileResult { checked: number, paid: number, closed: number }

export async function reconcilePending(ctx: PayContext, limit = 100): Promise<ReconcileResult> {
  const stale = await listStalePending(ctx.db, new Date(ctx.now() - STALE_AFTER_MS), limit)
  const result: ReconcileResult = { checked: stale.length, paid: 0, closed: 0 }
  // One at a time: gentle on WeChat Pay's rate limits, and nothing here is urgent.
  for (const order of stale) {
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
