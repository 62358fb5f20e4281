// What the kit reads from a pushed message (docs/wechat-protocol.md §10.3, §10.4).
import type { XmlElement } from './xml.ts'
import { createHash } from 'node:crypto'
import { childText } from './xml.ts'

export interface ConsentDecision {
  templateId: string
  /** accept / reject from the popup; the management page (change event) only sends reject. */
  status: 'accept' | 'reject'
}

export type InboundEvent
  = | { kind: 'follow' | 'unfollow', openid: string, at: Date }
    | { kind: 'consent', source: 'popup' | 'change', openid: string, at: Date, decisions: ConsentDecision[] }
    | { kind: 'sent', openid: string, at: Date }
    | { kind: 'other', openid: string, at: Date }

export interface ReadEvent {
  /** Unique per push, the same for WeChat's retries of it: MsgId, or sender + time + event. */
  dedupeKey: string
  event: InboundEvent
}

const OPENID = /^[\w-]{1,64}$/
const TEMPLATE_ID = /^[\w-]{1,128}$/

/** Null when the message lacks what every push carries (sender, time, type). */
export function readEvent(xml: XmlElement): ReadEvent | null {
  const openid = childText(xml, 'FromUserName')?.trim() ?? ''
  const createTime = childText(xml, 'CreateTime')?.trim() ?? ''
  const msgType = childText(xml, 'MsgType')?.trim() ?? ''
  if (!OPENID.test(openid) || !/^\d{1,12}$/.test(createTime) || !/^\w{1,32}$/.test(msgType))
    return null
  const at = new Date(Number(createTime) * 1000)
  const msgId = childText(xml, 'MsgId')?.trim()
  const name = msgType === 'event' ? (childText(xml, 'Event')?.trim() ?? '') : ''
  const event = classify(xml, name, openid, at)
  // WeChat's rule is sender + CreateTime; two different consent answers within one second
  // (two tags) must not collapse into one, so their content joins the key. Retries are identical.
  const content = event.kind === 'consent' ? `:${createHash('sha1').update(JSON.stringify(event.decisions)).digest('hex').slice(0, 16)}` : ''
  const dedupeKey = msgId && /^\d{1,32}$/.test(msgId)
    ? `msg:${msgId}`
    : `ev:${openid}:${createTime}:${msgType}:${name.slice(0, 64)}${content}`
  return { dedupeKey, event }
}

function classify(xml: XmlElement, name: string, openid: string, at: Date): InboundEvent {
  switch (name) {
    case 'subscribe': return { kind: 'follow', openid, at }
    case 'unsubscribe': return { kind: 'unfollow', openid, at }
    case 'subscribe_msg_popup_event':
      return { kind: 'consent', source: 'popup', openid, at, decisions: decisionsIn(xml, 'SubscribeMsgPopupEvent') }
    case 'subscribe_msg_change_event':
      return { kind: 'consent', source: 'change', openid, at, decisions: decisionsIn(xml, 'SubscribeMsgChangeEvent') }
    case 'subscribe_msg_sent_event': return { kind: 'sent', openid, at }
    default: return { kind: 'other', openid, at }
  }
}

/** Each `<List>` under the wrapper; entries with an unknown status or odd template id are skipped. */
function decisionsIn(xml: XmlElement, wrapper: string): ConsentDecision[] {
  // Documented under the wrapper; a List straight under the root is read too (reported for single answers).
  const holder = xml.children.find(c => c.name === wrapper) ?? xml
  const lists = holder.children.filter(c => c.name === 'List')
  const out: ConsentDecision[] = []
  for (const list of lists) {
    const templateId = childText(list, 'TemplateId')?.trim() ?? ''
    const status = childText(list, 'SubscribeStatusString')?.trim()
    if (TEMPLATE_ID.test(templateId) && (status === 'accept' || status === 'reject'))
      out.push({ templateId, status })
  }
  return out
}
