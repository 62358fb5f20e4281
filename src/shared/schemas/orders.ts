import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'
import { ProductKind } from './catalogue.ts'

/**
 * POST /api/orders, one shape for everything:
 * - membership: `{productId:"membership-monthly"}`
 * - unlock:     `{productId:"unlock-…", articleId}` (the article the product unlocks)
 * - tip:        `{productId:"tip", articleId, amountFen}` (within the tip product's min/max)
 * - series:     `{productId:"series-…"}` (every part of the series, including parts published later)
 * The price always comes from the server.
 */
export const CreateOrderBody = Type.Object({
  productId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' }),
  articleId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' })),
  amountFen: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
})
export type CreateOrderBody = Static<typeof CreateOrderBody>

/**
 * The one canonical pay-sheet payload (APIv3 JSAPI). For `WeixinJSBridge.invoke('getBrandWCPayRequest')`
 * pass it as is; for `wx.chooseWXPay` rename `timeStamp` to `timestamp` (protocol §4.5).
 */
export const PayParams = Type.Object({
  appId: Type.String(),
  timeStamp: Type.String({ description: 'Unix seconds as a string' }),
  nonceStr: Type.String(),
  package: Type.String({ description: 'prepay_id=…' }),
  signType: Type.Literal('RSA'),
  paySign: Type.String(),
})
export type PayParams = Static<typeof PayParams>

export const CreateOrderResponse = Type.Object({
  orderId: Type.Integer(),
  /** A still-payable order for the same thing was reused (double tap, reopened page). */
  reused: Type.Boolean(),
  amountFen: Type.Integer(),
  pay: PayParams,
})
export type CreateOrderResponse = Static<typeof CreateOrderResponse>

/** pending: awaiting payment · paid · closed: expired or replaced, never paid · refunded. */
export const OrderStatus = Type.Union([Type.Literal('pending'), Type.Literal('paid'), Type.Literal('closed'), Type.Literal('refunded')])
export type OrderStatus = Static<typeof OrderStatus>

export const OrderView = Type.Object({
  id: Type.Integer(),
  status: OrderStatus,
  kind: ProductKind,
  productId: Type.String(),
  articleId: Type.Optional(Type.String()),
  description: Type.String(),
  amountFen: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  /** Until then a pending order can be paid. */
  expiresAt: Type.String({ format: 'date-time' }),
  paidAt: Type.Optional(Type.String({ format: 'date-time' })),
  refundedAt: Type.Optional(Type.String({ format: 'date-time' })),
})
export type OrderView = Static<typeof OrderView>

export const OrderList = Type.Object({ orders: Type.Array(OrderView) })
export type OrderList = Static<typeof OrderList>

export const OrderParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) })
export type OrderParams = Static<typeof OrderParams>

/** WeChat Pay's refund states: PROCESSING settles into SUCCESS, CLOSED or ABNORMAL. */
export const RefundStatus = Type.Union([Type.Literal('PROCESSING'), Type.Literal('SUCCESS'), Type.Literal('CLOSED'), Type.Literal('ABNORMAL')])

export const AdminRefundView = Type.Object({
  outRefundNo: Type.String(),
  amountFen: Type.Integer(),
  status: RefundStatus,
  reason: Type.Optional(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  succeededAt: Type.Optional(Type.String({ format: 'date-time' })),
})
export type AdminRefundView = Static<typeof AdminRefundView>

/** Operators see the payment references too, and every refund with what can still be refunded. */
export const AdminOrderView = Type.Object({
  ...OrderView.properties,
  userId: Type.Integer(),
  outTradeNo: Type.String(),
  transactionId: Type.Optional(Type.String()),
  /** The refund that completed the order's refund, once fully refunded. */
  outRefundNo: Type.Optional(Type.String()),
  /** Sum of refunds that succeeded. */
  refundedFen: Type.Integer(),
  /** What a new refund may still ask for: the amount minus refunds succeeded, under way or ABNORMAL. */
  refundableFen: Type.Integer(),
  refunds: Type.Array(AdminRefundView),
})
export type AdminOrderView = Static<typeof AdminOrderView>

export const RefundBody = Type.Object({
  reason: Type.Optional(Type.String({ maxLength: 80 })),
  /** Fen to refund, at most what remains (`refundableFen`); default: all of it. */
  amountFen: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000 })),
})
export type RefundBody = Static<typeof RefundBody>
