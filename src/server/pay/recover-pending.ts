// Finding a payment whose notification was lost, without the client's help: when a
// signed-in reader looks at something they may have just paid for, their payable
// orders are asked about (查询订单 by out_trade_no, through sync-order.ts).
// https://pay.weixin.qq.com/doc/v3/merchant/4013070356
import type { PayContext } from './context.ts'
import { listPayablePending } from '../db/queries/orders.ts'
import { syncOrder } from './sync-order.ts'

/** At most one recovery per reader this often: reloading a page does not ask WeChat Pay again. */
export const RECOVER_EVERY_MS = 10_000
/** The reader's request waits this long at most; a slow WeChat Pay is finished with in the background. */
const WAIT_MS = 1_500
/** Readers remembered at once; beyond it the oldest are forgotten (at worst they are asked about early). */
const MAX_TRACKED = 10_000

export function createPendingRecovery(ctx: PayContext) {
  // userId → until when it is not asked about again. Entries are appended with the same
  // window, so the oldest come first and pruning stops at the first live one.
  const recent = new Map<number, number>()
  const inflight = new Set<Promise<boolean>>()

  function claim(userId: number, now: number): boolean {
    for (const [id, until] of recent) {
      if (until > now && recent.size < MAX_TRACKED)
        break
      recent.delete(id)
    }
    if ((recent.get(userId) ?? 0) > now)
      return false
    recent.delete(userId) // re-appended, so the map stays in expiry order
    recent.set(userId, now + RECOVER_EVERY_MS)
    return true
  }

  async function syncAll(userId: number, now: number): Promise<boolean> {
    let paid = false
    for (const order of await listPayablePending(ctx.db, userId, new Date(now))) {
      // syncOrder never throws for WeChat Pay trouble: the order just stays pending.
      if ((await syncOrder(ctx, order)).status === 'paid')
        paid = true
    }
    return paid
  }

  return {
    /** True when an order of this reader turned out paid (their entitlements changed). Never throws. */
    async recover(userId: number): Promise<boolean> {
      const now = ctx.now()
      if (!claim(userId, now))
        return false
      const work = syncAll(userId, now).catch((err: unknown) => {
        ctx.log.warn({ userId, err: (err as Error).message }, 'could not recover pending orders')
        return false
      })
      inflight.add(work)
      void work.finally(() => inflight.delete(work))
      let timer: NodeJS.Timeout | undefined
      const gaveUp = new Promise<false>((resolve) => {
        timer = setTimeout(resolve, WAIT_MS, false)
      })
      try {
        return await Promise.race([work, gaveUp])
      }
      finally {
        clearTimeout(timer)
      }
    },
    /** Waits for recoveries still running, so the database is not closed under them. */
    async drain(): Promise<void> {
      await Promise.allSettled([...inflight])
    },
  }
}
