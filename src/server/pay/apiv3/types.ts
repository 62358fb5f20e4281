// Shapes WeChat Pay APIv3 sends back (protocol §6.5, §6.7), only the fields the kit reads.
// https://pay.weixin.qq.com/doc/v3/merchant/4013070356 (查询订单 → Transaction)

export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR'

export interface Transaction {
  appid: string
  mchid: string
  out_trade_no: string
  transaction_id?: string
  trade_type?: string
  trade_state: TradeState
  trade_state_desc?: string
  success_time?: string
  attach?: string
  payer?: { openid?: string }
  amount?: { total?: number, payer_total?: number, currency?: string }
}

/** The envelope POSTed to notify_url; `resource` is encrypted with the APIv3 key. */
export interface NotificationEnvelope {
  id: string
  create_time?: string
  event_type: string
  resource_type?: string
  summary?: string
  resource: {
    algorithm: string
    ciphertext: string
    associated_data?: string
    nonce: string
    original_type?: string
  }
}

/** 退款申请 / 查询单笔退款 answer (fields the kit reads); https://pay.weixin.qq.com/doc/v3/merchant/4012791862 */
export interface RefundResult {
  refund_id: string
  out_refund_no: string
  out_trade_no?: string
  status: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL'
  success_time?: string
  amount?: { total?: number, refund?: number, currency?: string }
}

/**
 * The decrypted resource of a REFUND.SUCCESS / REFUND.CLOSED / REFUND.ABNORMAL notification
 * (退款结果通知; https://pay.weixin.qq.com/doc/v3/merchant/4012791865). Note `refund_status`,
 * where the refund API answers say `status`.
 */
export interface RefundNotice {
  mchid?: string
  out_trade_no?: string
  transaction_id?: string
  out_refund_no?: string
  refund_id?: string
  refund_status?: string
  success_time?: string
  amount?: { total?: number, refund?: number }
}
