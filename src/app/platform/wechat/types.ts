// The slice of jweixin 1.6 (weixin-js-sdk) the kit uses, typed as the SDK really behaves
// (protocol.md §4); tests implement it with fakes.
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html

import type { PayParams } from '@shared/schemas/orders.ts'

export interface WxResult { errMsg: string, [key: string]: unknown }

export interface WxCallbacks<R = WxResult> {
  success?: (res: R) => void
  fail?: (res: WxResult) => void
  cancel?: (res: WxResult) => void
  complete?: (res: WxResult) => void
}

export interface WxConfig {
  debug?: boolean
  appId: string
  timestamp: number
  nonceStr: string
  signature: string
  jsApiList: string[]
  openTagList?: string[]
}

export interface WxSdk {
  config: (cfg: WxConfig) => void
  ready: (fn: () => void) => void
  error: (fn: (res: WxResult) => void) => void
  updateAppMessageShareData: (args: { title: string, desc: string, link: string, imgUrl: string } & WxCallbacks) => void
  updateTimelineShareData: (args: { title: string, link: string, imgUrl: string } & WxCallbacks) => void
  /** JS parameter `timestamp` (lower-case s), sent to the client as `timeStamp` (§4.5). */
  chooseWXPay: (args: { timestamp: string, nonceStr: string, package: string, signType: string, paySign: string } & WxCallbacks) => void
  checkJsApi: (args: { jsApiList: string[] } & WxCallbacks<{ errMsg: string, checkResult: Record<string, boolean> }>) => void
  previewImage: (args: { current: string, urls: string[] } & WxCallbacks) => void
}

/** The client's bridge as far as the kit needs it (§4.8). */
export interface WeixinJSBridgeLike {
  invoke: (name: string, args: Record<string, unknown>, cb?: (res: Record<string, unknown>) => void) => void
  on: (event: string, handler: (res: Record<string, unknown>) => void) => void
}

export interface ShareData {
  title: string
  desc: string
  /** Absolute URL on a JS-safe domain. */
  link: string
  /** Absolute https URL (WeChat ignores relative ones). */
  imgUrl: string
}

/**
 * The one canonical pay payload, as the server signs it (the contract's `PayParams`, `timeStamp`
 * with a capital S). The adapter maps it to chooseWXPay's `timestamp`.
 */
export type PayPayload = PayParams

export type PayResult = 'ok' | 'cancel'
