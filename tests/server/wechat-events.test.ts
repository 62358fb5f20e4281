// /wechat/events (handshake, plain/compat/safe pushes, duplicates, ordering), follower and
// consent records, and series update notices sent once per consenting reader through bizsend.
import type { App } from '../../src/server/app.ts'
import type { PartPublished } from '../../src/server/content/publish-hooks.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import { createCipheriv, createHash, randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { build } from '../../src/server/app.ts'
import { hashToken, newToken } from '../../src/server/auth/tokens.ts'
import { SESSION_TTL_MS } from '../../src/server/db/queries/sessions.ts'
import { applyConsent, findConsent, isFollower, listOutbox } from '../../src/server/db/queries/wechat-events.ts'
import { sessions, users, wechatInboundEvents } from '../../src/server/db/schema.ts'
import { SIM_SERIES_TEMPLATE } from '../../src/simulator/config.ts'
import { eventKeysFor } from '../../src/simulator/keys.ts'
import { crowdOpenid, openidFor } from '../../src/simulator/openid.ts'
import { ADMIN } from './helpers/followers.ts'
import { configFor, simulatorSetup, startTestSimulator } from './helpers/simulator.ts'
import { getTestDatabase, resetDatabase } from './helpers/test-database.ts'

const TPL = SIM_SERIES_TEMPLATE.id
const onPostgres = !!process.env.TEST_DATABASE_URL

let sim: RunningSimulator
let app: App
let origin: string
let keys: { token: string, encodingAesKey: string }
let appId: string

beforeAll(async () => {
  sim = await startTestSimulator()
  keys = eventKeysFor(simulatorSetup())
  appId = simulatorSetup().appId
})
afterAll(async () => {
  await app?.close()
  await sim.close()
})

async function start(o: { template?: boolean } = {}) {
  await app?.close()
  const database = await getTestDatabase()
  await resetDatabase(database)
  app = await build(configFor(sim, {
    wechatEvents: { token: keys.token, encodingAesKey: keys.encodingAesKey, seriesTemplateId: o.template === false ? null : TPL, seriesFields: [{ key: 'thing1', source: 'series' }, { key: 'thing2', source: 'part' }, { key: 'time3', source: 'published' }] },
  }), { database, rateLimitMax: 100_000 })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  await sim.app.inject({ method: 'DELETE', url: '/__sim/subscribe/messages' })
}

const simPost = async (url: string, body: unknown) => (await sim.app.inject({ method: 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } })).json()
const pushTo = (mode: 'plain' | 'compat' | 'safe') => simPost('/__sim/events/server', { url: `${origin}/wechat/events`, token: keys.token, encodingAesKey: keys.encodingAesKey, mode })
const follow = (openid: string, following = true) => simPost(`/__sim/users/${openid}/follow`, { following })
const decide = (openid: string, status: 'accept' | 'reject') => simPost('/__sim/subscribe/decide', { openid, decisions: { [TPL]: status } })
const sentMessages = async () => (await sim.app.inject({ method: 'GET', url: '/__sim/subscribe/messages' })).json().messages as { touser: string, page: string, data: Record<string, { value: string }> }[]

// An independent signer and sealer written from the documented algorithm (not the server's code).
const sha1Sorted = (parts: string[]) => createHash('sha1').update([...parts].sort().join('')).digest('hex')
function seal(xml: string, forAppId = appId): string {
  const key = Buffer.from(`${keys.encodingAesKey}=`, 'base64')
  const len = Buffer.alloc(4)
  len.writeUInt32BE(Buffer.byteLength(xml))
  const plain = Buffer.concat([randomBytes(16), len, Buffer.from(xml), Buffer.from(forAppId)])
  const pad = 32 - (plain.length % 32)
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
  c.setAutoPadding(false)
  return Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), c.final()]).toString('base64')
}
function signedQuery(o: { timestamp?: number, encrypt?: string, token?: string } = {}): string {
  const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000))
  const nonce = String(Math.floor(Math.random() * 1e9))
  const token = o.token ?? keys.token
  const q = new URLSearchParams({ signature: sha1Sorted([token, timestamp, nonce]), timestamp, nonce, openid: 'x' })
  if (o.encrypt) {
    q.set('encrypt_type', 'aes')
    q.set('msg_signature', sha1Sorted([token, timestamp, nonce, o.encrypt]))
  }
  return q.toString()
}
function eventXml(openid: string, createTime: number, event: string, extra = '') {
  return `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event>${extra}</xml>`
}
const popup = (status: string) => `<SubscribeMsgPopupEvent><List><TemplateId><![CDATA[${TPL}]]></TemplateId><SubscribeStatusString><![CDATA[${status}]]></SubscribeStatusString><PopupScene>1</PopupScene></List></SubscribeMsgPopupEvent>`
const post = (query: string, body: string) => app.inject({ method: 'POST', url: `/wechat/events?${query}`, payload: body, headers: { 'content-type': 'text/xml' } })

