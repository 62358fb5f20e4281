// 消息加解密 (safe and compat mode, docs/wechat-protocol.md §10.2): AES-256-CBC with the key
// decoded from EncodingAESKey + "=", IV = the key's first 16 bytes, PKCS#7 padding to a
// multiple of 32 bytes; plaintext = 16 random bytes + 4-byte big-endian length + msg + appid.
import { createDecipheriv } from 'node:crypto'

export class DecryptError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DecryptError'
  }
}

/** 43 characters of [A-Za-z0-9] decoding to 32 bytes; null when the value cannot be one. */
export function aesKeyFrom(encodingAesKey: string): Buffer | null {
  if (!/^[A-Z0-9]{43}$/i.test(encodingAesKey))
    return null
  const key = Buffer.from(`${encodingAesKey}=`, 'base64')
  return key.length === 32 ? key : null
}

/** Opens an `Encrypt` value and checks it was sealed for `appId`; returns the inner XML. */
export function decryptMessage(key: Buffer, encrypted: string, appId: string): string {
  if (!/^[A-Z0-9+/]+={0,2}$/i.test(encrypted))
    throw new DecryptError('Encrypt is not base64')
  const data = Buffer.from(encrypted, 'base64')
  if (data.length === 0 || data.length % 16 !== 0)
    throw new DecryptError('Encrypt has a bad length')
  let plain: Buffer
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16))
    // WeChat pads to 32-byte blocks, which Node's PKCS#7 check (16-byte blocks) would refuse.
    decipher.setAutoPadding(false)
    plain = Buffer.concat([decipher.update(data), decipher.final()])
  }
  catch {
    throw new DecryptError('Encrypt does not decrypt')
  }
  const pad = plain[plain.length - 1]!
  if (pad < 1 || pad > 32 || pad > plain.length || !plain.subarray(plain.length - pad).every(b => b === pad))
    throw new DecryptError('bad padding')
  const body = plain.subarray(0, plain.length - pad)
  if (body.length < 20)
    throw new DecryptError('too short')
  const length = body.readUInt32BE(16)
  if (20 + length > body.length)
    throw new DecryptError('bad length field')
  const receiver = body.subarray(20 + length).toString('utf8')
  if (receiver !== appId)
    throw new DecryptError('sealed for another appid')
  return body.subarray(20, 20 + length).toString('utf8')
}
