// WeChat Pay APIv3 refunds: 退款申请 and 查询单笔退款. A refund is answered PROCESSING and
// settles shortly after: SUCCESS, or CLOSED / ABNORMAL when a {"refund":…} fault asks for it
// (or stays PROCESSING until POST /__sim/refunds/:out_refund_no/settle). When it carries a
// notify_url, the outcome is sent as a REFUND.SUCCESS / REFUND.CLOSED / REFUND.ABNORMAL
// notification. A CLOSED refund gives its amount back to the order's refundable balance;
// an ABNORMAL one keeps it (the money left the merchant; 异常退款 settles it) and may still
// become SUCCESS.
// https://pay.weixin.qq.com/doc/v3/merchant/4012791862 · 4012791863 · 4012791865 (退款结果通知)
import type { FastifyPluginAsync } from 'fastify'
import type { SimPluginOptions } from '../context.ts'
import type { Refund } from '../state/refunds.ts'
import { toCstRfc3339 } from '../clock.ts'
import { parseJsonObject, rawBodyOf } from '../http/body.ts'
import { sendPayError } from '../http/pay-error.ts'
import { newNotifyId, newRefundId, randomString } from '../ids.ts'
import { checkNotifyUrl } from '../pay/notify-url.ts'
import { jsonBody } from './pay-transactions.ts'

const OUT_REFUND_NO = /^[\w\-|*@]{1,64}$/
/** Time from PROCESSING to SUCCESS, before notifyRetryScale. */
const SETTLE_MS = 1000

function refundView(r: Refund): Record<string, unknown> {
  const view: Record<string, unknown> = {
    refund_id: r.refundId,
    out_refund_no: r.outRefundNo,
    transaction_id: r.transactionId,
    out_trade_no: r.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    create_time: r.createTime,
    status: r.status,
    funds_account: 'AVAILABLE',
    amount: { total: r.total, refund: r.refund, payer_total: r.total, payer_refund: r.refund, settlement_refund: r.refund, settlement_total: r.total, discount_refund: 0, currency: r.currency, refund_fee: 0 },
    promotion_detail: [],
  }
  if (r.successTime)
    view.success_time = r.successTime
  return view
}

