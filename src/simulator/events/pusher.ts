// Pushes events to the account's server URL as WeChat does (protocol notes §10): signed query
// (signature, timestamp, nonce, openid; in safe/compat mode also encrypt_type=aes and
// msg_signature), XML body, an answer expected within 5 s; a non-"success" answer or no answer
// is retried, three times at most, with the same message.
import type { Timers } from '../http/timers.ts'
import type { SimEvent } from './event-xml.ts'
import { encryptForAccount, pushSignature } from '../crypto/message-crypto.ts'
import { randomString } from '../ids.ts'
import { encryptedEnvelope, eventXml } from './event-xml.ts'

export type PushMode = 'plain' | 'compat' | 'safe'

/** 基本配置 → 服务器配置 of the simulated account. */
export interface PushTarget {
  url: string
  token: string
  encodingAesKey?: string
  mode: PushMode
}

export interface PushAttempt { attempt: number, status?: number, answer?: string, error?: string }
export interface PushRecord {
  id: number
  event: SimEvent['kind']
  openid: string
  createTime: number
  url: string
  mode: PushMode
  delivered: boolean
  attempts: PushAttempt[]
}

export const PUSH_RETRIES = 3

export function createPusher(deps: { appId: string, accountId: string, timers: Timers, timeoutMs: number, nowSeconds: () => number, wallSeconds: () => number }) {
  let target: PushTarget | null = null
  const log: PushRecord[] = []
  let nextId = 1

  /** The request WeChat would send for one event: URL with the signed query, and the body. */
  function request(t: PushTarget, openid: string, event: SimEvent, createTime: number): { url: string, body: string } {
    const xml = eventXml({ toUser: deps.accountId, fromUser: openid, createTime, event })
    // Query timestamps are wall time: the account checks them against its own clock.
    const timestamp = String(deps.wallSeconds())
    const nonce = randomString(10, '0123456789')
    const q = new URLSearchParams({ signature: pushSignature([t.token, timestamp, nonce]), timestamp, nonce, openid })
    let body = xml
    if (t.mode !== 'plain') {
      if (!t.encodingAesKey)
        throw new Error(`${t.mode} mode needs an EncodingAESKey`)
      const encrypt = encryptForAccount(t.encodingAesKey, xml, deps.appId)
      // Compat mode sends the plain fields and the cipher text side by side.
      body = t.mode === 'safe' ? encryptedEnvelope(deps.accountId, encrypt) : xml.replace(/<\/xml>$/, `<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`)
      q.set('encrypt_type', 'aes')
      q.set('msg_signature', pushSignature([t.token, timestamp, nonce, encrypt]))
    }
    const sep = t.url.includes('?') ? '&' : '?'
    return { url: `${t.url}${sep}${q}`, body }
  }

  async function attemptOnce(url: string, body: string, attempt: number): Promise<PushAttempt> {
    const entry: PushAttempt = { attempt }
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml', 'user-agent': 'Mozilla/4.0' },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(deps.timeoutMs), deps.timers.signal]),
      })
      entry.status = res.status
      entry.answer = (await res.text().catch(() => '')).slice(0, 200)
    }
    catch (err) {
      entry.error = err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${deps.timeoutMs} ms` : String(err instanceof Error ? (err.cause ?? err.message) : err)
    }
    return entry
  }

  /** Delivers one event; resolves when it was acknowledged or the retries ran out. Null without a target. */
  async function push(openid: string, event: SimEvent): Promise<PushRecord | null> {
    const t = target
    if (!t)
      return null
    const createTime = deps.nowSeconds()
    const { url, body } = request(t, openid, event, createTime)
    const record: PushRecord = { id: nextId++, event: event.kind, openid, createTime, url: t.url, mode: t.mode, delivered: false, attempts: [] }
    log.push(record)
    if (log.length > 200)
      log.splice(0, log.length - 200)
    for (let attempt = 1; attempt <= 1 + PUSH_RETRIES && !deps.timers.signal.aborted; attempt++) {
      const entry = await attemptOnce(url, body, attempt)
      record.attempts.push(entry)
      // "success" or an empty answer means received (WeChat then stops); anything else is retried.
      if (entry.status === 200 && (entry.answer === 'success' || entry.answer === '')) {
        record.delivered = true
        break
      }
    }
    return record
  }

  return {
    setTarget: (t: PushTarget | null) => { target = t },
    target: () => target,
    push,
    request,
    log: () => log.slice(),
  }
}
export type Pusher = ReturnType<typeof createPusher>
