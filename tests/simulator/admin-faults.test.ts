// /__sim admin endpoints, injected faults and robustness against bad input.

import type { RunningSimulator } from '../../src/simulator/start.ts'
import { createVerify } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSimulator } from '../../src/simulator/app.ts'
import { openidFor } from '../../src/simulator/openid.ts'
import { APPID, getJson, notifyReceiver, pay, postJson, SECRET, sign, startTestSimulator, TEST_PUB, testConfig, waitFor } from './helpers.ts'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startTestSimulator()
})
afterAll(() => sim.close())

const tokenUrl = () => `${sim.origin}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`
const fault = (f: unknown) => postJson(`${sim.origin}/__sim/faults`, f)

describe('call counters and setup', () => {
  it('counts calls per API path', async () => {
    await fetch(`${sim.origin}/__sim/calls`, { method: 'DELETE' })
    await getJson(tokenUrl())
    await getJson(tokenUrl())
    await getJson(`${sim.origin}/cgi-bin/ticket/getticket?access_token=x&type=jsapi`)
    expect(await getJson(`${sim.origin}/__sim/calls`)).toEqual({ calls: { '/cgi-bin/token': 2, '/cgi-bin/ticket/getticket': 1 } })
  })

  it('exposes public setup only', async () => {
    const setup = await getJson(`${sim.origin}/__sim/setup`)
    expect(setup).toMatchObject({ appId: APPID, mchId: '1900007291' })
    expect(JSON.stringify(setup)).not.toMatch(/PRIVATE|0123456789abcdef0123456789abcdef/)
  })

  it('allows credentialed cross-origin calls to the bridge endpoints and open ones elsewhere', async () => {
    const origin = 'http://127.0.0.1:5173'
    const res = await fetch(`${sim.origin}/__sim/bridge/preverify`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } })
    expect(res.status).toBe(204)
    // The bridge sends the wxsim_bid cookie (snapshot pages): `*` is not allowed with credentials.
    expect(res.headers.get('access-control-allow-origin')).toBe(origin)
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    const post = await fetch(`${sim.origin}/__sim/bridge/pay/check`, { method: 'POST', headers: { origin }, body: '{}' })
    expect(post.headers.get('access-control-allow-origin')).toBe(origin)
    expect(post.headers.get('vary')).toMatch(/Origin/)
    const setup = await fetch(`${sim.origin}/__sim/setup`, { headers: { origin } })
    expect(setup.headers.get('access-control-allow-origin')).toBe('*')
    expect(setup.headers.get('access-control-allow-credentials')).toBeNull()
  })
})

