// The strict reader for WeChat's pushed XML and the safe-mode decryption (src/server/wechat-events).
import { createCipheriv } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { readEvent } from '../../src/server/wechat-events/inbound-event.ts'
import { aesKeyFrom, decryptMessage } from '../../src/server/wechat-events/message-crypto.ts'
import { childText, parseWeChatXml } from '../../src/server/wechat-events/xml.ts'

// The documented popup event (订阅通知的事件推送), as WeChat shows it.
const POPUP = `<xml>
    <ToUserName><![CDATA[gh_123456789abc]]></ToUserName>
    <FromUserName><![CDATA[otFpruAK8D-E6EfStSYonYSBZ8_4]]></FromUserName>
    <CreateTime>1610969440</CreateTime>
    <MsgType><![CDATA[event]]></MsgType>
    <Event><![CDATA[subscribe_msg_popup_event]]></Event>
    <SubscribeMsgPopupEvent>
        <List>
            <TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>
            <SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString>
            <PopupScene>2</PopupScene>
        </List>
        <List>
            <TemplateId><![CDATA[9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI]]></TemplateId>
            <SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString>
            <PopupScene>2</PopupScene>
        </List>
    </SubscribeMsgPopupEvent>
</xml>`

describe('parseWeChatXml', () => {
  it('reads the documented popup event', () => {
    const read = readEvent(parseWeChatXml(POPUP))
    expect(read?.dedupeKey).toMatch(/^ev:otFpruAK8D-E6EfStSYonYSBZ8_4:1610969440:event:subscribe_msg_popup_event:[0-9a-f]{16}$/)
    expect(read).toEqual({
      dedupeKey: read?.dedupeKey,
      event: {
        kind: 'consent',
        source: 'popup',
        openid: 'otFpruAK8D-E6EfStSYonYSBZ8_4',
        at: new Date(1610969440 * 1000),
        decisions: [
          { templateId: 'VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc', status: 'accept' },
          { templateId: '9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI', status: 'reject' },
        ],
      },
    })
  })

  it('decodes the five XML entities and character references, keeps CDATA verbatim', () => {
    const x = parseWeChatXml('<?xml version="1.0" encoding="UTF-8"?><xml><A>a &lt;b&gt; &amp; &#20013;&#x6587;</A><B><![CDATA[<&>]]></B><C/></xml>')
    expect([childText(x, 'A'), childText(x, 'B'), childText(x, 'C')]).toEqual(['a <b> & 中文', '<&>', ''])
  })

  it.each([
    ['a DOCTYPE with an entity', '<!DOCTYPE xml [<!ENTITY x "y">]><xml><A>&x;</A></xml>'],
    ['an external entity', '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><A>&x;</A></xml>'],
    ['an undeclared named entity', '<xml><A>&x;</A></xml>'],
    ['a bare ampersand', '<xml><A>a & b</A></xml>'],
    ['a NUL character reference', '<xml><A>&#0;</A></xml>'],
    ['a comment', '<xml><!-- hi --><A>1</A></xml>'],
    ['a processing instruction', '<xml><?php x ?></xml>'],
    ['attributes', '<xml><A b="1">x</A></xml>'],
    ['another root', '<root><A>1</A></root>'],
    ['two roots', '<xml></xml><xml></xml>'],
    ['text after the root', '<xml></xml>junk'],
    ['an unclosed element', '<xml><A>1</xml>'],
    ['an unterminated CDATA', '<xml><A><![CDATA[x</A></xml>'],
    ['deep nesting', `<xml>${'<a>'.repeat(20)}${'</a>'.repeat(20)}</xml>`],
    ['too many elements', `<xml>${'<a/>'.repeat(2000)}</xml>`],
    ['an oversize document', `<xml><A>${'x'.repeat(70_000)}</A></xml>`],
    ['nothing', ''],
  ])('refuses %s', (_name, xml) => {
    expect(() => parseWeChatXml(xml)).toThrow()
  })
})

describe('decryptMessage', () => {
  const encodingAesKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
  const key = aesKeyFrom(encodingAesKey)!
  const seal = (plain: Buffer, pad: number) => {
    const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
    c.setAutoPadding(false)
    return Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), c.final()]).toString('base64')
  }
  const frame = (msg: string, appId: string) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(Buffer.byteLength(msg))
    return Buffer.concat([Buffer.alloc(16, 7), len, Buffer.from(msg), Buffer.from(appId)])
  }

  it('validates EncodingAESKey', () => {
    expect(aesKeyFrom('short')).toBeNull()
    expect(aesKeyFrom(`${encodingAesKey.slice(0, 42)}+`)).toBeNull()
    expect(key).toHaveLength(32)
  })

  it('opens a 32-byte-padded message for the right appid only, and refuses bad padding', () => {
    const plain = frame('<xml/>', 'wx0123456789abcdef')
    const sealed = seal(plain, 32 - (plain.length % 32))
    expect(decryptMessage(key, sealed, 'wx0123456789abcdef')).toBe('<xml/>')
    expect(() => decryptMessage(key, sealed, 'wxffffffffffffffff')).toThrow('another appid')
    expect(() => decryptMessage(key, seal(plain, 0 + (32 - (plain.length % 32))).slice(0, 10), 'wx0123456789abcdef')).toThrow()
    expect(() => decryptMessage(key, 'not base64!', 'wx0123456789abcdef')).toThrow()
  })
})
