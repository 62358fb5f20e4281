// Operator refunds (APIv3 退款申请), full or partial, several per order.
// https://pay.weixin.qq.com/doc/v3/merchant/4012791862
import type { AuditActor } from '../audit/audit-log.ts'
import type { OrderRow } from '../db/queries/orders.ts'
import type { RefundRow } from '../db/queries/refunds.ts'
import type { PayContext } from './context.ts'
import { recordAudit } from '../audit/audit-log.ts'
import { findOrder } from '../db/queries/orders.ts'
import { applyRefundOutcome, insertRefund, listRefunds, refundableFen } from '../db/queries/refunds.ts'
import { ApiError, notFound } from '../http/api-error.ts'
import { PayApiError } from './apiv3/client.ts'
import { upstreamUnavailable } from './context.ts'
import { outcomeOf } from './refund-sync.ts'

export interface RefundRequest {
  /** Fen to refund; default: everything that remains. */
  amountFen?: number
  reason?: string
}

/**
 * Asks WeChat Pay to refund (part of) a paid order and records the refund as WeChat Pay
 * answers it. Nothing is taken back here unless the answer is SUCCESS: a PROCESSING
 * refund settles later through a REFUND.* notification or the reconciliation job's
 * query (./refund-sync.ts), and a CLOSED one frees its amount for another try.
 *
 * Runs under the order's lock (no transaction is held across the call to WeChat Pay):
 * the refund row is written, with its audit entry, before WeChat Pay is asked, so a lost
 * answer is found again by querying its out_refund_no. A request for the full remainder
 * when nothing remains is answered with the order as it is, so a repeated click never
 * refunds twice.
 */
export async function refundOrder(ctx: PayContext, orderId: number, request: RefundRequest, who: AuditActor): Promise<OrderRow> {
  return ctx.withLock(`refund:${orderId}`, async () => {
    const order = await findOrder(ctx.db, orderId)
    if (!order)
      throw notFound('Order')
    if (order.status !== 'paid' && order.status !== 'refunded')
      throw new ApiError(409, 'ORDER_NOT_PAID', `Order ${order.id} is ${order.status}; only paid orders can be refunded`)
    const previous = await listRefunds(ctx.db, order.id)
    const remaining = refundableFen(order, previous)
    if (request.amountFen === undefined && remaining === 0)
      return order
    const amountFen = request.amountFen ?? remaining
    if (amountFen > remaining)
      throw new ApiError(409, 'REFUND_EXCEEDS_REMAINING', `At most ${remaining} fen of order ${order.id} can still be refunded`)

    const outRefundNo = `${order.outTradeNo}R${previous.length + 1}`
    const row = await ctx.db.transaction(async (tx) => {
      const inserted = await insertRefund(tx, { orderId: order.id, outRefundNo, amountFen, reason: request.reason ?? null })
      await recordAudit(tx, who, { action: 'order.refund', targetType: 'order', targetId: String(order.id), details: { outRefundNo, amountFen, remainingBeforeFen: remaining, reason: request.reason ?? null } })
      return inserted
    })
    await askWeChatPay(ctx, order, row, request.reason)
    return (await findOrder(ctx.db, order.id))!
  })
}

async function askWeChatPay(ctx: PayContext, order: OrderRow, row: RefundRow, reason?: string): Promise<void> {
  let answer
  try {
    answer = await ctx.client.refund({ outTradeNo: order.outTradeNo, outRefundNo: row.outRefundNo, refundFen: row.amountFen, totalFen: order.amountFen, reason })
  }
  catch (e) {
    if (e instanceof PayApiError && e.status >= 400 && e.status < 500) {
      // Refused outright (e.g. NOT_ENOUGH balance): no refund exists, so the amount is free again.
      await applyRefundOutcome(ctx.db, row.id, { status: 'CLOSED' }, new Date(ctx.now()))
      throw new ApiError(502, 'REFUND_REJECTED', `WeChat Pay refused the refund: ${e.code} ${e.message}`)
    }
    // Unknown whether it arrived: the row stays PROCESSING and the reconciliation job asks.
    throw upstreamUnavailable(e, ctx.log, 'refund')
  }
  await applyRefundOutcome(ctx.db, row.id, outcomeOf(answer), new Date(ctx.now()))
}
