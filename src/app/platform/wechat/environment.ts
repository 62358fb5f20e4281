export type Device = 'ios' | 'android' | 'other'

export interface WeChatEnvironment {
  /** Inside the WeChat client (phone or desktop): the JS-SDK can work. */
  isWeChat: boolean
  device: Device
  /** A phone or tablet browser (decides between a QR code and copy-link instructions). */
  isMobile: boolean
  /** The JS-SDK can answer here; outside WeChat it never calls back (protocol.md §4.2). */
  isSupported: boolean
}

/** Reads the environment from a user agent (the SDK itself reads it once at load, §4.1). */
export function detectEnvironment(ua: string): WeChatEnvironment {
  const isWeChat = /micromessenger/i.test(ua)
  const device: Device = /iphone|ipad|ipod/i.test(ua) ? 'ios' : /android/i.test(ua) ? 'android' : 'other'
  return {
    isWeChat,
    device,
    isMobile: device !== 'other' || /mobile/i.test(ua),
    isSupported: isWeChat,
  }
}
