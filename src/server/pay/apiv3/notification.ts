// Reading a payment notification (回调): verify the raw bytes, then decrypt the resource.
// https://pay.weixin.qq.com/doc/v3/merchant/4012791836 (支付成功回调通知)

import type { NotificationEnvelope } from './types.ts'
import type { PlatformKey, WechatpayHeaders } from './wechatpay-signature.ts'
import { decryptResource } from './aes-gcm.ts'
import { verifyWechatpaySignature } from './wechatpay-signature.ts'

export type NotificationResult
  = | { ok: true, envelope: NotificationEnvelope, resource: Record<string, unknown> }
    | { ok: false, status: 400 | 401, message: string }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Signature first, over the exact bytes received (never a re-serialised body),
 * then the AES-256-GCM resource. Nothing from an unverified body is trusted.
 */
export function openNotification(rawBody: string, headers: WechatpayHeaders, keys: readonly PlatformKey[], apiV3Key: string, nowSeconds: number): NotificationResult {
  const signature = verifyWechatpaySignature(headers, rawBody, keys, nowSeconds)
  if (!signature.ok)
    return { ok: false, status: 401, message: signature.reason }
  let envelope: unknown
  try {
    envelope = JSON.parse(rawBody)
  }
  catch {
    return { ok: false, status: 400, message: 'body is not JSON' }
  }
  if (!isObject(envelope) || typeof envelope.event_type !== 'string' || !isObject(envelope.resource))
    return { ok: false, status: 400, message: 'not a notification envelope' }
  const r = envelope.resource
  if (r.algorithm !== 'AEAD_AES_256_GCM' || typeof r.ciphertext !== 'string' || typeof r.nonce !== 'string')
    return { ok: false, status: 400, message: 'unsupported or incomplete resource' }
  let plaintext: string
  try {
    plaintext = decryptResource(r.ciphertext, apiV3Key, r.nonce, typeof r.associated_data === 'string' ? r.associated_data : '')
  }
  catch {
    return { ok: false, status: 400, message: 'resource does not decrypt with the APIv3 key' }
  }
  let resource: unknown
  try {
    resource = JSON.parse(plaintext)
  }
  catch {
    return { ok: false, status: 400, message: 'decrypted resource is not JSON' }
  }
  if (!isObject(resource))
    return { ok: false, status: 400, message: 'decrypted resource is not an object' }
  return { ok: true, envelope: envelope as unknown as NotificationEnvelope, resource }
}
