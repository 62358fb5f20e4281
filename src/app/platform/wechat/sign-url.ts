import type { Device } from './environment.ts'

/** Which URL the client checks a wx.config signature against. */
export type SignStrategy = 'landing' | 'current'

/** protocol.md §3.1: the signed URL never includes `#` and what follows. */
export function stripHash(url: string): string {
  const at = url.indexOf('#')
  return at < 0 ? url : url.slice(0, at)
}

/**
 * protocol.md §3.2 (community rule, Tencent/weui#580): with history routing, iOS WeChat checks
 * the signature against the landing URL (first load or last real reload), Android against the
 * current location.href.
 */
export function defaultStrategy(device: Device): SignStrategy {
  return device === 'ios' ? 'landing' : 'current'
}

export function otherStrategy(strategy: SignStrategy): SignStrategy {
  return strategy === 'landing' ? 'current' : 'landing'
}

export function urlToSign(strategy: SignStrategy, urls: { landing: string, current: string }): string {
  return stripHash(strategy === 'landing' ? urls.landing : urls.current)
}
