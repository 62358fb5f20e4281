// The XML WeChat pushes to the account's server URL (protocol notes §10.3, §10.4).
export type SimEvent
  = | { kind: 'subscribe' | 'unsubscribe' }
    | { kind: 'subscribe_msg_popup_event', decisions: { templateId: string, status: 'accept' | 'reject' }[], scene: 1 | 2 }
    | { kind: 'subscribe_msg_change_event', decisions: { templateId: string, status: 'reject' }[] }
    | { kind: 'subscribe_msg_sent_event', templateId: string, msgId: string, errorCode: number }

const cdata = (s: string) => `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`

export function eventXml(o: { toUser: string, fromUser: string, createTime: number, event: SimEvent }): string {
  const head = `<ToUserName>${cdata(o.toUser)}</ToUserName><FromUserName>${cdata(o.fromUser)}</FromUserName><CreateTime>${o.createTime}</CreateTime><MsgType>${cdata('event')}</MsgType><Event>${cdata(o.event.kind)}</Event>`
  const e = o.event
  switch (e.kind) {
    case 'subscribe':
      return `<xml>${head}<EventKey>${cdata('')}</EventKey></xml>`
    case 'unsubscribe':
      return `<xml>${head}</xml>`
    case 'subscribe_msg_popup_event':
      return `<xml>${head}<SubscribeMsgPopupEvent>${e.decisions.map(d => `<List><TemplateId>${cdata(d.templateId)}</TemplateId><SubscribeStatusString>${cdata(d.status)}</SubscribeStatusString><PopupScene>${e.scene}</PopupScene></List>`).join('')}</SubscribeMsgPopupEvent></xml>`
    case 'subscribe_msg_change_event':
      return `<xml>${head}<SubscribeMsgChangeEvent>${e.decisions.map(d => `<List><TemplateId>${cdata(d.templateId)}</TemplateId><SubscribeStatusString>${cdata(d.status)}</SubscribeStatusString></List>`).join('')}</SubscribeMsgChangeEvent></xml>`
    case 'subscribe_msg_sent_event':
      return `<xml>${head}<SubscribeMsgSentEvent><List><TemplateId>${cdata(e.templateId)}</TemplateId><MsgID>${e.msgId}</MsgID><ErrorCode>${e.errorCode}</ErrorCode><ErrorStatus>${cdata('success')}</ErrorStatus></List></SubscribeMsgSentEvent></xml>`
  }
}

/** Safe mode's envelope: the account sees ToUserName and Encrypt only. */
export function encryptedEnvelope(toUser: string, encrypt: string): string {
  return `<xml><ToUserName>${cdata(toUser)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>`
}
