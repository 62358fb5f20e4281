import type { App } from '../../src/server/app.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import { createVerify } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildPayApp, prepayIdOf, rows, signedIn, simOrder } from './helpers/pay.ts'
import { PUBLIC_ORIGIN, simAdmin, simulatorSetup, startTestSimulator } from './helpers/simulator.ts'

describe('ordering: POST /api/orders prepays through WeChat Pay APIv3', () => {
  let sim: RunningSimulator
  let app: App
  const clock = { offsetMs: 0 }
  beforeAll(async () => {
    sim = await startTestSimulator()
  })
  afterEach(async () => {
    clock.offsetMs = 0
    await simAdmin(sim).clearFaults()
    await app?.close()
  })
  afterAll(() => sim.close())

  it('creates an order the simulator accepts and answers the pay-sheet payload', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    const res = await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(body).toMatchObject({ orderId: expect.any(Number), reused: false, amountFen: 1800 })
    const { pay } = body
    expect(Object.keys(pay)).toEqual(['appId', 'timeStamp', 'nonceStr', 'package', 'signType', 'paySign'])
    expect(pay).toMatchObject({ appId: simulatorSetup().appId, timeStamp: expect.stringMatching(/^\d{10}$/), package: expect.stringMatching(/^prepay_id=\S+$/), signType: 'RSA' })
    expect(Math.abs(Number(pay.timeStamp) - Date.now() / 1000)).toBeLessThan(5)
    // paySign is SHA256withRSA over the four lines, with the merchant key.
    const message = `${pay.appId}\n${pay.timeStamp}\n${pay.nonceStr}\n${pay.package}\n`
    expect(createVerify('RSA-SHA256').update(message).verify(simulatorSetup().merchantPublicKeyPem, pay.paySign, 'base64')).toBe(true)
    const check = await (await fetch(`${sim.origin}/__sim/bridge/pay/check`, { method: 'POST', body: JSON.stringify({ ...pay, pageUrl: `${PUBLIC_ORIGIN}/articles/1` }) })).json()
    expect(check).toMatchObject({ ok: true, order: { total: 1800 } })

    const [order] = await rows<{ out_trade_no: string, status: string }>('SELECT out_trade_no, status FROM orders')
    expect(order!.status).toBe('pending')
    expect(order!.out_trade_no).toMatch(/^[\w\-|*]{6,32}$/)
    const upstream = await simOrder(sim, order!.out_trade_no)
    expect(upstream.order).toMatchObject({ trade_state: 'NOTPAY', amount: { total: 1800 } })
    expect(upstream.notifyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/pay\/notify$/)
  })

  it('reuses the pending order on repeated and concurrent taps', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    const first = (await reader.request('POST', '/api/orders', { productId: 'membership-yearly' })).json()
    const taps = await Promise.all(Array.from({ length: 5 }, () => reader.request('POST', '/api/orders', { productId: 'membership-yearly' })))
    for (const tap of taps) {
      expect(tap.statusCode).toBe(201)
      expect(tap.json()).toMatchObject({ orderId: first.orderId, reused: true })
      expect(prepayIdOf(tap.json().pay)).toBe(prepayIdOf(first.pay))
    }
    expect(await rows('SELECT id FROM orders')).toHaveLength(1)
    // Concurrent first taps too: one order, not five (and the yearly one it replaces is closed).
    const fresh = await Promise.all(Array.from({ length: 5 }, () => reader.request('POST', '/api/orders', { productId: 'membership-monthly' })))
    expect(fresh.map(r => r.statusCode)).toEqual([201, 201, 201, 201, 201])
    expect(new Set(fresh.map(r => r.json().orderId)).size).toBe(1)
    expect((await rows<{ status: string }>('SELECT status FROM orders ORDER BY id')).map(o => o.status)).toEqual(['closed', 'pending'])
  })

  it('replaces an order close to its expiry and closes the old one at WeChat Pay', async () => {
    app = await buildPayApp(sim, { clock })
    const reader = await signedIn(app, sim)
    const first = (await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })).json()
    clock.offsetMs = 110 * 60_000
    const second = (await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })).json()
    expect(second.orderId).not.toBe(first.orderId)
    const all = await rows<{ id: number, status: string, out_trade_no: string }>('SELECT id, status, out_trade_no FROM orders ORDER BY id')
    expect(all.map(o => o.status)).toEqual(['closed', 'pending'])
    expect((await simOrder(sim, all[0]!.out_trade_no)).order.trade_state).toBe('CLOSED')
  })

  it('treats a tip with another amount as a new order and closes the previous one', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    const a = (await reader.request('POST', '/api/orders', { productId: 'tip', articleId: 'reading-habits', amountFen: 500 })).json()
    const b = await reader.request('POST', '/api/orders', { productId: 'tip', articleId: 'reading-habits', amountFen: 1000 })
    expect(b.json()).toMatchObject({ reused: false, amountFen: 1000 })
    expect(b.json().orderId).not.toBe(a.orderId)
    expect((await rows<{ status: string }>('SELECT status FROM orders ORDER BY id')).map(o => o.status)).toEqual(['closed', 'pending'])
  })

  it.each([
    ['no body fields', {}, 400, 'VALIDATION_FAILED'],
    ['a price from the client is ignored, amount type checked', { productId: 'tip', articleId: 'reading-habits', amountFen: '500' }, 400, 'VALIDATION_FAILED'],
    ['a fractional amount', { productId: 'tip', articleId: 'reading-habits', amountFen: 5.5 }, 400, 'VALIDATION_FAILED'],
    ['an unknown product', { productId: 'gold-bar' }, 404, 'PRODUCT_NOT_FOUND'],
    ['a tip below the minimum', { productId: 'tip', articleId: 'reading-habits', amountFen: 99 }, 400, 'AMOUNT_OUT_OF_RANGE'],
    ['a tip above the maximum', { productId: 'tip', articleId: 'reading-habits', amountFen: 50_001 }, 400, 'AMOUNT_OUT_OF_RANGE'],
    ['a tip without amount', { productId: 'tip', articleId: 'reading-habits' }, 400, 'AMOUNT_REQUIRED'],
    ['a tip without article', { productId: 'tip', amountFen: 500 }, 400, 'ARTICLE_REQUIRED'],
    ['an unlock for another article', { productId: 'unlock-paywall-design', articleId: 'creator-income' }, 400, 'ARTICLE_MISMATCH'],
    ['an unknown article', { productId: 'tip', articleId: 'nope', amountFen: 500 }, 404, 'ARTICLE_NOT_FOUND'],
    ['a malformed product id', { productId: '../etc' }, 400, 'VALIDATION_FAILED'],
  ])('refuses %s', async (_what, body, status, code) => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    const res = await reader.request('POST', '/api/orders', body)
    expect(res.statusCode).toBe(status)
    expect(res.json().error.code).toBe(code)
    expect(await rows('SELECT id FROM orders')).toHaveLength(0)
  })

  it('refuses signed-out readers, snapshot-mode visitors, and answers 503 without pay config', async () => {
    app = await buildPayApp(sim)
    const anon = await app.inject({ method: 'POST', url: '/api/orders', payload: { productId: 'membership-monthly' } })
    expect(anon.statusCode).toBe(401)
    const snapshot = await signedIn(app, sim, 'snapshot')
    const res = await snapshot.request('POST', '/api/orders', { productId: 'membership-monthly' })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('SNAPSHOT_USER')
    await app.close()

    app = await buildPayApp(sim, { withoutPay: true })
    const reader = await signedIn(app, sim)
    const off = await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })
    expect(off.statusCode).toBe(503)
    expect(off.json().error.code).toBe('PAY_NOT_CONFIGURED')
  })

  it('answers a calm 503 when WeChat Pay fails, and creates nothing', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    await simAdmin(sim).fault({ api: '/v3/pay/transactions/jsapi', mode: 'errcode', status: 500, code: 'SYSTEM_ERROR' })
    const failed = await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })
    expect(failed.statusCode).toBe(503)
    expect(failed.json().error.code).toBe('UPSTREAM_UNAVAILABLE')
    // A response carrying a signature probe is not trusted either.
    await simAdmin(sim).fault({ api: '/v3/pay/transactions/jsapi', mode: 'signtest' })
    expect((await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })).statusCode).toBe(503)
    expect(await rows('SELECT id FROM orders')).toHaveLength(0)
    expect((await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })).statusCode).toBe(201)
  })

  it('shows an order to its owner only, and lists my orders', async () => {
    app = await buildPayApp(sim)
    const owner = await signedIn(app, sim, 'iphone')
    const other = await signedIn(app, sim, 'android')
    const { orderId } = (await owner.request('POST', '/api/orders', { productId: 'membership-monthly' })).json()
    const mine = await owner.request('GET', `/api/orders/${orderId}`)
    expect(mine.statusCode).toBe(200)
    expect(mine.json()).toMatchObject({ id: orderId, status: 'pending', kind: 'membership', productId: 'membership-monthly', amountFen: 1800 })
    expect(mine.body).not.toMatch(/prepay|out_trade|outTradeNo|openid/i)
    const theirs = await other.request('GET', `/api/orders/${orderId}`)
    const missing = await other.request('GET', `/api/orders/${orderId + 1000}`)
    expect(theirs.statusCode).toBe(404)
    expect(theirs.json()).toEqual(missing.json())
    expect((await owner.request('GET', '/api/orders')).json().orders).toHaveLength(1)
    expect((await other.request('GET', '/api/orders')).json().orders).toHaveLength(0)
    expect((await owner.request('GET', '/api/orders/abc')).statusCode).toBe(400)
  })
})
