// Refunds (申请退款 / 查询单笔退款), keyed by out_refund_no.
// https://pay.weixin.qq.com/doc/v3/merchant/4012791862
import type { Clock } from '../clock.ts'
import type { NotifyDelivery } from './orders.ts'
import { ORDER_RETENTION_MS } from './orders.ts'
import { createSweeper, deleteWhere } from './prune.ts'

export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'CLOSED' | 'ABNORMAL'

export interface Refund {
  refundId: string
  outRefundNo: string
  outTradeNo: string
  transactionId: string
  reason?: string
  notifyUrl?: string
  refund: number
  total: number
  currency: string
  createTime: string
  successTime?: string
  status: RefundStatus
  fingerprint: string
  deliveries: NotifyDelivery[]
}

export function createRefundStore(clock: Clock) {
  const refunds = new Map<string, Refund>()
  // Kept as long as the order they belong to (./orders.ts).
  const sweep = createSweeper(clock, now => deleteWhere(refunds, r => Date.parse(r.createTime) + ORDER_RETENTION_MS <= now))
  return {
    get: (outRefundNo: string) => refunds.get(outRefundNo),
    add(r: Refund): void {
      sweep()
      refunds.set(r.outRefundNo, r)
    },
    forOrder: (outTradeNo: string) => [...refunds.values()].filter(r => r.outTradeNo === outTradeNo),
  }
}

export type RefundStore = ReturnType<typeof createRefundStore>
