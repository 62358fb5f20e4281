// Signing as the WeChat Pay platform: responses and notifications carry
// Wechatpay-Timestamp/Nonce/Signature/Serial over "TS\nNONCE\nBODY\n" (protocol §5.2).
// https://pay.weixin.qq.com/doc/v3/merchant/4013053249
import { createSign, randomBytes } from 'node:crypto'
import { newNonce } from '../ids.ts'

export const SIGNTEST_PREFIX = 'WECHATPAY/SIGNTEST/'

export function signRsaSha256(message: string, privateKeyPem: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKeyPem, 'base64')
}

export function responseSignatureMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`
}

export interface PlatformSignatureHeaders {
  'Wechatpay-Timestamp': string
  'Wechatpay-Nonce': string
  'Wechatpay-Signature': string
  'Wechatpay-Serial': string
}

/**
 * Headers for a body signed by the platform key. With `probe`, the signature is a
 * WECHATPAY/SIGNTEST/ probe that a correct merchant must reject (§5.2).
 */
export function platformSignatureHeaders(o: {
  body: string
  nowSeconds: number
  privateKeyPem: string
  serial: string
  probe?: boolean
  nonce?: string
}): PlatformSignatureHeaders {
  const timestamp = String(o.nowSeconds)
  const nonce = o.nonce ?? newNonce()
  const signature = o.probe
    ? `${SIGNTEST_PREFIX}${randomBytes(192).toString('base64')}`
    : signRsaSha256(responseSignatureMessage(timestamp, nonce, o.body), o.privateKeyPem)
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': signature,
    'Wechatpay-Serial': o.serial,
  }
}
