// Notification body: an encrypted resource wrapped in an event (protocol §6.5).
// https://pay.weixin.qq.com/doc/v3/merchant/4012791836
import { encryptResource } from '../crypto/aes-gcm.ts'

export interface NotifyEvent {
  id: string
  createTime: string
  eventType: 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS' | 'REFUND.CLOSED' | 'REFUND.ABNORMAL'
  summary: string
  /** `transaction` or `refund`; used as original_type and associated_data. */
  originalType: 'transaction' | 'refund'
  plaintext: string
  /** 12 characters: the AES-GCM IV. */
  nonce: string
}

/** The JSON text POSTed to notify_url (key order as in the §6.6 vector). */
export function notifyBody(e: NotifyEvent, apiV3Key: string): string {
  return JSON.stringify({
    id: e.id,
    create_time: e.createTime,
    resource_type: 'encrypt-resource',
    event_type: e.eventType,
    summary: e.summary,
    resource: {
      original_type: e.originalType,
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: encryptResource(e.plaintext, apiV3Key, e.nonce, e.originalType),
      associated_data: e.originalType,
      nonce: e.nonce,
    },
  })
}
