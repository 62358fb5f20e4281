// Basic access_token, stable_token and jsapi_ticket rules (protocol §2), and wx.config pre-verification (§3).

import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jssdkSignature } from '../../src/simulator/crypto/jssdk-signature.ts'
import { APPID, getJson, postJson, SECRET, startTestSimulator } from './helpers.ts'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startTestSimulator()
})
afterAll(() => sim.close())

const token = () => getJson(`${sim.origin}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`)
const stable = (force_refresh?: boolean) => postJson(`${sim.origin}/cgi-bin/stable_token`, { grant_type: 'client_credential', appid: APPID, secret: SECRET, force_refresh })
const ticket = (t: unknown) => getJson(`${sim.origin}/cgi-bin/ticket/getticket?access_token=${t}&type=jsapi`)
const advance = (s: number) => postJson(`${sim.origin}/__sim/clock`, { advanceSeconds: s })

describe('/cgi-bin/token', () => {
  it('issues 7200 s tokens and a new call invalidates the previous one', async () => {
    const a = await token()
    expect(a.expires_in).toBe(7200)
    expect((await ticket(a.access_token)).errcode).toBe(0)
    const b = await token()
    expect((await ticket(a.access_token)).errcode).toBe(40001)
    expect((await ticket(b.access_token)).errcode).toBe(0)
  })

  it.each([
    ['a bad secret', `grant_type=client_credential&appid=${APPID}&secret=x`, 40125],
    ['a bad appid', `grant_type=client_credential&appid=wx0&secret=${SECRET}`, 40013],
    ['a wrong grant_type', `grant_type=authorization_code&appid=${APPID}&secret=${SECRET}`, 40002],
  ])('rejects %s with %i', async (_n, q, errcode) => {
    expect((await getJson(`${sim.origin}/cgi-bin/token?${q}`)).errcode).toBe(errcode)
  })
})

describe('/cgi-bin/stable_token', () => {
  it('returns the same token while valid, a new one in the last 5 minutes, and is isolated from /cgi-bin/token', async () => {
    const a = await stable(false)
    const b = await stable(false)
    expect(b.access_token).toBe(a.access_token)
    await token() // must not revoke the stable token
    expect((await ticket(a.access_token)).errcode).toBe(0)
    await advance(7200 - 299)
    const c = await stable(false)
    expect(c.access_token).not.toBe(a.access_token)
    expect(c.expires_in).toBe(7200)
    expect((await ticket(a.access_token)).errcode).toBe(0) // still valid until its own expiry
    await advance(300)
    expect((await ticket(a.access_token)).errcode).toBe(42001)
  })

  it('force_refresh revokes the previous token at most once per 30 s', async () => {
    const a = await stable(false)
    const b = await stable(true)
    expect(b.access_token).not.toBe(a.access_token)
    expect((await ticket(a.access_token)).errcode).toBe(40001)
    const c = await stable(true)
    expect(c.access_token).toBe(b.access_token)
    await advance(31)
    expect((await stable(true)).access_token).not.toBe(b.access_token)
  })

  it('allows 20 forced refreshes a day', async () => {
    // Noon in China, so the 22 × 31 s below never cross the daily reset.
    const sim2 = await startTestSimulator({ now: () => Date.parse('2024-06-01T04:00:00Z') })
    const seen = new Set<unknown>()
    for (let i = 0; i < 22; i++) {
      seen.add((await postJson(`${sim2.origin}/cgi-bin/stable_token`, { grant_type: 'client_credential', appid: APPID, secret: SECRET, force_refresh: true })).access_token)
      await postJson(`${sim2.origin}/__sim/clock`, { advanceSeconds: 31 })
    }
    expect(seen.size).toBe(20)
    await sim2.close()
  })

  it.each([
    ['a form body', 'grant_type=client_credential', 'application/x-www-form-urlencoded', 47001],
    ['invalid JSON', '{', 'application/json', 47001],
    ['a non-boolean force_refresh', JSON.stringify({ grant_type: 'client_credential', appid: APPID, secret: SECRET, force_refresh: 'true' }), 'application/json', 40097],
  ])('rejects %s', async (_n, body, type, errcode) => {
    expect((await getJson(`${sim.origin}/cgi-bin/stable_token`, { method: 'POST', headers: { 'content-type': type }, body })).errcode).toBe(errcode)
  })

  it('rejects GET with 43002', async () => {
    expect((await getJson(`${sim.origin}/cgi-bin/stable_token`)).errcode).toBe(43002)
  })
})

describe('getticket', () => {
  it.each([
    ['a missing token', '', 41001],
    ['an unknown token', 'nope', 40001],
  ])('rejects %s', async (_n, t, errcode) => {
    expect((await ticket(t)).errcode).toBe(errcode)
  })

  it('rejects an expired token with 42001', async () => {
    const t = await token()
    await advance(7201)
    const r = await ticket(t.access_token)
    expect(r.errcode).toBe(42001)
    expect(r.errmsg).toMatch(/^access_token expired rid: /)
  })

  it('answers 40164 to callers outside the IP whitelist', async () => {
    const sim2 = await startTestSimulator({ ipWhitelist: ['10.0.0.1'] })
    const r = await getJson(`${sim2.origin}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`)
    expect(r.errcode).toBe(40164)
    expect(r.errmsg).toMatch(/^invalid ip 127\.0\.0\.1 ipv6 ::ffff:127\.0\.0\.1, not in whitelist rid: /)
    await sim2.close()
  })
})

