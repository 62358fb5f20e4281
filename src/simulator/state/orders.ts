// JSAPI orders (protocol §6.1, §6.7): keyed by out_trade_no (unique per mchid),
// reachable by prepay_id (valid 2 h) and, once paid, by transaction_id.
import type { Clock } from '../clock.ts'
import { newPrepayId, newTransactionId } from '../ids.ts'
import { createSweeper, deleteWhere, EXPIRED_GRACE_MS } from './prune.ts'

export const PREPAY_TTL_MS = 7200_000
/** Orders are forgotten a year and a day after creation: refunds are accepted for a year only. */
export const ORDER_RETENTION_MS = 366 * 24 * 3600_000

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND'

/** One attempt to deliver a notification to notify_url. */
export interface NotifyDelivery {
  attempt: number
  eventType: string
  at: string
  status?: number
  error?: string
  outcome: 'delivered' | 'failed' | 'dropped'
  probe?: boolean
  durationMs: number
}

export interface OrderRequest {
  appid: string
  mchid: string
  description: string
  outTradeNo: string
  notifyUrl: string
  total: number
  currency: string
  openid: string
  attach?: string
  timeExpire?: string
  goodsTag?: string
}

export interface Order extends OrderRequest {
  createdAt: number
  prepayId: string
  prepayExpiresAt: number
  state: TradeState
  transactionId?: string
  successTime?: string
  refunded: number
  deliveries: NotifyDelivery[]
}

/** Fields whose equality makes a repeated prepay "the same order". */
export function sameOrder(a: OrderRequest, b: OrderRequest): boolean {
  const keys: (keyof OrderRequest)[] = ['appid', 'mchid', 'description', 'outTradeNo', 'notifyUrl', 'total', 'currency', 'openid', 'attach', 'timeExpire', 'goodsTag']
  return keys.every(k => a[k] === b[k])
}

export function createOrderStore(clock: Clock, makePrepayId: () => string = newPrepayId) {
  const byOutTradeNo = new Map<string, Order>()
  const byPrepayId = new Map<string, Order>()
  const byTransactionId = new Map<string, Order>()
  /** Superseded prepay_ids and when they expired: they still answer "expired" for a grace week. */
  const retired = new Map<string, number>()
  const sweep = createSweeper(clock, (now) => {
    const dead = (o: Order): boolean => o.createdAt + ORDER_RETENTION_MS <= now
    deleteWhere(byOutTradeNo, dead)
    deleteWhere(byPrepayId, dead)
    deleteWhere(byTransactionId, dead)
    for (const [id, expiredAt] of retired) {
      if (expiredAt + EXPIRED_GRACE_MS <= now) {
        retired.delete(id)
        byPrepayId.delete(id)
      }
    }
  })

  function assignPrepayId(order: Order): void {
    if (order.prepayId)
      retired.set(order.prepayId, order.prepayExpiresAt)
    order.prepayId = makePrepayId()
    order.prepayExpiresAt = clock.now() + PREPAY_TTL_MS
    byPrepayId.set(order.prepayId, order)
  }

  return {
    get: (outTradeNo: string) => byOutTradeNo.get(outTradeNo),
    byPrepayId: (id: string) => byPrepayId.get(id),
    byTransactionId: (id: string) => byTransactionId.get(id),
    create(req: OrderRequest): Order {
      sweep()
      const order: Order = { ...req, createdAt: clock.now(), prepayId: '', prepayExpiresAt: 0, state: 'NOTPAY', refunded: 0, deliveries: [] }
      assignPrepayId(order)
      byOutTradeNo.set(order.outTradeNo, order)
      return order
    },
    /** Same unpaid order again: keep its prepay_id while valid, else issue a new one. */
    renewPrepay(order: Order): void {
      if (order.prepayExpiresAt <= clock.now())
        assignPrepayId(order)
    },
    markPaid(order: Order, successTime: string): void {
      order.state = 'SUCCESS'
      order.transactionId = newTransactionId()
      order.successTime = successTime
      byTransactionId.set(order.transactionId, order)
    },
  }
}

export type OrderStore = ReturnType<typeof createOrderStore>
