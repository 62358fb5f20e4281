// Applying a Transaction that WeChat Pay vouched for (a verified notification or a
// verified query answer): the single, idempotent way an order becomes paid.
// https://pay.weixin.qq.com/doc/v3/merchant/4012791836 (支付成功回调) · 4013070356 (查询订单)
import type { Db } from '../db/database.ts'
import type { OrderRow } from '../db/queries/orders.ts'
import type { Transaction } from './apiv3/types.ts'
import type { PayContext } from './context.ts'
import { recordServerEventSafely } from '../analytics/server-events.ts'
import { grantForOrder } from '../db/queries/entitlements.ts'
import { findOrder, findOrderByOutTradeNo, markPaid, openidOfOrder } from '../db/queries/orders.ts'

export type ApplyResult
  = | { outcome: 'recorded' | 'already_recorded', order: OrderRow }
    | { outcome: 'not_paid', order: OrderRow }
    | { outcome: 'unknown_order' }
    | { outcome: 'mismatch', reason: string }

/**
 * Checks that the transaction is ours and for this order (mchid, appid,
 * out_trade_no, amount and currency, payer) before recording it. `db` may be a
 * transaction handle.
 */
export async function applyTransaction(db: Db, ctx: PayContext, t: Transaction): Promise<ApplyResult> {
  if (t.mchid !== ctx.pay.mchId)
    return { outcome: 'mismatch', reason: `mchid ${String(t.mchid)} is not ours` }
  if (t.appid !== ctx.appId)
    return { outcome: 'mismatch', reason: `appid ${String(t.appid)} is not ours` }
  if (typeof t.out_trade_no !== 'string')
    return { outcome: 'mismatch', reason: 'no out_trade_no' }
  const order = await findOrderByOutTradeNo(db, t.out_trade_no)
  if (!order)
    return { outcome: 'unknown_order' }
  if (t.amount?.total !== order.amountFen)
    return { outcome: 'mismatch', reason: `amount ${String(t.amount?.total)} ≠ order ${order.amountFen} fen` }
  if (t.trade_state !== 'SUCCESS')
    return { outcome: 'not_paid', order }
  // Prices are fen of CNY; a payment in anything else is not what the order asked for.
  if (t.amount?.currency !== 'CNY')
    return { outcome: 'mismatch', reason: `currency ${String(t.amount?.currency)} is not CNY` }
  // The payer must be the reader who placed the order: the grant goes to that reader.
  if (t.payer?.openid !== await openidOfOrder(db, order))
    return { outcome: 'mismatch', reason: `payer ${String(t.payer?.openid)} did not place order ${order.id}` }
  if (typeof t.transaction_id !== 'string' || t.transaction_id === '')
    return { outcome: 'mismatch', reason: 'SUCCESS without transaction_id' }
  const successAt = t.success_time ? Date.parse(t.success_time) : Number.NaN
  return recordPayment(db, order.id, t.transaction_id, new Date(Number.isNaN(successAt) ? ctx.now() : successAt), new Date(ctx.now()))
}

/**
 * One database transaction: mark the order paid (only if it is not already) and
 * grant its entitlement. Duplicate and concurrent calls find the order already
 * paid and change nothing.
 */
export async function recordPayment(db: Db, orderId: number, transactionId: string, paidAt: Date, now: Date): Promise<ApplyResult> {
  return db.transaction(async (tx) => {
    const paid = await markPaid(tx, orderId, transactionId, paidAt)
    if (!paid)
      return { outcome: 'already_recorded', order: (await findOrder(tx, orderId))! }
    await grantForOrder(tx, paid, now)
    // In the same transaction: the payment is counted exactly once, when it is recorded.
    await recordServerEventSafely(tx, { type: 'paid', userId: paid.userId, articleId: paid.articleId, productId: paid.productId, productKind: paid.kind, amountFen: paid.amountFen, details: { orderId: paid.id }, at: now.getTime() })
    return { outcome: 'recorded', order: paid }
  })
}
