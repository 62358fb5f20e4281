// The Transaction object returned by 查询订单 and carried (encrypted) by TRANSACTION.SUCCESS
// (protocol §6.5, §6.7). Key order follows the §6.6 vector so the simulator reproduces it byte for byte.
// https://pay.weixin.qq.com/doc/v3/merchant/4013070356
import type { Order, TradeState } from '../state/orders.ts'

const STATE_DESC: Record<TradeState, string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  CLOSED: '订单已关闭',
  REFUND: '订单发生过退款',
}

export function transactionView(o: Order): Record<string, unknown> {
  const paid = o.transactionId !== undefined
  if (!paid) {
    // An unpaid order has no transaction_id, trade_type, bank_type or success_time.
    return {
      mchid: o.mchid,
      appid: o.appid,
      out_trade_no: o.outTradeNo,
      trade_state: o.state,
      trade_state_desc: STATE_DESC[o.state],
      attach: o.attach ?? '',
      payer: { openid: o.openid },
      amount: { total: o.total, currency: o.currency, payer_currency: o.currency },
    }
  }
  return {
    mchid: o.mchid,
    appid: o.appid,
    out_trade_no: o.outTradeNo,
    transaction_id: o.transactionId,
    trade_type: 'JSAPI',
    trade_state: o.state,
    trade_state_desc: STATE_DESC[o.state],
    bank_type: 'OTHERS',
    attach: o.attach ?? '',
    success_time: o.successTime,
    payer: { openid: o.openid },
    amount: { total: o.total, payer_total: o.total, currency: o.currency, payer_currency: o.currency },
  }
}
