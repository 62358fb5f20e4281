// Verification of the merchant's APIv3 `Authorization` header (protocol §5.1).
// https://pay.weixin.qq.com/doc/v3/merchant/4012365336
// Message: METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n, SHA256withRSA with the merchant key.
import { createVerify } from 'node:crypto'

export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048'
const FIELDS = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'] as const
type Field = typeof FIELDS[number]
export type AuthParams = Record<Field, string>

export type ParseResult = { ok: true, params: AuthParams } | { ok: false, reason: string }

/** Parses `WECHATPAY2-SHA256-RSA2048 k="v",k="v",…`; the pair order is free (SDKs differ). */
export function parseAuthorization(header: string | undefined): ParseResult {
  if (!header)
    return { ok: false, reason: 'Authorization 头缺失' }
  const space = header.indexOf(' ')
  if (space === -1 || header.slice(0, space) !== AUTH_SCHEME)
    return { ok: false, reason: `认证类型必须是 ${AUTH_SCHEME}` }
  const rest = header.slice(space + 1)
  const pairRe = /([a-z_]+)="([^"]*)"/y
  const sepRe = /\s*,\s*/y
  const found: Partial<AuthParams> = {}
  let pos = 0
  while (pos < rest.length) {
    pairRe.lastIndex = pos
    const m = pairRe.exec(rest)
    if (!m)
      return { ok: false, reason: 'Authorization 格式错误，应为 key="value" 以逗号分隔' }
    const key = m[1] as Field
    if (!FIELDS.includes(key))
      return { ok: false, reason: `未知的认证参数 ${m[1]}` }
    if (found[key] !== undefined)
      return { ok: false, reason: `认证参数 ${key} 重复` }
    found[key] = m[2]!
    pos = pairRe.lastIndex
    sepRe.lastIndex = pos
    if (sepRe.exec(rest)) {
      pos = sepRe.lastIndex
      if (pos >= rest.length)
        return { ok: false, reason: 'Authorization 末尾多余的逗号' }
    }
    else if (pos !== rest.length) {
      return { ok: false, reason: 'Authorization 格式错误，参数之间应以逗号分隔' }
    }
  }
  for (const f of FIELDS) {
    if (!found[f])
      return { ok: false, reason: `认证参数 ${f} 缺失` }
  }
  return { ok: true, params: found as AuthParams }
}

export function requestSignatureMessage(method: string, url: string, timestamp: string, nonce: string, body: string): string {
  return `${method}\n${url}\n${timestamp}\n${nonce}\n${body}\n`
}

export function verifyRsaSha256(message: string, signatureB64: string, publicKeyPem: string): boolean {
  // Probe signatures (WECHATPAY/SIGNTEST/…) are not base64 of a real signature and must fail.
  if (!/^[A-Z0-9+/]+={0,2}$/i.test(signatureB64))
    return false
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKeyPem, signatureB64, 'base64')
  }
  catch {
    return false
  }
}

export interface MerchantAuthInput {
  header: string | undefined
  method: string
  /** Path + query exactly as sent (request line). */
  url: string
  body: string
  nowSeconds: number
  mchId: string
  merchantSerial: string
  merchantPublicKeyPem: string
}

export type MerchantAuthResult = { ok: true, params: AuthParams } | { ok: false, message: string }

/** Every check WeChat Pay applies before it reads a request; failures are 401 SIGN_ERROR. */
export function verifyMerchantRequest(i: MerchantAuthInput): MerchantAuthResult {
  const parsed = parseAuthorization(i.header)
  if (!parsed.ok)
    return { ok: false, message: parsed.reason }
  const p = parsed.params
  if (p.mchid !== i.mchId)
    return { ok: false, message: `Authorization 中的 mchid ${p.mchid} 与商户号不匹配` }
  if (p.serial_no.toUpperCase() !== i.merchantSerial.toUpperCase())
    return { ok: false, message: `商户证书序列号 ${p.serial_no} 不正确` }
  if (!/^\d{1,12}$/.test(p.timestamp))
    return { ok: false, message: 'timestamp 必须是秒级 Unix 时间戳' }
  // wechatpay-go rejects |now − ts| >= 300; the official doc says 5 minutes (§5.2).
  if (Math.abs(i.nowSeconds - Number(p.timestamp)) >= 300)
    return { ok: false, message: `请求时间戳 ${p.timestamp} 与当前时间相差超过 5 分钟` }
  const message = requestSignatureMessage(i.method, i.url, p.timestamp, p.nonce_str, i.body)
  if (!verifyRsaSha256(message, p.signature, i.merchantPublicKeyPem))
    return { ok: false, message: '签名错误，请检查待签名串（方法、URL 路径及查询串、时间戳、随机串、请求体）与商户私钥' }
  return { ok: true, params: p }
}