/** Signed-in readers whose openids the simulator knows (personas and the crowd). */
async function reader(openid: string): Promise<{ userId: number, cookie: string }> {
  const [row] = await app.database.db.insert(users).values({ openid, nickname: '读者' }).returning({ id: users.id })
  const token = newToken()
  await app.database.db.insert(sessions).values({ id: hashToken(token), userId: row!.id, expiresAt: new Date(Date.now() + SESSION_TTL_MS) })
  return { userId: row!.id, cookie: `sid=${app.signCookie(token)}` }
}
function hint(seriesId: string, cookie: string, body: unknown = { templateId: TPL, status: 'accept' }) {
  return app.inject({ method: 'POST', url: `/api/series/${seriesId}/subscribe`, payload: body as never, headers: { cookie, 'content-type': 'application/json' } })
}
const part = (over: Partial<PartPublished> = {}): PartPublished => ({ seriesId: 's1', seriesTitle: '公众号运营三十讲', articleId: 's1-p2', articleTitle: '第二讲：把读者留下来', position: 2, publishedAt: new Date('2026-12-02T02:00:00Z'), ...over })

describe('/wechat/events', () => {
  beforeEach(() => start())

  it('echoes echostr only for a valid handshake signature', async () => {
    const q = signedQuery()
    const ok = await app.inject({ method: 'GET', url: `/wechat/events?${q}&echostr=hello123` })
    expect([ok.statusCode, ok.body]).toEqual([200, 'hello123'])
    const bad = await app.inject({ method: 'GET', url: `/wechat/events?${signedQuery({ token: 'wrongToken' })}&echostr=hello123` })
    expect([bad.statusCode, bad.body]).toEqual([403, 'bad signature'])
    expect((await app.inject({ method: 'GET', url: '/wechat/events?echostr=x' })).statusCode).toBe(403)
  })

  it('records follow and unfollow pushed in plain mode, and polls for followers follow them', async () => {
    await pushTo('plain')
    const openid = openidFor(appId, 'iphone')
    expect((await follow(openid)).push.delivered).toBe(true)
    expect(await isFollower(app.database.db, openid)).toBe(true)

    const me = await reader(openid)
    const created = await app.inject({ method: 'POST', url: '/api/admin/polls', headers: ADMIN, payload: { id: 'fp', title: '关注者投票', eligibility: 'followers', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] } })
    expect(created.statusCode, created.body).toBe(201)
    const vote = (cookie: string) => app.inject({ method: 'POST', url: '/api/polls/fp/votes', payload: { optionIds: ['a'] }, headers: { cookie, 'content-type': 'application/json' } })
    const stranger = await reader(openidFor(appId, 'android'))
    expect((await vote(stranger.cookie)).json().error.code).toBe('NOT_ELIGIBLE')
    expect((await vote(me.cookie)).statusCode).toBe(201)

    await follow(openid, false)
    expect(await isFollower(app.database.db, openid)).toBe(false)
  })

  it('opens safe-mode and compat-mode pushes and records the consent', async () => {
    const iphone = openidFor(appId, 'iphone')
    const android = openidFor(appId, 'android')
    await pushTo('safe')
    expect((await decide(iphone, 'accept')).push.delivered).toBe(true)
    await pushTo('compat')
    expect((await decide(android, 'reject')).push.delivered).toBe(true)
    expect(await findConsent(app.database.db, iphone, TPL)).toMatchObject({ status: 'accept', remaining: 1 })
    expect(await findConsent(app.database.db, android, TPL)).toMatchObject({ status: 'reject', remaining: 0 })

    // The same, sealed by the test's own implementation.
    const encrypt = seal(eventXml(crowdOpenid(appId, 1), 1764640000, 'subscribe_msg_popup_event', popup('accept')))
    const res = await post(signedQuery({ encrypt }), `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`)
    expect([res.statusCode, res.body]).toEqual([200, 'success'])
    expect((await findConsent(app.database.db, crowdOpenid(appId, 1), TPL))?.remaining).toBe(1)
  })

  it('refuses bad signatures, stale timestamps, a bad msg_signature, another appid and malformed XML', async () => {
    const xml = eventXml('oUser1', 1764640000, 'subscribe')
    expect((await post(signedQuery({ token: 'wrongToken' }), xml)).statusCode).toBe(403)
    expect((await post(signedQuery({ timestamp: Math.floor(Date.now() / 1000) - 7200 }), xml)).statusCode).toBe(403)
    const encrypt = seal(xml)
    const envelope = `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
    const tampered = signedQuery({ encrypt: seal(eventXml('oUser2', 1764640000, 'subscribe')) })
    expect((await post(tampered, envelope)).statusCode).toBe(403)
    const otherApp = seal(xml, 'wx9999999999999999')
    expect((await post(signedQuery({ encrypt: otherApp }), `<xml><Encrypt><![CDATA[${otherApp}]]></Encrypt></xml>`)).statusCode).toBe(400)
    const entity = '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x "boom">]><xml><FromUserName>&x;</FromUserName></xml>'
    expect((await post(signedQuery(), entity)).statusCode).toBe(400)
    expect((await post(signedQuery(), '<xml><a>')).statusCode).toBe(400)
    expect((await post(signedQuery(), `<xml><A>${'x'.repeat(70_000)}</A></xml>`)).statusCode).toBe(413)
    expect(await isFollower(app.database.db, 'oUser1')).toBe(false)
  })

  it('applies a push once however often it arrives, even all at once', async () => {
    const xml = eventXml('oDup', 1764640000, 'subscribe_msg_popup_event', popup('accept'))
    const results = await Promise.all(Array.from({ length: 10 }, () => post(signedQuery(), xml)))
    expect(results.map(r => r.body)).toEqual(Array.from({ length: 10 }, () => 'success'))
    expect((await findConsent(app.database.db, 'oDup', TPL))?.remaining).toBe(1)
    expect(await app.database.db.select().from(wechatInboundEvents)).toHaveLength(1)
  })

  it('never lets an older follow event overwrite a newer one', async () => {
    const t = 1764640000
    await post(signedQuery(), eventXml('oOrder', t + 10, 'unsubscribe'))
    await post(signedQuery(), eventXml('oOrder', t, 'subscribe'))
    expect(await isFollower(app.database.db, 'oOrder')).toBe(false)
    await post(signedQuery(), eventXml('oOrder', t + 20, 'subscribe'))
    expect(await isFollower(app.database.db, 'oOrder')).toBe(true)
    // Consent too: a late accept older than the reject changes nothing.
    await post(signedQuery(), eventXml('oOrder', t + 30, 'subscribe_msg_popup_event', popup('reject')))
    await post(signedQuery(), eventXml('oOrder', t + 25, 'subscribe_msg_popup_event', popup('accept')))
    expect((await findConsent(app.database.db, 'oOrder', TPL))?.remaining).toBe(0)
  })

  it('answers 503 while WECHAT_TOKEN is unset', async () => {
    await app.close()
    const database = await getTestDatabase()
    app = await build(configFor(sim), { database })
    expect((await app.inject({ method: 'GET', url: `/wechat/events?${signedQuery()}&echostr=x` })).statusCode).toBe(503)
  })
})

describe('series update notices', () => {
  beforeEach(async () => {
    await start()
    await pushTo('safe')
  })

  it('takes the page hint only from signed-in readers, for the configured template', async () => {
    expect((await hint('s1', '')).statusCode).toBe(401)
    const me = await reader(openidFor(appId, 'iphone'))
    const wrong = await hint('s1', me.cookie, { templateId: 'other', status: 'accept' })
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([400, 'TEMPLATE_MISMATCH'])
    expect((await hint('bad id!', me.cookie)).statusCode).toBe(400)
    expect((await hint('s1', me.cookie)).json()).toEqual({ seriesId: 's1', interested: true, consentReceived: false })
    await decide(openidFor(appId, 'iphone'), 'accept')
    expect((await hint('s1', me.cookie)).json().consentReceived).toBe(true)
    expect((await hint('s1', me.cookie, { templateId: TPL, status: 'reject' })).json().interested).toBe(false)
  })

  it('sends one notice per interested reader with an accepted consent, once, with the part link', async () => {
    const both = await reader(openidFor(appId, 'iphone'))
    const consentOnly = openidFor(appId, 'android')
    await reader(consentOnly)
    const interestOnly = await reader(crowdOpenid(appId, 2))
    const otherSeries = await reader(crowdOpenid(appId, 3))
    await hint('s1', both.cookie)
    await hint('s1', interestOnly.cookie)
    await hint('s2', otherSeries.cookie)
    for (const openid of [openidFor(appId, 'iphone'), consentOnly, crowdOpenid(appId, 3)])
      await decide(openid, 'accept')
    await decide(crowdOpenid(appId, 2), 'reject')

    await app.publishing.emitPartPublished(part())
    expect(await app.wechatEvents.sendPending()).toMatchObject({ failed: 0 })
    const sent = await sentMessages()
    expect(sent.map(m => m.touser)).toEqual([openidFor(appId, 'iphone')])
    expect(sent[0]).toMatchObject({ page: 'http://h5.test.local/articles/s1-p2', data: { thing1: { value: '公众号运营三十讲' }, thing2: { value: '第二讲：把读者留下来' }, time3: { value: '2026年12月02日 10:00' } } })
    expect(await findConsent(app.database.db, openidFor(appId, 'iphone'), TPL)).toMatchObject({ remaining: 0, status: 'used' })

    // The same part again (a second emit, a retry): nothing more.
    await app.publishing.emitPartPublished(part())
    await app.wechatEvents.sendPending()
    expect(await sentMessages()).toHaveLength(1)
  })

  it('marks the consent refused when WeChat answers 43101', async () => {
    const openid = crowdOpenid(appId, 40)
    const me = await reader(openid)
    await hint('s1', me.cookie)
    // The server believes in a consent WeChat does not have (e.g. the reader turned it off).
    await applyConsent(app.database.db, openid, TPL, 'accept', new Date())
    await app.publishing.emitPartPublished(part())
    expect(await app.wechatEvents.sendPending()).toMatchObject({ sent: 0, refused: 1 })
    const [row] = await listOutbox(app.database.db, 's1-p2')
    expect(row).toMatchObject({ status: 'refused', lastErrcode: 43101 })
    expect(await findConsent(app.database.db, openid, TPL)).toMatchObject({ status: 'refused', remaining: 0 })
  })

  it('keeps a failed send for the next run of the retry job', async () => {
    const openid = crowdOpenid(appId, 41)
    const me = await reader(openid)
    await hint('s1', me.cookie)
    await decide(openid, 'accept')
    await simPost('/__sim/faults', { api: '/cgi-bin/message/subscribe/bizsend', mode: 'errcode', errcode: -1, count: 1 })
    await app.publishing.emitPartPublished(part())
    expect(await app.wechatEvents.sendPending()).toMatchObject({ retrying: 1 })
    const [row] = await listOutbox(app.database.db)
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastErrcode: -1 })
    // Due again later: the retry job (a method here) sends it.
    await app.database.db.execute(sql`UPDATE subscribe_message_outbox SET next_attempt_at = now() - interval '1 second'`)
    expect(await app.wechatEvents.sendPending()).toMatchObject({ sent: 1 })
    expect(await sentMessages()).toHaveLength(1)
  })

  it.runIf(onPostgres)('sends once each when two instances hear the same part at the same moment (PostgreSQL)', async () => {
    const readers = await Promise.all(Array.from({ length: 6 }, (_, i) => reader(crowdOpenid(appId, 10 + i))))
    for (const [i, r] of readers.entries()) {
      await hint('s1', r.cookie)
      await decide(crowdOpenid(appId, 10 + i), 'accept')
    }
    const second = await build(app.config, { database: app.database })
    try {
      await Promise.all([app.publishing.emitPartPublished(part()), second.publishing.emitPartPublished(part())])
      await Promise.all([app.wechatEvents.sendPending(), second.wechatEvents.sendPending()])
    }
    finally {
      await second.close()
    }
    const sent = await sentMessages()
    expect(sent).toHaveLength(6)
    expect(new Set(sent.map(m => m.touser)).size).toBe(6)
  })
})
