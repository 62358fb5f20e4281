import type { App } from '../../src/server/app.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildPayApp, buy, buyAndConfirm, rows, signedIn, simOrder } from './helpers/pay.ts'
import { simAdmin, startTestSimulator } from './helpers/simulator.ts'

const statuses = async () => (await rows<{ status: string }>('SELECT status FROM orders ORDER BY id')).map(o => o.status)
const outTradeNo = async (id: number) => (await rows<{ out_trade_no: string }>('SELECT out_trade_no FROM orders WHERE id = $1', [id]))[0]!.out_trade_no

describe('replacing and reusing pending orders', () => {
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

  it('answers 409 ALREADY_PAID, creating nothing payable, when the order it would replace turns out paid', async () => {
    app = await buildPayApp(sim, { clock })
    const reader = await signedIn(app, sim)
    await simAdmin(sim).fault({ notify: 'drop', count: 100 })
    const { orderId } = await buyAndConfirm(reader, sim, { productId: 'membership-monthly' })
    // Too close to expiry to reuse: replacing it means closing it, and WeChat Pay says ORDERPAID.
    clock.offsetMs = 110 * 60_000
    const res = await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })
    expect(res.statusCode).toBe(409)
    expect(res.json().error).toMatchObject({ code: 'ALREADY_PAID', message: expect.stringContaining(`Order ${orderId} `) })
    expect(await statuses()).toEqual(['paid'])
    expect((await reader.request('GET', '/api/membership')).json().active).toBe(true)
  })

  it('the same when another membership tier was paid meanwhile', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    await simAdmin(sim).fault({ notify: 'drop', count: 100 })
    const { orderId } = await buyAndConfirm(reader, sim, { productId: 'membership-monthly' })
    const res = await reader.request('POST', '/api/orders', { productId: 'membership-yearly' })
    expect(res.json().error).toMatchObject({ code: 'ALREADY_PAID', message: expect.stringContaining(`Order ${orderId} `) })
    expect(await statuses()).toEqual(['paid'])
  })

  it('an unlock that turns out paid answers ALREADY_ENTITLED (the SPA shows the article)', async () => {
    app = await buildPayApp(sim, { clock })
    const reader = await signedIn(app, sim)
    await simAdmin(sim).fault({ notify: 'drop', count: 100 })
    await buyAndConfirm(reader, sim, { productId: 'unlock-paywall-design', articleId: 'paywall-design' })
    clock.offsetMs = 110 * 60_000
    const res = await reader.request('POST', '/api/orders', { productId: 'unlock-paywall-design', articleId: 'paywall-design' })
    expect(res.json().error.code).toBe('ALREADY_ENTITLED')
    expect(await statuses()).toEqual(['paid'])
  })

  it('buying one membership tier closes the other tier\'s pending order at WeChat Pay', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    const monthly = (await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })).json()
    const yearly = (await reader.request('POST', '/api/orders', { productId: 'membership-yearly' })).json()
    expect(yearly).toMatchObject({ reused: false, amountFen: 16800 })
    expect(await statuses()).toEqual(['closed', 'pending'])
    expect((await simOrder(sim, await outTradeNo(monthly.orderId))).order.trade_state).toBe('CLOSED')
    // Back to monthly: a new order again, the yearly one closed.
    const again = (await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })).json()
    expect(again.orderId).not.toBe(monthly.orderId)
    expect(await statuses()).toEqual(['closed', 'closed', 'pending'])
  })

  it('never hands a member a payable unlock: the pending one is closed, 409 ALREADY_ENTITLED', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    const unlock = (await reader.request('POST', '/api/orders', { productId: 'unlock-paywall-design', articleId: 'paywall-design' })).json()
    await buy(reader, sim, { productId: 'membership-monthly' })
    const res = await reader.request('POST', '/api/orders', { productId: 'unlock-paywall-design', articleId: 'paywall-design' })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('ALREADY_ENTITLED')
    expect((await rows<{ status: string }>('SELECT status FROM orders WHERE id = $1', [unlock.orderId]))[0]!.status).toBe('closed')
    expect((await simOrder(sim, await outTradeNo(unlock.orderId))).order.trade_state).toBe('CLOSED')
  })

  it('a slow WeChat Pay holds up only that reader\'s ordering, not the database', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    const other = await signedIn(app, sim, 'android')
    await simAdmin(sim).fault({ api: '/v3/pay/transactions/jsapi', mode: 'slow', delayMs: 1500, count: 1 })
    let ordered = false
    const slow = reader.request('POST', '/api/orders', { productId: 'membership-monthly' }).then((r) => {
      ordered = true
      return r
    })
    await new Promise(r => setTimeout(r, 300))
    // Other requests, another reader's order included, go ahead while the prepay call waits.
    expect((await other.request('GET', '/api/articles/paywall-design')).statusCode).toBe(200)
    expect((await other.request('POST', '/api/orders', { productId: 'membership-yearly' })).statusCode).toBe(201)
    expect(ordered).toBe(false)
    expect((await slow).statusCode).toBe(201)
  })
})
