import type { InjectionKey } from 'vue'
import type { WeChat } from './create-wechat.ts'
import { inject } from 'vue'

export { browserBridge, browserWxjsEnvironment, captureLandingUrl, exposeWeChatStatus } from './browser.ts'
export { createWeChat, JS_API_LIST, OPEN_TAG_LIST } from './create-wechat.ts'
export type { WeChat, WeChatDeps, WeChatStatus } from './create-wechat.ts'
export { detectEnvironment } from './environment.ts'
export type { Device, WeChatEnvironment } from './environment.ts'
export { NOT_IN_WECHAT, PAY_NOT_SUPPORTED, WeChatError } from './errors.ts'
export { fetchJsSdkConfig } from './jssdk.api.ts'
export { loadWeixinSdk } from './load-sdk.ts'

export const WECHAT: InjectionKey<WeChat> = Symbol('wechat')

/** The WeChat adapter provided by modules/wechat.ts. */
export function useWeChat(): WeChat {
  const wechat = inject(WECHAT)
  if (!wechat)
    throw new Error('The WeChat adapter is not provided (modules/wechat.ts)')
  return wechat
}
export { stripHash } from './sign-url.ts'
export type { PayPayload, PayResult, ShareData, WeixinJSBridgeLike, WxSdk } from './types.ts'