describe('API faults', () => {
  it.each([
    [{ mode: 'errcode', errcode: -1 }, -1],
    [{ mode: 'errcode', errcode: 45009 }, 45009],
  ])('%o is served once, then the API recovers', async (f, errcode) => {
    await fault({ api: '/cgi-bin/token', count: 1, ...f })
    expect((await getJson(tokenUrl())).errcode).toBe(errcode)
    expect((await getJson(tokenUrl())).access_token).toBeTypeOf('string')
  })

  it('slows a response down', async () => {
    await fault({ api: '/cgi-bin/token', mode: 'slow', delayMs: 150, count: 1 })
    const t = Date.now()
    await getJson(tokenUrl())
    expect(Date.now() - t).toBeGreaterThanOrEqual(140)
  })

  it('never answers in timeout mode', async () => {
    await fault({ api: '/cgi-bin/token', mode: 'timeout', delayMs: 5000, count: 1 })
    await expect(fetch(tokenUrl(), { signal: AbortSignal.timeout(150) })).rejects.toThrow()
    expect((await getJson(tokenUrl())).access_token).toBeTypeOf('string')
  })

  it('answers SYSTEM_ERROR on Pay paths and can send a SIGNTEST probe signature', async () => {
    await fault({ api: '/v3/pay/transactions/out-trade-no/:out_trade_no', mode: 'errcode', count: 1 })
    expect((await pay(sim.origin, 'GET', '/v3/pay/transactions/out-trade-no/ABCDEF1?mchid=1900007291')).status).toBe(500)
    await fault({ api: '/v3/pay/transactions/out-trade-no/ABCDEF1', mode: 'signtest', count: 1 })
    const r = await pay(sim.origin, 'GET', '/v3/pay/transactions/out-trade-no/ABCDEF1?mchid=1900007291')
    expect(r.headers.get('wechatpay-signature')).toMatch(/^WECHATPAY\/SIGNTEST\//)
  })

  it('rejects malformed fault specs', async () => {
    const res = await fetch(`${sim.origin}/__sim/faults`, { method: 'POST', body: '{"api":"/x","mode":"explode"}' })
    expect(res.status).toBe(400)
    await fetch(`${sim.origin}/__sim/faults`, { method: 'DELETE' })
    expect(await getJson(`${sim.origin}/__sim/faults`)).toEqual({ api: [], notify: [] })
  })
})

describe('notification faults', () => {
  async function payTo(url: string): Promise<string> {
    const out = `NF${Date.now()}${Math.floor(Math.random() * 1000)}`
    const { json } = await pay(sim.origin, 'POST', '/v3/pay/transactions/jsapi', { appid: APPID, mchid: '1900007291', description: 'd', out_trade_no: out, notify_url: url, amount: { total: 1 }, payer: { openid: openidFor(APPID, 'android') } })
    await postJson(`${sim.origin}/__sim/bridge/pay/confirm`, { prepayId: json.prepay_id })
    return out
  }

  it.each([
    ['drop', 1, ['dropped', 'delivered']],
    ['duplicate', 2, ['delivered', 'delivered']],
    ['signtest', 2, ['failed', 'delivered']],
  ])('%s', async (mode, received, outcomes) => {
    // Like a correct merchant: a WECHATPAY/SIGNTEST/ probe fails verification and gets a 401.
    const merchant = await notifyReceiver([200], r => String(r.headers['wechatpay-signature']).startsWith('WECHATPAY/SIGNTEST/') ? 401 : undefined)
    await fault({ notify: mode, count: 1 })
    const no = await payTo(merchant.url)
    const o = await waitFor(async () => {
      const r = await getJson(`${sim.origin}/__sim/orders/${no}`)
      return (r.deliveries as unknown[]).length >= outcomes.length ? r : undefined
    })
    expect((o.deliveries as { outcome: string }[]).map(d => d.outcome)).toEqual(outcomes)
    expect(merchant.received).toHaveLength(received)
    await merchant.close()
  })
})

describe('bad input never crashes the simulator', () => {
  const app = buildSimulator(testConfig())
  afterAll(() => app.close())

  it.each([
    ['GET', '/nope', undefined, 404],
    ['GET', '/v3/nope', undefined, 404],
    ['POST', '/__sim/bridge/preverify', 'not json', 200],
    ['POST', '/__sim/bridge/pay/check', '[1,2]', 200],
    ['POST', '/__sim/bridge/pay/confirm', '{}', 400],
    ['POST', '/__sim/clock', '{"advanceSeconds":"x"}', 400],
    ['POST', '/__sim/clock', '{"advanceSeconds":1e12}', 400], // milliseconds by mistake: > 10 years
    ['POST', '/__sim/clock', '{"advanceSeconds":1e308}', 400],
    ['GET', '/sns/userinfo?access_token[]=1&openid=2', undefined, 200],
    ['GET', '/connect/oauth2/authorize?appid=%E0%A4%A&redirect_uri=%&response_type=code&scope=snsapi_base', undefined, 400], // an HTML error page
    ['GET', '/__sim/avatar/..%2F..%2Fetc.svg', undefined, 404],
    ['POST', '/v3/pay/transactions/jsapi', '{"a":', 401],
  ])('%s %s (body %j) → %i', async (method, url, payload, status) => {
    const res = await app.inject({ method: method as 'GET' | 'POST', url, payload, headers: payload ? { 'content-type': 'application/json' } : {} })
    expect(res.statusCode).toBe(status)
    if (!url.startsWith('/connect/'))
      expect(() => JSON.parse(res.body)).not.toThrow()
  })

  it.each([
    ['/v3/pay/transactions/out-trade-no/%FF?mchid=1900007291', { code: 'PARAM_ERROR' }],
    ['/v3/refund/domestic/refunds/%E0%A4%A', { code: 'PARAM_ERROR' }],
    ['/cgi-bin/ticket/%FF', { errcode: 400 }],
    ['/sns/%FF', { errcode: 400 }],
    ['/__sim/orders/%FF', { errcode: 400 }],
  ])('answers the undecodable URL %s with its API family\'s JSON error', async (url, shape) => {
    const res = await app.inject({ method: 'GET', url })
    expect(res.statusCode).toBe(400)
    const body = res.json() as Record<string, unknown>
    expect(body).toMatchObject(shape)
    expect(typeof (body.message ?? body.errmsg)).toBe('string')
    if (url.startsWith('/v3/')) { // Pay responses are signed even here (§5.2), and the signature verifies.
      const message = `${res.headers['wechatpay-timestamp']}\n${res.headers['wechatpay-nonce']}\n${res.body}\n`
      expect(createVerify('RSA-SHA256').update(message).verify(TEST_PUB, String(res.headers['wechatpay-signature']), 'base64')).toBe(true)
    }
    if (url.startsWith('/__sim/'))
      expect(res.headers['access-control-allow-origin']).toBe('*')
  })

  it('rejects a valid signature over a body that is not JSON with PARAM_ERROR', async () => {
    const body = 'appid=x'
    const ts = String(Math.floor(Date.now() / 1000))
    const header = `WECHATPAY2-SHA256-RSA2048 mchid="1900007291",nonce_str="N",signature="${sign(`POST\n/v3/pay/transactions/jsapi\n${ts}\nN\n${body}\n`)}",timestamp="${ts}",serial_no="408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB"`
    const res = await app.inject({ method: 'POST', url: '/v3/pay/transactions/jsapi', payload: body, headers: { 'authorization': header, 'content-type': 'application/json', 'accept': 'application/json', 'user-agent': 't' } })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'PARAM_ERROR' })
  })
})
