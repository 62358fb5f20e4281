export type Device = 'ios' | 'android' | 'other'

export interface WeChatEnvironment {
  /** Inside the WeChat client (phone or desktop), WeCom included: the UA has MicroMessenger. */
  isWeChat: boolean
  /**
   * WeCom (企业微信, UA `wxwork`). Its UA also says MicroMessenger and it injects a
   * WeixinJSBridge, but its JS-SDK is configured for a WeCom corp (`wx.config` with the corp
   * id, or `wx.agentConfig`), not for an Official Account; OA OAuth and JSAPI pay (a pay sheet
   * for the OA appid) are not offered there either. Treated as outside WeChat.
   */
  isWeCom: boolean
  /**
   * A mini-program's `<web-view>` (UA `miniProgram`, or `window.__wxjs_environment ===
   * 'miniprogram'` once the bridge is ready, protocol.md §4.8). The page can be configured, but
   * it cannot open the OA pay sheet: a web-view pays only by sending the reader to a
   * mini-program page that calls `wx.requestPayment`.
   */
  isMiniProgram: boolean
  device: Device
  /** A phone or tablet browser (decides between a QR code and copy-link instructions). */
  isMobile: boolean
  /**
   * The Official Account JS-SDK (`wx.config`, share, OAuth) can answer here: WeChat, not WeCom.
   * Outside WeChat the SDK never calls back (protocol.md §4.2).
   */
  isSupported: boolean
  /** `chooseWXPay` can open the pay sheet: the Official Account webview only. */
  canPay: boolean
}

/**
 * Reads the environment from a user agent (the SDK itself reads it once at load, §4.1) and,
 * when known, `window.__wxjs_environment`.
 */
export function detectEnvironment(ua: string, wxjsEnvironment?: string): WeChatEnvironment {
  const isWeChat = /micromessenger/i.test(ua)
  const isWeCom = isWeChat && /wxwork/i.test(ua)
  const isMiniProgram = isWeChat && !isWeCom && (/miniprogram/i.test(ua) || wxjsEnvironment === 'miniprogram')
  const device: Device = /iphone|ipad|ipod/i.test(ua) ? 'ios' : /android/i.test(ua) ? 'android' : 'other'
  const isSupported = isWeChat && !isWeCom
  return {
    isWeChat,
    isWeCom,
    isMiniProgram,
    device,
    isMobile: device !== 'other' || /mobile/i.test(ua),
    isSupported,
    canPay: isSupported && !isMiniProgram,
  }
}
