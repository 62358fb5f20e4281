// Makes the page look like it runs inside WeChat's web view.
// weixin-js-sdk reads navigator.userAgent/platform once, when it is evaluated (protocol.md §4.1),
// so this must run before any page script: an init script or the first <script> in <head>.
import type { Device } from './types'
import { ANDROID_UA, IPHONE_UA } from '../personas'

export const PERSONA_UA: Readonly<Record<Device, string>> = { ios: IPHONE_UA, android: ANDROID_UA }

/** What the web views report besides the UA (WKWebView on iPhone, XWEB on Android). */
const PLATFORM: Readonly<Record<Device, string>> = { ios: 'iPhone', android: 'Linux armv8l' }
const VENDOR: Readonly<Record<Device, string>> = { ios: 'Apple Computer, Inc.', android: 'Google Inc.' }

/**
 * True when the page really is inside WeChat, where the emulator must stay out of the way.
 * A MicroMessenger UA counts as simulated when it carries the `wxsim` marker or is exactly one
 * of our persona UAs (a test harness may set the browser context's UA to one of them).
 */
export function isRealWeChat(win: Window): boolean {
  if ('WeixinJSBridge' in win && (win as { WeixinJSBridge?: unknown }).WeixinJSBridge)
    return true
  const ua = win.navigator.userAgent
  if (!/micromessenger/i.test(ua))
    return false
  return !/wxsim/i.test(ua) && ua !== IPHONE_UA && ua !== ANDROID_UA
}

export function overrideUserAgent(nav: Navigator, device: Device): void {
  const ua = PERSONA_UA[device]
  define(nav, 'userAgent', ua)
  define(nav, 'appVersion', ua.replace(/^Mozilla\//, ''))
  // §4.1: the SDK also reads navigator.platform (mac/win skips its statistics report).
  define(nav, 'platform', PLATFORM[device])
  define(nav, 'vendor', VENDOR[device])
  // iOS WKWebView has no UA Client Hints; desktop Chromium's would contradict the UA.
  if (device === 'ios')
    define(nav, 'userAgentData', undefined)
}

function define(target: object, key: string, value: unknown): void {
  // On the instance, shadowing Navigator.prototype's getter; configurable so a reload-free
  // setDevice could redefine it (and so tests can inspect it).
  Object.defineProperty(target, key, { get: () => value, configurable: true, enumerable: true })
}
