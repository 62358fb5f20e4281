// The account-server push signatures and 消息加解密 as WeChat applies them (protocol notes
// §10.1, §10.2). The simulator's own implementation: it never imports src/server.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

export function pushSignature(parts: string[]): string {
  return createHash('sha1').update(parts.slice().sort().join('')).digest('hex')
}

export function aesKeyOf(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64')
  if (!/^[a-z0-9]{43}$/i.test(encodingAesKey) || key.length !== 32)
    throw new Error('EncodingAESKey must be 43 letters or digits')
  return key
}

/** random(16) + length(4, big-endian) + msg + appid, PKCS#7-padded to 32-byte blocks, AES-256-CBC. */
export function encryptForAccount(encodingAesKey: string, msg: string, appId: string, random: Buffer = randomBytes(16)): string {
  const key = aesKeyOf(encodingAesKey)
  const body = Buffer.from(msg, 'utf8')
  const len = Buffer.alloc(4)
  len.writeUInt32BE(body.length)
  const plain = Buffer.concat([random, len, body, Buffer.from(appId, 'utf8')])
  const pad = 32 - (plain.length % 32)
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)])
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
  cipher.setAutoPadding(false)
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64')
}

/** The inverse, for the simulator's tests and for reading an encrypted reply. */
export function decryptFromAccount(encodingAesKey: string, encrypted: string): { msg: string, appId: string } {
  const key = aesKeyOf(encodingAesKey)
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16))
  decipher.setAutoPadding(false)
  const plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()])
  const body = plain.subarray(0, plain.length - plain[plain.length - 1]!)
  const len = body.readUInt32BE(16)
  return { msg: body.subarray(20, 20 + len).toString('utf8'), appId: body.subarray(20 + len).toString('utf8') }
}
