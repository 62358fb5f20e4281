// Refunds (申请退款 / 查询单笔退款), keyed by out_refund_no.
// https://pay.weixin.qq.com/doc/v3/merchant/4012791862
import type { NotifyDelivery } from './orders.ts'

export type RefundStatus = 'PROCESSING' | 'SUCCESS'

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

export function createRefundStore() {
  const refunds = new Map<string, Refund>()
  return {
    get: (outRefundNo: string) => refunds.get(outRefundNo),
    add(r: Refund): void {
      refunds.set(r.outRefundNo, r)
    },
    forOrder: (outTradeNo: string) => [...refunds.values()].filter(r => r.outTradeNo === outTradeNo),
  }
}

export type RefundStore = ReturnType<typeof createRefundStore>
