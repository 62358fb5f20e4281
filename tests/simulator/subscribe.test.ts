// 服务号订阅通知 (bizsend) and the event push to the account's server URL (protocol notes §10).
import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import { createDecipheriv, createHash } from 'node:crypto'
import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SIM_SERIES_TEMPLATE } from '../../src/simulator/config.ts'
import { openidFor } from '../../src/simulator/openid.ts'
import { APPID, postJson, SECRET, startTestSimulator } from './helpers.ts'

const TOKEN = 'simTestToken123'
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const TPL = SIM_SERIES_TEMPLATE.id
const iphone = openidFor(APPID, 'iphone')
const data = { thing1: { value: '连载' }, thing2: { value: '第二篇' }, time3: { value: '2026年12月02日 10:00' } }

interface Received { query: URLSearchParams, body: string }
let sim: RunningSimulator
let received: Received[] = []
let answer = 'success'
const account = createServer((req: IncomingMessage, res) => {
  let body = ''
  req.on('data', (c: Buffer) => { body += c.toString() })
  req.on('end', () => {
    received.push({ query: new URL(req.url!, 'http://x').searchParams, body })
    res.end(answer)
  })
})
let accountUrl = ''

beforeAll(async () => {
  sim = await startTestSimulator()
  await new Promise<void>(r => account.listen(0, '127.0.0.1', r))
  accountUrl = `http://127.0.0.1:${(account.address() as AddressInfo).port}/wechat/events`
})
afterAll(async () => {
  await sim.close()
  await new Promise(r => account.close(r))
})

const token = async () => (await postJson(`${sim.origin}/cgi-bin/stable_token`, { grant_type: 'client_credential', appid: APPID, secret: SECRET })).access_token as string
const bizsend = async (body: unknown, t?: string) => postJson(`${sim.origin}/cgi-bin/message/subscribe/bizsend?access_token=${t ?? await token()}`, body)
const setServer = (mode: string) => postJson(`${sim.origin}/__sim/events/server`, { url: accountUrl, token: TOKEN, encodingAesKey: AES_KEY, mode })
interface PushRecord { delivered: boolean, attempts: unknown[] }
const follow = async (following: boolean) => (await postJson(`${sim.origin}/__sim/users/${iphone}/follow`, { following })).push as PushRecord
const decide = (decisions: Record<string, string>) => postJson(`${sim.origin}/__sim/subscribe/decide`, { openid: iphone, decisions })

// Independent of src/simulator/crypto: the documented algorithm written out again.
const sha1Sorted = (parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex')
function openEncrypt(encrypt: string): { msg: string, appId: string } {
  const key = Buffer.from(`${AES_KEY}=`, 'base64')
  const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16))
  d.setAutoPadding(false)
  const plain = Buffer.concat([d.update(Buffer.from(encrypt, 'base64')), d.final()])
  const pad = plain.at(-1)!
  expect(pad).toBeGreaterThan(0)
  expect(pad).toBeLessThanOrEqual(32)
  expect(plain.length % 32).toBe(0)
  const len = plain.readUInt32BE(16)
  return { msg: plain.subarray(20, 20 + len).toString(), appId: plain.subarray(20 + len, plain.length - pad).toString() }
}

describe('bizsend', () => {
  it('refuses a missing or unknown token, a stranger, an unknown template, data off the template, and a reader without an accept', async () => {
    const good = { touser: iphone, template_id: TPL, page: 'https://h5.example.com/articles/a', data }
    expect((await postJson(`${sim.origin}/cgi-bin/message/subscribe/bizsend`, good)).errcode).toBe(41001)
    expect((await bizsend(good, 'nope')).errcode).toBe(40001)
    expect((await bizsend({ ...good, touser: 'oSomeoneElse' })).errcode).toBe(40003)
    expect((await bizsend({ ...good, template_id: 'unknown' })).errcode).toBe(40037)
    expect((await bizsend({ ...good, data: { thing1: data.thing1 } })).errcode).toBe(47003)
    expect((await bizsend({ ...good, data: { ...data, thing9: { value: 'x' } } })).errcode).toBe(47003)
    expect((await bizsend({ ...good, data: { ...data, thing1: { value: '一'.repeat(21) } } })).errcode).toBe(47003)
    expect((await bizsend(good)).errcode).toBe(43101)
  })

  it('sends once per accept, then answers 43101; a reject clears what was left', async () => {
    await postJson(`${sim.origin}/__sim/events/server`, { url: null })
    await decide({ [TPL]: 'accept' })
    const good = { touser: iphone, template_id: TPL, page: 'https://h5.example.com/articles/a', data }
    expect((await bizsend(good)).errcode).toBe(0)
    expect((await bizsend(good)).errcode).toBe(43101)
    await decide({ [TPL]: 'accept' })
    await decide({ [TPL]: 'reject' })
    expect((await bizsend(good)).errcode).toBe(43101)
    const sent = await (await fetch(`${sim.origin}/__sim/subscribe/messages`)).json() as { messages: { touser: string, page: string }[] }
    expect(sent.messages.filter(m => m.touser === iphone)).toHaveLength(1)
  })
})

describe('event push', () => {
  it('plain mode: signature over token, timestamp and nonce; the event XML as the body', async () => {
    received = []
    await setServer('plain')
    expect((await follow(true)).delivered).toBe(true)
    const [r] = received
    expect(r!.query.get('signature')).toBe(sha1Sorted([TOKEN, r!.query.get('timestamp')!, r!.query.get('nonce')!]))
    expect(r!.query.get('openid')).toBe(iphone)
    expect(r!.body).toContain('<Event><![CDATA[subscribe]]></Event>')
    expect(r!.body).toContain(`<FromUserName><![CDATA[${iphone}]]></FromUserName>`)
  })

  it('safe mode: msg_signature over the Encrypt text, which opens to the event sealed for the appid', async () => {
    received = []
    await setServer('safe')
    await decide({ [TPL]: 'accept' })
    const [r] = received
    expect(r!.query.get('encrypt_type')).toBe('aes')
    const encrypt = /<Encrypt><!\[CDATA\[(.+)\]\]><\/Encrypt>/.exec(r!.body)![1]!
    expect(r!.body).not.toContain('FromUserName')
    expect(r!.query.get('msg_signature')).toBe(sha1Sorted([TOKEN, r!.query.get('timestamp')!, r!.query.get('nonce')!, encrypt]))
    const opened = openEncrypt(encrypt)
    expect(opened.appId).toBe(APPID)
    expect(opened.msg).toContain('<Event><![CDATA[subscribe_msg_popup_event]]></Event>')
    expect(opened.msg).toContain(`<TemplateId><![CDATA[${TPL}]]></TemplateId><SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString>`)
  })

  it('retries an answer other than "success" three times with the same message, then gives up', async () => {
    received = []
    answer = 'busy'
    await setServer('compat')
    const push = await follow(false)
    answer = 'success'
    expect(push.delivered).toBe(false)
    expect(push.attempts).toHaveLength(4)
    expect(new Set(received.map(r => r.body)).size).toBe(1)
    // Compat mode carries both the plain fields and the cipher text.
    expect(received[0]!.body).toContain('<Event><![CDATA[unsubscribe]]></Event>')
    expect(received[0]!.body).toContain('<Encrypt>')
  })
})
