// Order rows as the API shows them: the reader's view, and the operator's with refunds.
import type { AdminOrderView, AdminRefundView, OrderView } from '../../shared/schemas/orders.ts'
import type { OrderRow } from '../db/queries/orders.ts'
import type { RefundRow } from '../db/queries/refunds.ts'
import { refundableFen } from '../db/queries/refunds.ts'

export function orderView(o: OrderRow): OrderView {
  const view: OrderView = {
    id: o.id,
    status: o.status,
    kind: o.kind,
    productId: o.productId,
    description: o.description,
    amountFen: o.amountFen,
    createdAt: o.createdAt.toISOString(),
    expiresAt: o.expiresAt.toISOString(),
  }
  if (o.articleId !== null)
    view.articleId = o.articleId
  if (o.paidAt)
    view.paidAt = o.paidAt.toISOString()
  if (o.refundedAt)
    view.refundedAt = o.refundedAt.toISOString()
  return view
}

export function adminOrderView(o: OrderRow, refundList: RefundRow[]): AdminOrderView {
  const view: AdminOrderView = {
    ...orderView(o),
    userId: o.userId,
    outTradeNo: o.outTradeNo,
    refundedFen: o.refundedFen,
    refundableFen: o.status === 'paid' || o.status === 'refunded' ? refundableFen(o, refundList) : 0,
    refunds: refundList.map((r) => {
      const rv: AdminRefundView = { outRefundNo: r.outRefundNo, amountFen: r.amountFen, status: r.status, createdAt: r.createdAt.toISOString() }
      if (r.reason)
        rv.reason = r.reason
      if (r.succeededAt)
        rv.succeededAt = r.succeededAt.toISOString()
      return rv
    }),
  }
  if (o.transactionId)
    view.transactionId = o.transactionId
  if (o.outRefundNo)
    view.outRefundNo = o.outRefundNo
  return view
}
