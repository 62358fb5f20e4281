// Merchant-side request signing for WeChat Pay APIv3 (protocol §5.1).
// https://pay.weixin.qq.com/doc/v3/merchant/4012365336 (签名生成)
import { createSign, createVerify, randomBytes } from 'node:crypto'

export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048'

/** `METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n`: five lines, the last one terminated too; BODY is "" for GET. */
export function requestSignatureMessage(method: string, canonicalUrl: string, timestamp: string, nonce: string, body: string): string {
  return `${method}\n${canonicalUrl}\n${timestamp}\n${nonce}\n${body}\n`
}

/** SHA256withRSA (PKCS#1 v1.5), Base64 without line breaks. */
export function signSha256Rsa(message: string, privateKeyPem: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKeyPem, 'base64')
}

export function verifySha256Rsa(message: string, signatureB64: string, publicKeyPem: string): boolean {
  // Anything that is not plain Base64 (e.g. a WECHATPAY/SIGNTEST/ probe) fails without reaching OpenSSL.
  if (!/^[A-Z0-9+/]+={0,2}$/i.test(signatureB64))
    return false
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKeyPem, signatureB64, 'base64')
  }
  catch {
    return false
  }
}

/** 32 upper-case hex characters, like the nonces in WeChat's own examples. */
export function newNonce(): string {
  return randomBytes(16).toString('hex').toUpperCase()
}

export interface MerchantCredentials {
  mchId: string
  certSerial: string
  privateKeyPem: string
}

export interface SignedRequest {
  method: string
  /** Path plus `?query` exactly as sent, without scheme and host. */
  canonicalUrl: string
  body: string
  timestamp: string
  nonce: string
}

/** The `Authorization` header value for one request (pair order is free; this is the official example's). */
export function authorizationHeader(m: MerchantCredentials, r: SignedRequest): string {
  const signature = signSha256Rsa(requestSignatureMessage(r.method, r.canonicalUrl, r.timestamp, r.nonce, r.body), m.privateKeyPem)
  return `${AUTH_SCHEME} mchid="${m.mchId}",nonce_str="${r.nonce}",signature="${signature}",timestamp="${r.timestamp}",serial_no="${m.certSerial}"`
}
