import type { App } from '../../src/server/app.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildPayApp, buy, buyAndConfirm, forgeNotification, rows, signedIn, simOrder, successTransaction, tradeOf, waitFor } from './helpers/pay.ts'
import { simAdmin, startTestSimulator } from './helpers/simulator.ts'

const DAY = 86_400_000
const ADMIN = { authorization: 'Bearer test-admin-token-0123456789' }

describe('memberships, refunds and reconciliation', () => {
  let sim: RunningSimulator
  let app: App
  const clock = { offsetMs: 0 }
  beforeAll(async () => {
    sim = await startTestSimulator()
  })
  afterEach(async () => {
    clock.offsetMs = 0
    await simAdmin(sim).clearFaults()
    await app.close()
  })
  afterAll(() => sim.close())

  const expiryOf = async (reader: Awaited<ReturnType<typeof signedIn>>) => Date.parse((await reader.request('GET', '/api/membership')).json().expiresAt)
  const admin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = ADMIN) =>
    app.inject({ method, url, payload: payload as never, headers })
  /** A refund is answered PROCESSING; the operator's order view asks WeChat Pay until it settles. */
  const settled = async (orderId: number) => {
    await waitFor(async () => (await admin('GET', `/api/admin/orders/${orderId}`)).json().refunds.every((r: { status: string }) => r.status !== 'PROCESSING'))
    return (await admin('GET', `/api/admin/orders/${orderId}`)).json()
  }

  it('extends a renewal from the current expiry, not from today', async () => {
    app = await buildPayApp(sim, { clock })
    const reader = await signedIn(app, sim)
    expect((await reader.request('GET', '/api/membership')).json()).toMatchObject({ active: false, tiers: [{ id: 'membership-monthly', priceFen: 1800, durationDays: 30 }, { id: 'membership-yearly', priceFen: 16800, durationDays: 365 }] })
    await buy(reader, sim, { productId: 'membership-monthly' })
    const first = await expiryOf(reader)
    clock.offsetMs = 10 * DAY
    await buy(reader, sim, { productId: 'membership-yearly' })
    expect(await expiryOf(reader)).toBe(first + 365 * DAY)
    expect((await reader.request('GET', '/api/membership')).json()).toMatchObject({ active: true, tier: { id: 'membership-yearly', title: '年度会员' } })
    // Lapsed: a new purchase starts from now.
    clock.offsetMs = 400 * DAY
    expect((await reader.request('GET', '/api/membership')).json().active).toBe(false)
    await buy(reader, sim, { productId: 'membership-monthly' })
    expect(Math.abs(await expiryOf(reader) - (Date.now() + clock.offsetMs + 30 * DAY))).toBeLessThan(60_000)
  })

  it('refunds through APIv3 and revokes exactly what the order granted, once', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    // Members cannot buy unlocks (they already read everything): unlock first.
    const unlock = await buy(reader, sim, { productId: 'unlock-creator-income', articleId: 'creator-income' })
    const monthly = await buy(reader, sim, { productId: 'membership-monthly' })
    await buy(reader, sim, { productId: 'membership-monthly' })
    const before = await expiryOf(reader)

    const asked = await admin('POST', `/api/admin/orders/${monthly}/refund`, { reason: '误购' })
    expect(asked.statusCode).toBe(200)
    // WeChat Pay answers PROCESSING: nothing is taken back until the refund succeeds.
    expect(asked.json()).toMatchObject({ id: monthly, status: 'paid', refundedFen: 0, refundableFen: 0, refunds: [{ amountFen: 1800, status: 'PROCESSING', reason: '误购' }] })
    expect(await expiryOf(reader)).toBe(before)
    const refunded = await settled(monthly)
    expect(refunded).toMatchObject({ id: monthly, status: 'refunded', refundedFen: 1800, refundedAt: expect.any(String), outRefundNo: expect.any(String), refunds: [{ status: 'SUCCESS' }] })
    // The second month, queued behind the refunded one, now runs from when it was bought:
    // a month less, give or take the moments between the two purchases.
    const after = await expiryOf(reader)
    expect(Math.abs(after - (before - 30 * DAY))).toBeLessThan(10_000)
    const upstream = await simOrder(sim, refunded.outTradeNo)
    expect(upstream.refunds).toMatchObject([{ refund: 1800 }])
    // Again: same answer, nothing shrinks twice, no second refund upstream.
    expect((await admin('POST', `/api/admin/orders/${monthly}/refund`, { reason: '误购' })).json().status).toBe('refunded')
    expect(await expiryOf(reader)).toBe(after)
    expect((await simOrder(sim, refunded.outTradeNo)).refunds).toHaveLength(1)

    // Still a member from the second month: the unlock is what shows the article now.
    await admin('POST', `/api/admin/orders/${unlock}/refund`, {})
    await settled(unlock)
    const member = (await reader.request('GET', '/api/articles/creator-income')).json()
    expect(member.locked).toBe(false)
    const [entitlement] = await rows<{ revoked_at: string | null }>('SELECT revoked_at FROM entitlements WHERE order_id = $1', [unlock])
    expect(entitlement!.revoked_at).not.toBeNull()
    expect((await reader.request('GET', '/api/orders')).json().orders.filter((o: { status: string }) => o.status === 'refunded')).toHaveLength(2)
  })

  it('a refund takes back its own period, never a later purchase\'s', async () => {
    app = await buildPayApp(sim, { clock })
    const reader = await signedIn(app, sim)
    const first = await buy(reader, sim, { productId: 'membership-monthly' })
    clock.offsetMs = 60 * DAY
    expect((await reader.request('GET', '/api/membership')).json().active).toBe(false)
    const second = await buy(reader, sim, { productId: 'membership-monthly' })
    const expiry = await expiryOf(reader)
    expect(Math.abs(expiry - (Date.now() + clock.offsetMs + 30 * DAY))).toBeLessThan(60_000)

    await admin('POST', `/api/admin/orders/${first}/refund`, {})
    expect((await settled(first)).status).toBe('refunded')
    expect((await reader.request('GET', '/api/membership')).json()).toMatchObject({ active: true, expiresAt: new Date(expiry).toISOString() })
    const periods = await rows<{ order_id: string, ends_at: Date, revoked_at: Date | null }>('SELECT order_id, ends_at, revoked_at FROM entitlements ORDER BY order_id')
    expect(periods.map(p => [Number(p.order_id), p.revoked_at !== null])).toEqual([[first, true], [second, false]])
    expect(new Date(periods[1]!.ends_at).getTime()).toBe(expiry)

    // Refunding the last one too ends the membership now.
    await admin('POST', `/api/admin/orders/${second}/refund`, {})
    await settled(second)
    expect((await reader.request('GET', '/api/membership')).json().active).toBe(false)
  })

  it('refunding an unlock locks the article again', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    const unlock = await buy(reader, sim, { productId: 'unlock-paywall-design', articleId: 'paywall-design' })
    const opened = await reader.request('GET', '/api/articles/paywall-design')
    expect(opened.json().locked).toBe(false)
    expect(opened.body).toContain('【会员全文】')
    const again = await reader.request('POST', '/api/orders', { productId: 'unlock-paywall-design', articleId: 'paywall-design' })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('ALREADY_ENTITLED')
    await admin('POST', `/api/admin/orders/${unlock}/refund`)
    expect(await settled(unlock)).toMatchObject({ status: 'refunded' })
    const after = (await reader.request('GET', '/api/articles/paywall-design')).json()
    expect(after.locked).toBe(true)
    expect(JSON.stringify(after)).not.toContain('【会员全文】')
  })

  it('refuses refunds of unpaid orders and unknown ones, and needs the admin token', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    const { orderId } = (await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })).json()
    expect((await admin('POST', `/api/admin/orders/${orderId}/refund`, {})).json().error.code).toBe('ORDER_NOT_PAID')
    expect((await admin('POST', `/api/admin/orders/999999/refund`, {})).statusCode).toBe(404)
    expect((await admin('POST', `/api/admin/orders/${orderId}/refund`, {}, {})).statusCode).toBe(401)
    expect((await admin('POST', `/api/admin/orders/${orderId}/refund`, {}, { authorization: 'Bearer test-admin-token-0123456780' })).statusCode).toBe(401)
    expect((await admin('POST', `/api/admin/orders/${orderId}/refund`, {}, { authorization: 'Basic dGVzdA==' })).statusCode).toBe(401)
    await app.close()
    app = await buildPayApp(sim, { adminToken: null })
    const hidden = await admin('POST', `/api/admin/orders/${orderId}/refund`, {})
    expect(hidden.statusCode).toBe(404)
    expect((await admin('GET', '/api/admin/products')).statusCode).toBe(404)
  })

  it('lets the operator edit prices; new orders use them, existing ones keep theirs', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    const old = (await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })).json()
    const patched = await admin('PATCH', '/api/admin/products/membership-monthly', { priceFen: 1500 })
    expect(patched.json()).toMatchObject({ id: 'membership-monthly', priceFen: 1500, active: true })
    const fresh = (await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })).json()
    expect(fresh).toMatchObject({ reused: false, amountFen: 1500 })
    expect((await rows<{ amount_fen: number, status: string }>('SELECT amount_fen, status FROM orders WHERE id = $1', [old.orderId]))[0]).toEqual({ amount_fen: 1800, status: 'closed' })

    expect((await admin('PATCH', '/api/admin/products/membership-yearly', { active: false })).json().active).toBe(false)
    expect((await app.inject({ method: 'GET', url: '/api/products' })).json().products.map((p: { id: string }) => p.id)).not.toContain('membership-yearly')
    expect((await reader.request('POST', '/api/orders', { productId: 'membership-yearly' })).statusCode).toBe(404)
    expect((await admin('PATCH', '/api/admin/products/tip', { tip: { minFen: 500, maxFen: 400 } })).json().error.code).toBe('TIP_BOUNDS_INVALID')
    expect((await admin('PATCH', '/api/admin/products/tip', { priceFen: 100 })).json().error.code).toBe('FIELD_NOT_APPLICABLE')
    expect((await admin('PATCH', '/api/admin/products/membership-monthly', { priceFen: -1 })).statusCode).toBe(400)
    expect((await admin('PATCH', '/api/admin/products/membership-monthly', { priceFen: 9.9 })).statusCode).toBe(400)
    expect((await admin('PATCH', '/api/admin/products/nothing', { active: true })).statusCode).toBe(404)
    expect((await admin('PATCH', '/api/admin/products/tip', { tip: { presetsFen: [300, 600] } })).json().tip).toEqual({ presetsFen: [300, 600], minFen: 100, maxFen: 50000 })
  })

  it('the reconciliation job records lost payments and closes expired orders', async () => {
    app = await buildPayApp(sim, { clock })
    const reader = await signedIn(app, sim)
    await simAdmin(sim).fault({ notify: 'drop', count: 100 })
    const paid = await buyAndConfirm(reader, sim, { productId: 'membership-monthly' })
    const { orderId: unpaid } = (await reader.request('POST', '/api/orders', { productId: 'unlock-paywall-design', articleId: 'paywall-design' })).json()
    expect(await app.pay!.reconcile()).toEqual({ checked: 0, paid: 0, closed: 0 })

    clock.offsetMs = 5 * 60_000
    expect(await app.pay!.reconcile()).toEqual({ checked: 2, paid: 1, closed: 0 })
    clock.offsetMs = 2 * 3600_000 + 60_000
    expect(await app.pay!.reconcile()).toEqual({ checked: 1, paid: 0, closed: 1 })
    const status = await rows<{ id: number, status: string, out_trade_no: string }>('SELECT id, status, out_trade_no FROM orders ORDER BY id')
    expect(status.map(o => [Number(o.id), o.status])).toEqual([[paid.orderId, 'paid'], [unpaid, 'closed']])
    expect((await simOrder(sim, status[1]!.out_trade_no)).order.trade_state).toBe('CLOSED')
  })

  it('a payment notified for an order we already closed is still honoured', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    await simAdmin(sim).fault({ notify: 'drop', count: 100 })
    const { orderId } = await buyAndConfirm(reader, sim, { productId: 'membership-monthly' })
    await rows(`UPDATE orders SET status = 'closed' WHERE id = $1`, [orderId])
    const n = forgeNotification(successTransaction(await tradeOf(orderId)))
    const res = await app.inject({ method: 'POST', url: '/api/pay/notify', payload: n.body, headers: n.headers })
    expect(res.statusCode).toBe(204)
    expect((await reader.request('GET', `/api/orders/${orderId}`)).json().status).toBe('paid')
    expect((await reader.request('GET', '/api/membership')).json().active).toBe(true)
  })
})
