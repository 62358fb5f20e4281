// The kit's WeChat Pay APIv3 client: signed requests, verified responses (protocol §5, §6).
// https://pay.weixin.qq.com/doc/v3/merchant/4012791897 (JSAPI下单) · 4013070356 (查询) · 4012791860 (关单)
// https://pay.weixin.qq.com/doc/v3/merchant/4012791862 (退款申请)
import type { PayConfig } from '../../config/config.ts'
import type { RefundResult, Transaction } from './types.ts'
import { authorizationHeader, newNonce } from './signing.ts'
import { verifyWechatpaySignature, wechatpayHeaders } from './wechatpay-signature.ts'

/** A failed call. status 0: WeChat Pay could not be reached or its answer could not be trusted. */
export class PayApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message)
    this.name = 'PayApiError'
  }
}

const USER_AGENT = `wechat-oa-kit/0.1 (Node.js ${process.version})`

export interface PayClientOptions {
  pay: PayConfig
  appId: string
  fetch: typeof fetch
  timeoutMs?: number
  /** Wall clock for signatures; WeChat Pay allows ±5 minutes. */
  nowSeconds?: () => number
}

export function createPayClient(o: PayClientOptions) {
  const { pay } = o
  const nowSeconds = o.nowSeconds ?? (() => Math.floor(Date.now() / 1000))

  async function call<T>(method: 'GET' | 'POST', canonicalUrl: string, payload?: object): Promise<T | null> {
    const body = payload === undefined ? '' : JSON.stringify(payload)
    const headers: Record<string, string> = {
      'Authorization': authorizationHeader(pay, { method, canonicalUrl, body, timestamp: String(nowSeconds()), nonce: newNonce() }),
      'Accept': 'application/json',
      'User-Agent': USER_AGENT,
    }
    if (method === 'POST')
      headers['Content-Type'] = 'application/json'
    let res: Response
    let text: string
    try {
      res = await o.fetch(pay.apiOrigin + canonicalUrl, { method, headers, body: method === 'POST' ? body : undefined, signal: AbortSignal.timeout(o.timeoutMs ?? 10_000), redirect: 'error' })
      text = await res.text()
    }
    catch (e) {
      throw new PayApiError(0, 'UNREACHABLE', `WeChat Pay unreachable: ${(e as Error).name}`)
    }
    if (res.status < 200 || res.status >= 300) {
      // Error bodies are read for their code only; no state changes rest on them alone.
      const err = parseJson(text) as { code?: unknown, message?: unknown } | null
      throw new PayApiError(res.status, typeof err?.code === 'string' ? err.code : 'HTTP_ERROR', typeof err?.message === 'string' ? err.message : `HTTP ${res.status}`)
    }
    const check = verifyWechatpaySignature(wechatpayHeaders(n => res.headers.get(n)), text, pay.platformKeys, nowSeconds())
    if (!check.ok)
      throw new PayApiError(0, 'UNTRUSTED_RESPONSE', `WeChat Pay response rejected: ${check.reason}`)
    if (text === '')
      return null
    const data = parseJson(text)
    if (data === null || typeof data !== 'object')
      throw new PayApiError(0, 'UNTRUSTED_RESPONSE', 'WeChat Pay response is not JSON')
    return data as T
  }

  const tradePath = (outTradeNo: string) => `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}`

  return {
    /** JSAPI下单; returns the prepay_id (valid for 2 hours). */
    async prepay(r: { description: string, outTradeNo: string, amountFen: number, openid: string, timeExpire: string }): Promise<string> {
      const res = await call<{ prepay_id?: unknown }>('POST', '/v3/pay/transactions/jsapi', {
        appid: o.appId,
        mchid: pay.mchId,
        description: r.description,
        out_trade_no: r.outTradeNo,
        time_expire: r.timeExpire,
        notify_url: pay.notifyUrl,
        amount: { total: r.amountFen, currency: 'CNY' },
        payer: { openid: r.openid },
      })
      if (typeof res?.prepay_id !== 'string' || res.prepay_id === '')
        throw new PayApiError(0, 'UNTRUSTED_RESPONSE', 'prepay answer has no prepay_id')
      return res.prepay_id
    },

    /** 查询订单 by out_trade_no (the only way for unpaid orders); null when WeChat Pay has no such order. */
    async query(outTradeNo: string): Promise<Transaction | null> {
      try {
        return await call<Transaction>('GET', `${tradePath(outTradeNo)}?mchid=${encodeURIComponent(pay.mchId)}`)
      }
      catch (e) {
        if (e instanceof PayApiError && e.status === 404 && e.code === 'ORDER_NOT_EXIST')
          return null
        throw e
      }
    },

    /** 关闭订单: 204 on success; an already-paid order fails with ORDERPAID. */
    async close(outTradeNo: string): Promise<void> {
      await call('POST', `${tradePath(outTradeNo)}/close`, { mchid: pay.mchId })
    },

    /**
     * 退款申请, full or partial (`refundFen` ≤ what remains of `totalFen`, the order's amount);
     * the same out_refund_no with the same amounts is idempotent at WeChat Pay. REFUND.*
     * notifications go to notify_url, the payment notification endpoint.
     */
    async refund(r: { outTradeNo: string, outRefundNo: string, refundFen: number, totalFen: number, reason?: string }): Promise<RefundResult> {
      const res = await call<RefundResult>('POST', '/v3/refund/domestic/refunds', {
        out_trade_no: r.outTradeNo,
        out_refund_no: r.outRefundNo,
        ...(r.reason ? { reason: r.reason } : {}),
        notify_url: pay.notifyUrl,
        amount: { refund: r.refundFen, total: r.totalFen, currency: 'CNY' },
      })
      return checkRefund(res)
    },

    /** 查询单笔退款 by out_refund_no; null when WeChat Pay has no such refund (it never arrived). */
    async queryRefund(outRefundNo: string): Promise<RefundResult | null> {
      try {
        return checkRefund(await call<RefundResult>('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`))
      }
      catch (e) {
        if (e instanceof PayApiError && e.status === 404 && e.code === 'RESOURCE_NOT_EXISTS')
          return null
        throw e
      }
    },
  }
}

export type PayClient = ReturnType<typeof createPayClient>

const REFUND_STATUSES = new Set(['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL'])

function checkRefund(res: RefundResult | null): RefundResult {
  if (!res || typeof res.status !== 'string' || !REFUND_STATUSES.has(res.status) || typeof res.out_refund_no !== 'string')
    throw new PayApiError(0, 'UNTRUSTED_RESPONSE', 'refund answer has no out_refund_no or a status the kit does not know')
  return res
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  }
  catch {
    return null
  }
}
