// HTTP client for the simulator server's bridge endpoints (the "WeChat backend" the client asks).
// The fetch is captured at install so an app that patches window.fetch (mocks, interceptors)
// cannot intercept what is, in real life, the WeChat client's own traffic.
// Requests carry the simulator origin's cookies (credentials: 'include'): its wxsim_bid cookie
// tells the server this browser signed in as the snapshot persona (protocol §1.1). Where the
// browser withholds the cookie (cross-site page, blocked third-party cookies) the request still
// goes through and the browser counts as an ordinary one.
import type { FetchLike } from './types'

export interface PreverifyRequest {
  appId: string
  url: string
  timestamp: string
  nonceStr: string
  signature: string
  jsApiList: string[]
  openTagList: string[]
}

export interface PreverifyResponse {
  err_msg: string
  signedUrl?: string
  reason?: string
}

export interface PayCheckRequest {
  appId: string
  timeStamp: string
  nonceStr: string
  package: string
  signType: string
  paySign: string
  /** The page URL the client checks against the 支付授权目录 (§6.2): iOS landing, Android current (§3.2). */
  pageUrl: string
}

export interface PayOrder {
  description: string
  /** In fen. */
  total: number
  merchantName: string
  outTradeNo: string
}

export type PayCheckResponse
  = | { ok: true, order: PayOrder }
    | { ok: false, err_msg: string, reason?: string }

export interface SimClient {
  /** The phone this browser last chose on the consent page, and when (ms); null if never. */
  lastDevice: () => Promise<{ device: 'ios' | 'android', at: number } | null>
  preverify: (req: PreverifyRequest) => Promise<PreverifyResponse>
  payCheck: (req: PayCheckRequest) => Promise<PayCheckResponse>
  payConfirm: (prepayId: string) => Promise<{ ok: boolean, reason?: string }>
  /** The 订阅通知 sheet was answered: WeChat records it and pushes the popup event (§10.4). */
  subscribe: (req: SubscribeRequest) => Promise<SubscribeResponse>
}

export interface SubscribeRequest {
  persona: 'iphone' | 'android'
  decisions: Record<string, 'accept' | 'reject'>
}

export type SubscribeResponse
  = | { ok: true, subscribeDetails: Record<string, string> }
    | { ok: false, errMsg: string }

export function createSimClient(simulatorOrigin: string, fetchImpl: FetchLike): SimClient {
  const base = simulatorOrigin.replace(/\/+$/, '')

  async function post(path: string, body: unknown): Promise<unknown> {
    const res = await fetchImpl(`${base}/__sim/bridge/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'include',
    })
    const text = await res.text()
    try {
      return JSON.parse(text) as unknown
    }
    catch {
      throw new Error(`simulator ${path}: HTTP ${res.status}, not JSON`)
    }
  }

  return {
    async lastDevice() {
      const res = await fetchImpl(`${base}/__sim/bridge/device`, { credentials: 'include' })
      const json = await res.json() as unknown
      if (isRecord(json) && (json.device === 'ios' || json.device === 'android') && typeof json.at === 'number')
        return { device: json.device, at: json.at }
      return null
    },
    async preverify(req) {
      const json = await post('preverify', req)
      if (!isRecord(json) || typeof json.err_msg !== 'string')
        throw new Error('simulator preverify: malformed reply')
      return {
        err_msg: json.err_msg,
        signedUrl: typeof json.signedUrl === 'string' ? json.signedUrl : undefined,
        reason: typeof json.reason === 'string' ? json.reason : undefined,
      }
    },
    async payCheck(req) {
      const json = await post('pay/check', req)
      if (isRecord(json) && json.ok === true && isOrder(json.order))
        return { ok: true, order: json.order }
      const reason = isRecord(json) && typeof json.reason === 'string' ? json.reason : 'pay/check refused'
      return { ok: false, err_msg: 'get_brand_wcpay_request:fail', reason }
    },
    async payConfirm(prepayId) {
      const json = await post('pay/confirm', { prepayId })
      if (isRecord(json) && json.ok === true)
        return { ok: true }
      return { ok: false, reason: isRecord(json) && typeof json.reason === 'string' ? json.reason : 'pay/confirm refused' }
    },
    async subscribe(req) {
      const json = await post('subscribe', req)
      if (isRecord(json) && json.ok === true && isRecord(json.subscribeDetails))
        return { ok: true, subscribeDetails: json.subscribeDetails as Record<string, string> }
      return { ok: false, errMsg: isRecord(json) && typeof json.errMsg === 'string' ? json.errMsg : 'subscribe:fail' }
    },
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null
}

function isOrder(v: unknown): v is PayOrder {
  return isRecord(v) && typeof v.total === 'number' && typeof v.description === 'string'
    && typeof v.merchantName === 'string' && typeof v.outTradeNo === 'string'
}
