import type { WeChat } from './create-wechat.ts'
import type { WeixinJSBridgeLike } from './types.ts'

type Host = Window & { WeixinJSBridge?: WeixinJSBridgeLike, __wechatKit?: unknown, __wxjs_environment?: unknown }

/** The client's bridge global, once WeChat has injected it (protocol.md §4.2). */
export function browserBridge(host: Host = window): () => WeixinJSBridgeLike | undefined {
  return () => host.WeixinJSBridge
}

/** `window.__wxjs_environment` (`'miniprogram'` in a mini-program web-view, §4.8), read when asked. */
export function browserWxjsEnvironment(host: Host = window): () => string | undefined {
  return () => typeof host.__wxjs_environment === 'string' ? host.__wxjs_environment : undefined
}

/** The page URL as it was loaded, before the router or attribution rewrite it (iOS signs it, §3.2). */
export function captureLandingUrl(host: Pick<Window, 'location'> = window): string {
  return host.location.href
}

/** `window.__wechatKit`: read-only status for the simulator's dev panel and e2e tests. */
export function exposeWeChatStatus(wechat: WeChat, host: Host = window): void {
  host.__wechatKit = {
    get status() { return { ...wechat.status } },
    get lastError() { return wechat.lastError },
  }
}
