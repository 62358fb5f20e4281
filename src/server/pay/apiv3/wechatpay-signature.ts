// Verification of what WeChat Pay signs: API responses and notifications (protocol §5.2).
// https://pay.weixin.qq.com/doc/v3/merchant/4013053249 (验证应答/回调签名)
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
export function verifyWechatpaySignature(h: WechatpayHeaders, body: string, key: PlatformKey, nowSeconds: number): SignatureCheck {
  if (!h.timestamp || !h.nonce || !h.signature || !h.serial)
    return { ok: false, reason: 'missing Wechatpay-Timestamp/Nonce/Signature/Serial header' }
  if (h.serial !== key.id)
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
