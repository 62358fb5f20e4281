// GET /api/orders/:id on a pending order: the SPA polls it while the pay sheet is open,
// possibly from several tabs and against several instances. WeChat Pay is asked at most
// once per ORDER_QUERY_EVERY_MS per order; in between the answer comes from the database
// (a notification may have updated it meanwhile).
import type { OrderRow } from '../db/queries/orders.ts'
import type { PayContext } from './context.ts'
import { claimStatusQuery, findOrder } from '../db/queries/orders.ts'
import { syncOrder } from './sync-order.ts'

export const ORDER_QUERY_EVERY_MS = 3_000

export function createOrderStatus(ctx: PayContext, everyMs = ORDER_QUERY_EVERY_MS) {
  // Polls of one order arriving together in this process share one claim and one query.
  const inflight = new Map<number, Promise<OrderRow>>()

  async function refresh(order: OrderRow): Promise<OrderRow> {
    if (!(await claimStatusQuery(ctx.db, order.id, everyMs)))
      return (await findOrder(ctx.db, order.id)) ?? order
    return syncOrder(ctx, order)
  }

  return {
    /** The order as WeChat Pay last told us, asking again only when the last query is old enough. */
    current(order: OrderRow): Promise<OrderRow> {
      if (order.status !== 'pending')
        return Promise.resolve(order)
      let p = inflight.get(order.id)
      if (!p) {
        p = refresh(order).finally(() => inflight.delete(order.id))
        inflight.set(order.id, p)
      }
      return p
    },
  }
}
