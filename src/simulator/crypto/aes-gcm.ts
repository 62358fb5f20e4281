// AEAD_AES_256_GCM as WeChat Pay uses it for notification resources (protocol §5.3):
// key = APIv3 key (32 ASCII bytes), IV = nonce bytes (12 chars), AAD = associated_data,
// ciphertext = base64(ct || 16-byte tag).
// https://pay.weixin.qq.com/doc/v3/merchant/4012071382
import { createCipheriv, createDecipheriv } from 'node:crypto'

export function encryptResource(plaintext: string, apiV3Key: string, nonce: string, associatedData: string): string {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'))
  cipher.setAAD(Buffer.from(associatedData, 'utf8'))
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return Buffer.concat([ct, cipher.getAuthTag()]).toString('base64')
}

export function decryptResource(ciphertext: string, apiV3Key: string, nonce: string, associatedData: string): string {
  const buf = Buffer.from(ciphertext, 'base64')
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'))
  decipher.setAAD(Buffer.from(associatedData, 'utf8'))
  decipher.setAuthTag(buf.subarray(-16))
  return Buffer.concat([decipher.update(buf.subarray(0, -16)), decipher.final()]).toString('utf8')
}
