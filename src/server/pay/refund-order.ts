// Operator refunds (APIv3 退款申请) and taking back what the order granted.
// https://pay.weixin.qq.com/doc/v3/merchant/4012791862
import type { OrderRow } from '../db/queries/orders.ts'
import type { PayContext } from './context.ts'
import { revokeForOrder } from '../db/queries/entitlements.ts'
import { findOrder, markRefunded } from '../db/queries/orders.ts'
import { ApiError, notFound } from '../http/api-error.ts'
import { PayApiError } from './apiv3/client.ts'
import { upstreamUnavailable } from './context.ts'

/**
 * Refunds a paid order in full. Idempotent: out_refund_no is derived from the
 * order, so a retry after a lost answer asks WeChat Pay for the same refund
 * rather than a second one, and a refunded order is returned as it is.
 */
export async function refundOrder(ctx: PayContext, orderId: number, reason?: string): Promise<OrderRow> {
  const order = await findOrder(ctx.db, orderId)
  if (!order)
    throw notFound('Order')
  if (order.status === 'refunded')
    return order
  if (order.status !== 'paid')
    throw new ApiError(409, 'ORDER_NOT_PAID', `Order ${order.id} is ${order.status}; only paid orders can be refunded`)
  const outRefundNo = `${order.outTradeNo}R`
  let refund
  try {
    refund = await ctx.client.refund({ outTradeNo: order.outTradeNo, outRefundNo, amountFen: order.amountFen, reason })
  }
  catch (e) {
    if (e instanceof PayApiError && e.status >= 400 && e.status < 500)
      throw new ApiError(502, 'REFUND_REJECTED', `WeChat Pay refused the refund: ${e.code} ${e.message}`)
    throw upstreamUnavailable(e, ctx.log, 'refund')
  }
  // PROCESSING settles on its own; only CLOSED/ABNORMAL mean the money did not go back.
  if (refund.status !== 'SUCCESS' && refund.status !== 'PROCESSING')
    throw new ApiError(502, 'REFUND_REJECTED', `WeChat Pay refund ${refund.out_refund_no} is ${refund.status}`)
  const now = new Date(ctx.now())
  return ctx.db.transaction(async (tx) => {
    const refunded = await markRefunded(tx, order.id, { outRefundNo, refundId: refund.refund_id, at: now })
    if (refunded)
      await revokeForOrder(tx, refunded, now)
    return refunded ?? (await findOrder(tx, order.id))!
  })
}
