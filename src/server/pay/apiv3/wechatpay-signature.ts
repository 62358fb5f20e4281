// Verification of what WeChat Pay signs: API responses and notifications (protocol §5.2).
// https://pay.weixin.qq.com/doc/v3/merchant/4013053249 (验证应答/回调签名) · 4012154180 (平台证书切换微信支付公钥)
import { verifySha256Rsa } from './signing.ts'

/** WeChat Pay sends probe signatures with this prefix on purpose; they must never verify. */
export const SIGNTEST_PREFIX = 'WECHATPAY/SIGNTEST/'
/** The doc recommends rejecting timestamps more than 5 minutes away from our clock. */
export const MAX_SKEW_SECONDS = 300

export interface WechatpayHeaders {
  timestamp?: string
  nonce?: string
  signature?: string
  serial?: string
}

export interface PlatformKey {
  /** `PUB_KEY_ID_…` (微信支付公钥) or a platform certificate serial: must equal Wechatpay-Serial. */
  id: string
  publicKeyPem: string
}

const PUB_KEY_ID_PREFIX = 'PUB_KEY_ID_'

/**
 * The key Wechatpay-Serial names. While a merchant moves from platform certificates
 * to 微信支付公钥, WeChat Pay signs with either, so several keys may be configured.
 * A public-key id must match exactly; a certificate serial is hex, whose case varies
 * between the console, the certificate and the header.
 */
export function selectPlatformKey(keys: readonly PlatformKey[], serial: string): PlatformKey | undefined {
  return keys.find(k => k.id.startsWith(PUB_KEY_ID_PREFIX)
    ? k.id === serial
    : /^[0-9A-F]+$/i.test(serial) && k.id.toUpperCase() === serial.toUpperCase())
}

export type SignatureCheck = { ok: true } | { ok: false, reason: string }

/** Reads the four Wechatpay-* headers from a Node or Fetch header bag. */
export function wechatpayHeaders(get: (name: string) => string | null | undefined): WechatpayHeaders {
  const one = (name: string) => get(name) ?? undefined
  return {
    timestamp: one('wechatpay-timestamp'),
    nonce: one('wechatpay-nonce'),
    signature: one('wechatpay-signature'),
    serial: one('wechatpay-serial'),
  }
}

/**
 * Checks `TIMESTAMP\nNONCE\nBODY\n` (BODY = the raw bytes received, "" for 204)
 * against the platform key whose id matches Wechatpay-Serial.
 */
export function verifyWechatpaySignature(h: WechatpayHeaders, body: string, keys: readonly PlatformKey[], nowSeconds: number): SignatureCheck {
  if (!h.timestamp || !h.nonce || !h.signature || !h.serial)
    return { ok: false, reason: 'missing Wechatpay-Timestamp/Nonce/Signature/Serial header' }
  const key = selectPlatformKey(keys, h.serial)
  if (!key)
    return { ok: false, reason: `unknown Wechatpay-Serial ${h.serial.slice(0, 64)}` }
  if (h.signature.startsWith(SIGNTEST_PREFIX))
    return { ok: false, reason: 'signature probe (WECHATPAY/SIGNTEST/) rejected' }
  if (!/^\d{1,12}$/.test(h.timestamp) || Math.abs(nowSeconds - Number(h.timestamp)) > MAX_SKEW_SECONDS)
    return { ok: false, reason: 'Wechatpay-Timestamp is more than 5 minutes away from our clock' }
  const message = `${h.timestamp}\n${h.nonce}\n${body}\n`
  return verifySha256Rsa(message, h.signature, key.publicKeyPem)
    ? { ok: true }
    : { ok: false, reason: 'Wechatpay-Signature does not verify' }
}
