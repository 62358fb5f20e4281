// AEAD_AES_256_GCM decryption of notification resources (protocol §5.3).
// https://pay.weixin.qq.com/doc/v3/merchant/4012071382 (回调报文解密)
import { createDecipheriv } from 'node:crypto'

const TAG_BYTES = 16

/**
 * key = the APIv3 key (32 ASCII bytes), IV = the `nonce` text, AAD = `associated_data`;
 * `ciphertext` is Base64 of ct‖tag, so Node needs the tag split off by hand.
 * Throws when the key, nonce, AAD or ciphertext do not authenticate.
 */
export function decryptResource(ciphertextB64: string, apiV3Key: string, nonce: string, associatedData: string): string {
  const buf = Buffer.from(ciphertextB64, 'base64')
  if (buf.length <= TAG_BYTES)
    throw new Error('ciphertext too short')
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'), { authTagLength: TAG_BYTES })
  decipher.setAAD(Buffer.from(associatedData, 'utf8'))
  decipher.setAuthTag(buf.subarray(-TAG_BYTES))
  return Buffer.concat([decipher.update(buf.subarray(0, -TAG_BYTES)), decipher.final()]).toString('utf8')
}
