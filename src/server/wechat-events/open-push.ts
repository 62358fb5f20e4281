// Checks and opens one POST from WeChat to the server URL (docs/wechat-protocol.md §10.1–10.3).
import type { XmlElement } from './xml.ts'
import { DecryptError, decryptMessage } from './message-crypto.ts'
import { signatureMatches } from './signature.ts'
import { childText, parseWeChatXml, XmlError } from './xml.ts'

/**
 * How far a push's `timestamp` may be from our clock. WeChat sets no limit, but in plain mode
 * the signature covers only token, timestamp and nonce, not the body: a window bounds how long
 * a captured URL could be replayed with another body. An hour absorbs clock skew and retries.
 */
export const TIMESTAMP_WINDOW_SECONDS = 3600

export interface PushKeys {
  token: string
  /** Safe/compat mode key, when configured. */
  aesKey: Buffer | null
  appId: string
}

export type Query = Record<string, string | undefined>
export type Opened = { ok: true, xml: XmlElement, encrypted: boolean } | { ok: false, status: 400 | 403, message: string }

/** The GET handshake (接入验证): the signature over token, timestamp and nonce. */
export function handshakeValid(keys: Pick<PushKeys, 'token'>, q: Query): boolean {
  return !!q.timestamp && !!q.nonce && signatureMatches(q.signature, [keys.token, q.timestamp, q.nonce])
}

function fresh(timestamp: string, nowSeconds: number): boolean {
  return /^\d{1,12}$/.test(timestamp) && Math.abs(nowSeconds - Number(timestamp)) <= TIMESTAMP_WINDOW_SECONDS
}

export function openPush(keys: PushKeys, q: Query, body: string, nowSeconds: number): Opened {
  if (!handshakeValid(keys, q))
    return { ok: false, status: 403, message: 'bad signature' }
  if (!fresh(q.timestamp!, nowSeconds))
    return { ok: false, status: 403, message: 'stale timestamp' }
  let outer: XmlElement
  try {
    outer = parseWeChatXml(body)
  }
  catch (e) {
    return { ok: false, status: 400, message: e instanceof XmlError ? `bad XML: ${e.message}` : 'bad XML' }
  }
  if (q.encrypt_type !== 'aes')
    return { ok: true, xml: outer, encrypted: false }
  // Safe mode (and compat mode's cipher copy): msg_signature covers the ciphertext too.
  if (!keys.aesKey)
    return { ok: false, status: 400, message: 'encrypted push but WECHAT_ENCODING_AES_KEY is not set' }
  const encrypt = childText(outer, 'Encrypt')?.trim() ?? ''
  if (!encrypt || !signatureMatches(q.msg_signature, [keys.token, q.timestamp!, q.nonce!, encrypt]))
    return { ok: false, status: 403, message: 'bad msg_signature' }
  try {
    return { ok: true, xml: parseWeChatXml(decryptMessage(keys.aesKey, encrypt, keys.appId)), encrypted: true }
  }
  catch (e) {
    if (e instanceof DecryptError || e instanceof XmlError)
      return { ok: false, status: 400, message: e.message }
    throw e
  }
}