export const payRefundsRoutes: FastifyPluginAsync<SimPluginOptions> = async (app, { ctx }) => {
  const { orders, refunds } = ctx.state

  const SUMMARY = { SUCCESS: '退款成功', CLOSED: '退款关闭', ABNORMAL: '退款异常' } as const

  function settle(r: Refund, status: 'SUCCESS' | 'CLOSED' | 'ABNORMAL'): void {
    if (r.status === 'SUCCESS' || r.status === 'CLOSED')
      return
    r.status = status
    if (status === 'SUCCESS')
      r.successTime = toCstRfc3339(ctx.clock.now())
    if (status === 'CLOSED') {
      const order = orders.get(r.outTradeNo)
      if (order)
        order.refunded -= r.refund
    }
    if (!r.notifyUrl)
      return
    const resource: Record<string, unknown> = {
      mchid: ctx.config.mchId,
      out_trade_no: r.outTradeNo,
      transaction_id: r.transactionId,
      out_refund_no: r.outRefundNo,
      refund_id: r.refundId,
      refund_status: status,
    }
    if (r.successTime)
      resource.success_time = r.successTime
    resource.user_received_account = '支付用户零钱'
    resource.amount = { total: r.total, refund: r.refund, payer_total: r.total, payer_refund: r.refund }
    ctx.notifier.send({
      url: r.notifyUrl,
      log: r.deliveries,
      event: { id: newNotifyId(), createTime: toCstRfc3339(ctx.clock.now()), eventType: `REFUND.${status}`, summary: SUMMARY[status], originalType: 'refund', plaintext: JSON.stringify(resource), nonce: randomString(12) },
    })
  }

  app.post<{ Params: { out_refund_no: string } }>('/__sim/refunds/:out_refund_no/settle', async (request, reply) => {
    const r = refunds.get(request.params.out_refund_no)
    const parsed = parseJsonObject(rawBodyOf(request))
    const status = parsed.ok ? parsed.value.status : undefined
    if (!r)
      return reply.code(404).send({ ok: false, error: '退款单不存在' })
    if (status !== 'SUCCESS' && status !== 'CLOSED' && status !== 'ABNORMAL')
      return reply.code(400).send({ ok: false, error: 'status 须为 SUCCESS|CLOSED|ABNORMAL' })
    if (r.status === 'SUCCESS' || r.status === 'CLOSED' || (r.status === 'ABNORMAL' && status === 'ABNORMAL'))
      return reply.code(409).send({ ok: false, error: `退款已是 ${r.status}` })
    settle(r, status)
    return { ok: true, status: r.status }
  })

  app.post('/v3/refund/domestic/refunds', async (request, reply) => {
    const b = jsonBody(request, reply)
    if (!b)
      return reply
    const bad = (field: string, issue: string) => sendPayError(reply, 400, 'PARAM_ERROR', issue, { field, value: b[field.slice(1)], issue, location: 'body' })
    if (typeof b.out_refund_no !== 'string' || !OUT_REFUND_NO.test(b.out_refund_no))
      return bad('/out_refund_no', 'out_refund_no 须为 1-64 位数字、大小写字母或 _-|*@ 字符')
    const order = typeof b.transaction_id === 'string'
      ? orders.byTransactionId(b.transaction_id)
      : typeof b.out_trade_no === 'string' ? orders.get(b.out_trade_no) : undefined
    if (b.transaction_id === undefined && b.out_trade_no === undefined)
      return bad('/out_trade_no', 'transaction_id 与 out_trade_no 必须二选一')
    if (b.notify_url !== undefined && (typeof b.notify_url !== 'string' || checkNotifyUrl(b.notify_url, ctx.config.allowHttpNotifyLoopback)))
      return bad('/notify_url', typeof b.notify_url === 'string' ? checkNotifyUrl(b.notify_url, ctx.config.allowHttpNotifyLoopback)! : 'notify_url 须为字符串')
    if (b.reason !== undefined && (typeof b.reason !== 'string' || [...b.reason].length > 80))
      return bad('/reason', 'reason 须为不超过 80 个字符的字符串')
    const amount = typeof b.amount === 'object' && b.amount !== null ? b.amount as Record<string, unknown> : undefined
    const isFen = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0
    if (!amount || !isFen(amount.refund))
      return bad('/amount', 'amount.refund 须为大于 0 的整数（单位：分）')
    if (!isFen(amount.total))
      return bad('/amount', 'amount.total 须为大于 0 的整数（单位：分）')
    if (amount.currency !== 'CNY')
      return bad('/amount', 'amount.currency 须为 CNY')
    if (!order)
      return sendPayError(reply, 404, 'RESOURCE_NOT_EXISTS', '订单不存在')
    if (!order.transactionId || (order.state !== 'SUCCESS' && order.state !== 'REFUND'))
      return sendPayError(reply, 400, 'INVALID_REQUEST', '订单未支付，不能退款')
    if (amount.total !== order.total)
      return sendPayError(reply, 400, 'INVALID_REQUEST', '订单金额 amount.total 与原订单不一致')
    const fingerprint = JSON.stringify([order.outTradeNo, amount.refund, amount.total, b.reason ?? '', b.notify_url ?? ''])
    const existing = refunds.get(b.out_refund_no)
    if (existing) {
      if (existing.fingerprint !== fingerprint)
        return sendPayError(reply, 400, 'INVALID_REQUEST', '商户退款单号重复，且与原退款参数不一致')
      return reply.code(200).type('application/json').send(JSON.stringify(refundView(existing)))
    }
    if (order.refunded + amount.refund > order.total)
      return sendPayError(reply, 403, 'NOT_ENOUGH', '退款金额超过订单可退金额')
    const refund: Refund = {
      refundId: newRefundId(),
      outRefundNo: b.out_refund_no,
      outTradeNo: order.outTradeNo,
      transactionId: order.transactionId,
      reason: typeof b.reason === 'string' ? b.reason : undefined,
      notifyUrl: typeof b.notify_url === 'string' ? b.notify_url : undefined,
      refund: amount.refund,
      total: amount.total,
      currency: 'CNY',
      createTime: toCstRfc3339(ctx.clock.now()),
      status: 'PROCESSING',
      fingerprint,
      deliveries: [],
    }
    refunds.add(refund)
    order.refunded += refund.refund
    order.state = 'REFUND'
    const outcome = ctx.state.faults.takeRefund()
    if (outcome !== 'PROCESSING')
      ctx.timers.after(SETTLE_MS * ctx.config.notifyRetryScale, () => settle(refund, outcome ?? 'SUCCESS'))
    return reply.code(200).type('application/json').send(JSON.stringify(refundView(refund)))
  })

  app.get<{ Params: { out_refund_no: string } }>('/v3/refund/domestic/refunds/:out_refund_no', async (request, reply) => {
    const r = refunds.get(request.params.out_refund_no)
    if (!r)
      return sendPayError(reply, 404, 'RESOURCE_NOT_EXISTS', '退款单不存在')
    return reply.code(200).type('application/json').send(JSON.stringify(refundView(r)))
  })
}
