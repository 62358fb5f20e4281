import type { App } from '../../src/server/app.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import type { Browser, ForgeOptions } from './helpers/pay.ts'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildPayApp, buyAndConfirm, forgeNotification, rows, signedIn, simOrder, successTransaction, tradeOf, waitFor } from './helpers/pay.ts'
import { simAdmin, simulatorSetup, startTestSimulator } from './helpers/simulator.ts'

interface OrderRow { id: number, status: string, out_trade_no: string, amount_fen: number }

describe('payment notifications at POST /api/pay/notify', () => {
  let sim: RunningSimulator
  let app: App
  let reader: Browser
  beforeAll(async () => {
    sim = await startTestSimulator()
  })
  beforeEach(async () => {
    app = await buildPayApp(sim, { listen: true })
    reader = await signedIn(app, sim)
  })
  afterEach(async () => {
    await simAdmin(sim).clearFaults()
    await app.close()
  })
  afterAll(() => sim.close())

  const order = async (id: number) => (await rows<OrderRow>('SELECT id, status, out_trade_no, amount_fen FROM orders WHERE id = $1', [id]))[0]!
  const entitlementCount = async () => Number((await rows<{ n: number }>('SELECT count(*)::int AS n FROM entitlements'))[0]!.n)
  const notify = (n: { body: string, headers: Record<string, string> }) => app.inject({ method: 'POST', url: '/api/pay/notify', payload: n.body, headers: n.headers })

  it('marks the order paid and grants the membership when WeChat Pay notifies', async () => {
    const { orderId } = await buyAndConfirm(reader, sim, { productId: 'membership-monthly' })
    // Only the notification can do it here: nobody polls.
    await waitFor(async () => (await order(orderId)).status === 'paid')
    const membership = (await reader.request('GET', '/api/membership')).json()
    expect(membership).toMatchObject({ active: true, tier: { id: 'membership-monthly' } })
    const days = (Date.parse(membership.expiresAt) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(29.9)
    expect(days).toBeLessThan(30.1)
    const deliveries = (await simOrder(sim, (await order(orderId)).out_trade_no)).deliveries
    expect(deliveries[0]).toMatchObject({ outcome: 'delivered', status: 204 })
  })

  describe('rejects and leaves the order unpaid', () => {
    let target: OrderRow
    let trade: Awaited<ReturnType<typeof tradeOf>>
    beforeEach(async () => {
      const { orderId } = (await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })).json()
      target = await order(orderId)
      trade = await tradeOf(orderId)
    })

    it.each<[string, ForgeOptions, Record<string, unknown>, number]>([
      ['a forged signature', { signature: real => `${real.slice(0, 10)}${real[10] === 'A' ? 'B' : 'A'}${real.slice(11)}` }, {}, 401],
      ['a signature by another key', { signature: () => Buffer.alloc(256, 7).toString('base64') }, {}, 401],
      ['a WECHATPAY/SIGNTEST/ probe', { signature: real => `WECHATPAY/SIGNTEST/${real}` }, {}, 401],
      ['a timestamp 6 minutes old', { timestampOffsetS: -360 }, {}, 401],
      ['a timestamp 6 minutes ahead', { timestampOffsetS: 360 }, {}, 401],
      ['an unknown Wechatpay-Serial', { serial: 'PUB_KEY_ID_0000000000000000000000000000000000' }, {}, 401],
      ['tampered ciphertext', { tamperCiphertext: true }, {}, 400],
      ['a resource sealed with another APIv3 key', { apiV3Key: 'x'.repeat(32) }, {}, 400],
      ['a wrong amount', {}, { amount: { total: 1, payer_total: 1, currency: 'CNY', payer_currency: 'CNY' } }, 400],
      ['another merchant', {}, { mchid: '1999999999' }, 400],
      ['another appid', {}, { appid: 'wx0000000000000000' }, 400],
      ['a trade_state other than SUCCESS', {}, { trade_state: 'NOTPAY' }, 400],
      ['another payer', {}, { payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' } }, 400],
      ['no payer', {}, { payer: undefined }, 400],
      ['another currency', {}, { amount: { total: 1800, payer_total: 1800, currency: 'USD', payer_currency: 'USD' } }, 400],
    ])('%s', async (_what, forge, change, status) => {
      const res = await notify(forgeNotification(successTransaction(trade, change), forge))
      expect(res.statusCode).toBe(status)
      expect(res.json()).toEqual({ code: 'FAIL', message: expect.any(String) })
      expect((await order(target.id)).status).toBe('pending')
      expect(await entitlementCount()).toBe(0)
    })

    it('acknowledges (204) a verified notification of another kind, recording nothing', async () => {
      // Refund notifications are applied (pay-refunds.test.ts); other kinds are only acknowledged.
      const res = await notify(forgeNotification(successTransaction(trade), { eventType: 'MCHTRANSFER.BILL.FINISHED' }))
      expect(res.statusCode).toBe(204)
      expect((await order(target.id)).status).toBe('pending')
      expect(await entitlementCount()).toBe(0)
      // Still verified first: an unsigned one of any kind is refused.
      expect((await notify(forgeNotification(successTransaction(trade), { eventType: 'MCHTRANSFER.BILL.FINISHED', signature: () => 'AAAA' }))).statusCode).toBe(401)
    })

    it('an unknown out_trade_no, a non-JSON type, an empty body and an oversized body', async () => {
      const unknown = await notify(forgeNotification(successTransaction({ ...trade, outTradeNo: 'NOSUCHORDER123' })))
      expect(unknown.statusCode).toBe(404)
      const n = forgeNotification(successTransaction(trade))
      const text = await app.inject({ method: 'POST', url: '/api/pay/notify', payload: n.body, headers: { ...n.headers, 'content-type': 'text/plain' } })
      expect(text.statusCode).toBe(415)
      expect(text.json().code).toBe('FAIL')
      const empty = await app.inject({ method: 'POST', url: '/api/pay/notify', payload: '', headers: n.headers })
      expect(empty.statusCode).toBeGreaterThanOrEqual(400)
      const huge = await app.inject({ method: 'POST', url: '/api/pay/notify', payload: `{"x":"${'a'.repeat(40_000)}"}`, headers: n.headers })
      expect(huge.statusCode).toBe(413)
      expect(huge.json().code).toBe('FAIL')
      expect((await order(target.id)).status).toBe('pending')
    })
  })

  it('records 20 concurrent duplicate notifications and a status query exactly once', async () => {
    // The simulator's own notification is lost; ours race with the status query.
    await simAdmin(sim).fault({ notify: 'drop', count: 100 })
    const { orderId } = await buyAndConfirm(reader, sim, { productId: 'unlock-paywall-design', articleId: 'paywall-design' })
    const trade = await tradeOf(orderId)
    const n = forgeNotification(successTransaction(trade))
    const results = await Promise.all([
      ...Array.from({ length: 20 }, () => notify(n)),
      reader.request('GET', `/api/orders/${orderId}`),
    ])
    expect(results.slice(0, 20).map(r => r.statusCode)).toEqual(Array.from({ length: 20 }, () => 204))
    expect(results[20]!.statusCode).toBe(200)
    expect((await order(orderId)).status).toBe('paid')
    expect(await entitlementCount()).toBe(1)
    expect(await rows(`SELECT id FROM orders WHERE status = 'paid'`)).toHaveLength(1)
    // A late duplicate is still acknowledged.
    expect((await notify(forgeNotification(successTransaction(trade)))).statusCode).toBe(204)
    expect(await entitlementCount()).toBe(1)
  })

  it('recovers a dropped notification through the status query', async () => {
    await simAdmin(sim).fault({ notify: 'drop', count: 100 })
    const { orderId } = await buyAndConfirm(reader, sim, { productId: 'membership-yearly' })
    await new Promise(r => setTimeout(r, 100))
    expect((await order(orderId)).status).toBe('pending')
    const res = await reader.request('GET', `/api/orders/${orderId}`)
    expect(res.json()).toMatchObject({ id: orderId, status: 'paid', paidAt: expect.any(String) })
    expect((await reader.request('GET', '/api/membership')).json()).toMatchObject({ active: true, tier: { id: 'membership-yearly' } })
  })

  it('is recorded by the simulator\'s duplicate deliveries once', async () => {
    await simAdmin(sim).fault({ notify: 'duplicate', count: 3 })
    const { orderId } = await buyAndConfirm(reader, sim, { productId: 'membership-monthly' })
    await waitFor(async () => (await order(orderId)).status === 'paid')
    await new Promise(r => setTimeout(r, 100))
    expect(await entitlementCount()).toBe(1)
  })

  it('rejects the simulator\'s signature probe, then accepts the real retry', async () => {
    // A simulator of its own: retries still in flight from earlier tests' orders would otherwise
    // take the one-shot probe fault meant for this order's first delivery.
    const own = await startTestSimulator()
    const ownApp = await buildPayApp(own, { listen: true })
    try {
      const ownReader = await signedIn(ownApp, own)
      await simAdmin(own).fault({ notify: 'signtest' })
      const { orderId } = await buyAndConfirm(ownReader, own, { productId: 'membership-monthly' })
      await waitFor(async () => (await order(orderId)).status === 'paid')
      const log = (await simOrder(own, (await order(orderId)).out_trade_no)).deliveries
      expect(log[0]).toMatchObject({ probe: true, status: 401, outcome: 'failed' })
      expect(log.at(-1)).toMatchObject({ status: 204, outcome: 'delivered' })
      expect(simulatorSetup().platformPublicKeyId).toMatch(/^PUB_KEY_ID_/)
    }
    finally {
      await ownApp.close()
      await own.close()
    }
  })
})