describe('wx.config pre-verification', () => {
  const URL_ = 'https://h5.example.com/article/1?from=timeline'
  async function config(over: Record<string, unknown> = {}, signUrl = URL_) {
    const t = await token()
    const tk = (await ticket(t.access_token)).ticket as string
    const base = { appId: APPID, url: `${URL_}#/x`, timestamp: 1414587457, nonceStr: 'Wm3WZYTPz0wzccnW', jsApiList: ['updateAppMessageShareData'], openTagList: [] }
    const signature = jssdkSignature({ ticket: tk, nonceStr: base.nonceStr, timestamp: String(base.timestamp), url: signUrl })
    return postJson(`${sim.origin}/__sim/bridge/preverify`, { ...base, signature, ...over })
  }

  it.each([
    ['a correct signature (hash stripped)', {}, URL_, 'preVerifyJSAPI:ok'],
    ['a signature over another URL', {}, 'https://h5.example.com/article/2', 'preVerifyJSAPI:fail_invalid signature'],
    ['a signature over the URL with its #hash', {}, `${URL_}#/x`, 'preVerifyJSAPI:fail_invalid signature'],
    ['another appId', { appId: 'wx0000000000000000' }, URL_, 'preVerifyJSAPI:fail_invalid signature'],
    ['a page outside the JS safe domains', { url: 'https://other.example.com/a' }, 'https://other.example.com/a', 'preVerifyJSAPI:fail_invalid url domain'],
    ['a missing nonceStr', { nonceStr: undefined }, URL_, 'preVerifyJSAPI:fail'],
  ])('%s → %s', async (_n, over, signUrl, errMsg) => {
    const r = await config(over, signUrl)
    expect(r.err_msg).toBe(errMsg)
  })

  it('reports the URL it checked for the dev panel', async () => {
    expect(await config()).toMatchObject({ signedUrl: URL_ })
  })

  it('fails once every ticket has expired', async () => {
    const t = await token()
    const tk = (await ticket(t.access_token)).ticket as string
    await advance(7201)
    const signature = jssdkSignature({ ticket: tk, nonceStr: 'n', timestamp: '1', url: URL_ })
    expect((await postJson(`${sim.origin}/__sim/bridge/preverify`, { appId: APPID, url: URL_, timestamp: '1', nonceStr: 'n', signature, jsApiList: [] })).err_msg).toBe('preVerifyJSAPI:fail_invalid signature')
  })
})

describe('jsapi_ticket belongs to the appid and is cached (§2.3, §3.1)', () => {
  const URL_ = 'https://h5.example.com/a'
  const at = (s: RunningSimulator) => ({
    token: async () => (await getJson(`${s.origin}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`)).access_token as string,
    stable: async () => (await postJson(`${s.origin}/cgi-bin/stable_token`, { grant_type: 'client_credential', appid: APPID, secret: SECRET })).access_token as string,
    ticket: (t: string) => getJson(`${s.origin}/cgi-bin/ticket/getticket?access_token=${t}&type=jsapi`),
    advance: (n: number) => postJson(`${s.origin}/__sim/clock`, { advanceSeconds: n }),
    preverify: (tk: string) => postJson(`${s.origin}/__sim/bridge/preverify`, {
      appId: APPID,
      url: URL_,
      timestamp: '1',
      nonceStr: 'n',
      jsApiList: [],
      signature: jssdkSignature({ ticket: tk, nonceStr: 'n', timestamp: '1', url: URL_ }),
    }),
  })

  it('returns the same ticket while it is valid, whichever token asks, and a new one only after expiry', async () => {
    const s = await startTestSimulator()
    const api = at(s)
    const first = await api.ticket(await api.token())
    expect(first).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 })
    // Another token (even a stable one, or after /cgi-bin/token revoked the first) gets the same ticket.
    expect((await api.ticket(await api.stable())).ticket).toBe(first.ticket)
    await api.advance(100)
    const again = await api.ticket(await api.token())
    expect(again).toMatchObject({ ticket: first.ticket, expires_in: 7100 })
    expect((await api.preverify(first.ticket as string)).err_msg).toBe('preVerifyJSAPI:ok')

    await api.advance(7100)
    // Expired and not yet replaced: nothing verifies, and the reason says why.
    expect(await api.preverify(first.ticket as string)).toMatchObject({ err_msg: 'preVerifyJSAPI:fail_invalid signature', reason: expect.stringContaining('已过期') })
    const next = await api.ticket(await api.token())
    expect(next.ticket).not.toBe(first.ticket)
    expect(next.expires_in).toBe(7200)
    // Only the current ticket verifies.
    expect((await api.preverify(first.ticket as string)).err_msg).toBe('preVerifyJSAPI:fail_invalid signature')
    expect((await api.preverify(next.ticket as string)).err_msg).toBe('preVerifyJSAPI:ok')
    await s.close()
  })

  it('answers 45009 once the daily getticket quota is used up, until 00:00 China time', async () => {
    // 10:00 in China: 14 hours to the reset.
    const s = await startTestSimulator({ getticketDailyQuota: 2, now: () => Date.parse('2024-06-01T02:00:00Z') })
    const api = at(s)
    const t = await api.token()
    expect((await api.ticket('nope')).errcode).toBe(40001) // not attributable to the appid: not counted
    expect((await api.ticket(t)).errcode).toBe(0)
    expect((await api.ticket(t)).errcode).toBe(0)
    const over = await api.ticket(t)
    expect(over.errcode).toBe(45009)
    expect(over.errmsg).toMatch(/^reach max api daily quota limit rid: /)
    expect(over).not.toHaveProperty('ticket')
    await api.advance(13 * 3600)
    expect((await api.ticket(await api.token())).errcode).toBe(45009)
    await api.advance(3600)
    expect((await api.ticket(await api.token())).errcode).toBe(0)
    await s.close()
  })
})
