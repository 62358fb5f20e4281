// Consent personas of the WeChat simulator: the people a developer can "be" on the
// OAuth consent page. Pure data (no Node imports) so the browser bridge can import it too.
// openid derivation lives server-side in ./openid.ts.

/** iPhone WeChat 8.0.50 user agent (iOS SPAs sign the landing URL, protocol §3.2). */
export const IPHONE_UA
  = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800323d) NetType/WIFI Language/zh_CN'

/** Android WeChat 8.0.50 (XWEB) user agent (Android signs the current URL, protocol §3.2). */
export const ANDROID_UA
  = 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240805.005; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.188 Mobile Safari/537.36 XWEB/1260117 MMWEBSDK/20240801 MMWEBID/1234 MicroMessenger/8.0.50.2701(0x28003253) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64'

export type Device = 'ios' | 'android' | 'other'
export type PersonaKey = 'iphone' | 'android' | 'snapshot'

export interface Persona {
  key: PersonaKey
  /** Label on the consent page. */
  displayName: string
  /** What /sns/userinfo returns as nickname. */
  nickname: string
  /** Path served by the simulator; absolute URLs are built against its origin. */
  avatarPath: string
  /** Avatar background colour, used by the simulator's SVG. */
  avatarColor: string
  /** Same for every appId: unionid is per Open Platform account (protocol §1.2). */
  unionid: string
  device: Device
  userAgent: string
  /** Snapshot-mode virtual account (protocol §1.1 快照页): is_snapshotuser = 1. */
  isSnapshotUser: boolean
  description: string
}

export const PERSONAS: readonly Persona[] = [
  {
    key: 'iphone',
    displayName: 'iPhone 用户',
    nickname: '林晓',
    avatarPath: '/__sim/avatar/iphone.svg',
    avatarColor: '#10AEFF',
    unionid: 'o6_bmasdasdsad6_2sgVt7hMZiPh1',
    device: 'ios',
    userAgent: IPHONE_UA,
    isSnapshotUser: false,
    description: '在 iPhone 微信中打开页面的普通用户',
  },
  {
    key: 'android',
    displayName: 'Android 用户',
    nickname: '陈默',
    avatarPath: '/__sim/avatar/android.svg',
    avatarColor: '#07C160',
    unionid: 'o6_bmasdasdsad6_2sgVt7hMZAnd1',
    device: 'android',
    userAgent: ANDROID_UA,
    isSnapshotUser: false,
    description: '在 Android 微信中打开页面的普通用户',
  },
  {
    key: 'snapshot',
    displayName: '快照页虚拟用户',
    // WeChat shows snapshot-mode users as a virtual account (protocol §1.1).
    nickname: '微信用户',
    avatarPath: '/__sim/avatar/snapshot.svg',
    avatarColor: '#B2B2B2',
    unionid: 'o6_bmasdasdsad6_2sgVt7hMZSnap',
    device: 'android',
    userAgent: ANDROID_UA,
    isSnapshotUser: true,
    description: '朋友圈快照页中的虚拟账号（is_snapshotuser=1，JS-SDK 不可用）',
  },
]

export function personaByKey(key: string | undefined): Persona | undefined {
  return PERSONAS.find(p => p.key === key)
}

/** Device family from a user agent, with the same tests jweixin uses (protocol §4.1). */
export function deviceOf(ua: string | undefined): Device {
  const s = (ua ?? '').toLowerCase()
  if (/iphone|ipad/.test(s))
    return 'ios'
  if (s.includes('android'))
    return 'android'
  return 'other'
}

/** The persona a user agent most likely belongs to (consent page preselection). */
export function personaForUserAgent(ua: string | undefined): Persona {
  const device = deviceOf(ua)
  const key: PersonaKey = device === 'android' ? 'android' : 'iphone'
  return PERSONAS.find(p => p.key === key) ?? PERSONAS[0]!
}
