// Asking WeChat Pay about a pending order (查询订单 by out_trade_no, 关闭订单), so a lost
// notification never leaves a paying reader locked out and unpaid orders end.
// https://pay.weixin.qq.com/doc/v3/merchant/4013070356 · 4012791860
import type { Db } from '../db/database.ts'
import type { OrderRow } from '../db/queries/orders.ts'
import type { PayContext } from './context.ts'
import { findOrder, markClosed } from '../db/queries/orders.ts'
import { PayApiError } from './apiv3/client.ts'
import { applyTransaction } from './record-payment.ts'

const FINAL_UNPAID = new Set(['CLOSED', 'REVOKED', 'PAYERROR'])

/**
 * Brings a pending order up to date. A SUCCESS goes through the same idempotent
 * recording as the notification; an expired unpaid order is closed at WeChat Pay
 * first, so it can never be paid after we gave up on it. Upstream trouble leaves
 * the order as it was (the caller answers with what it knows; the job retries).
 */
export async function syncOrder(ctx: PayContext, order: OrderRow, db: Db = ctx.db): Promise<OrderRow> {
  if (order.status !== 'pending')
    return order
  try {
    const t = await ctx.client.query(order.outTradeNo)
    if (t?.trade_state === 'SUCCESS') {
      const r = await applyTransaction(db, ctx, t)
      if (r.outcome === 'mismatch' || r.outcome === 'unknown_order')
        ctx.log.error({ orderId: order.id, result: r }, 'WeChat Pay query answer does not match the order')
      return 'order' in r ? r.order : order
    }
    const expired = order.expiresAt.getTime() <= ctx.now()
    if (t === null ? expired : FINAL_UNPAID.has(t.trade_state)) {
      await markClosed(db, order.id)
    }
    else if (expired && t?.trade_state === 'NOTPAY') {
      await closeUnpaid(ctx, order, db)
    }
  }
  catch (e) {
    ctx.log.warn({ orderId: order.id, err: (e as Error).message }, 'could not sync order with WeChat Pay')
  }
  return (await findOrder(db, order.id)) ?? order
}

/**
 * Closes an unpaid order at WeChat Pay, then locally. If WeChat Pay says it was
 * paid after all (ORDERPAID), the payment is recorded instead. Returns the final
 * local status; throws PayApiError when WeChat Pay cannot tell.
 */
export async function closeUnpaid(ctx: PayContext, order: OrderRow, db: Db = ctx.db): Promise<'closed' | 'paid'> {
  try {
    await ctx.client.close(order.outTradeNo)
    await markClosed(db, order.id)
    return 'closed'
  }
  catch (e) {
    if (!(e instanceof PayApiError) || e.status === 0)
      throw e
  }
  // Close refused (already paid, or never reached WeChat Pay): ask what happened.
  const t = await ctx.client.query(order.outTradeNo)
  if (t?.trade_state === 'SUCCESS') {
    const r = await applyTransaction(db, ctx, t)
    if (r.outcome === 'recorded' || r.outcome === 'already_recorded')
      return 'paid'
    throw new PayApiError(0, 'MISMATCH', `order ${order.id} paid upstream but does not match`)
  }
  if (t === null || FINAL_UNPAID.has(t.trade_state)) {
    await markClosed(db, order.id)
    return 'closed'
  }
  throw new PayApiError(0, 'NOT_CLOSABLE', `order ${order.id} is ${t.trade_state} and could not be closed`)
}
