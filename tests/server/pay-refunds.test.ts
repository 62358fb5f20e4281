import type { App } from '../../src/server/app.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildPayApp, buy, forgeNotification, rows, signedIn, simOrder, waitFor } from './helpers/pay.ts'
import { simAdmin, simulatorSetup, startTestSimulator } from './helpers/simulator.ts'
import { getTestDatabase } from './helpers/test-database.ts'

const DAY = 86_400_000
const ADMIN = { authorization: 'Bearer test-admin-token-0123456789' }

describe('refunds tracked to the money', () => {
  let sim: RunningSimulator
  let app: App
  beforeAll(async () => {
    sim = await startTestSimulator()
    await getTestDatabase()
  }, 120_000)
  afterEach(async () => {
    await simAdmin(sim).clearFaults()
    await app.close()
  })
  afterAll(() => sim.close())

  const admin = (method: 'GET' | 'POST', url: string, payload?: unknown) => app.inject({ method, url, payload: payload as never, headers: ADMIN })
  const view = async (orderId: number) => (await admin('GET', `/api/admin/orders/${orderId}`)).json()
  const settled = async (orderId: number) => {
    await waitFor(async () => (await view(orderId)).refunds.every((r: { status: string }) => r.status !== 'PROCESSING'))
    return view(orderId)
  }
  const expiryOf = async (reader: Awaited<ReturnType<typeof signedIn>>) => Date.parse((await reader.request('GET', '/api/membership')).json().expiresAt)
  const refundRows = () => rows<{ out_refund_no: string, amount_fen: number, status: string }>('SELECT out_refund_no, amount_fen, status FROM refunds ORDER BY id')

  it('refunds part of a membership, shortening its period, several times up to what remains; every refund is audited', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    const monthly = await buy(reader, sim, { productId: 'membership-monthly' })
    const before = await expiryOf(reader)

    const first = await admin('POST', `/api/admin/orders/${monthly}/refund`, { amountFen: 600, reason: '部分退款' })
    expect(first.json()).toMatchObject({ status: 'paid', refundableFen: 1200, refunds: [{ amountFen: 600, status: 'PROCESSING' }] })
    expect(await settled(monthly)).toMatchObject({ status: 'paid', refundedFen: 600, refundableFen: 1200, refunds: [{ status: 'SUCCESS', succeededAt: expect.any(String) }] })
    // 1200 of 1800 fen still paid: 20 of 30 days.
    expect(await expiryOf(reader)).toBe(before - 10 * DAY)
    expect((await reader.request('GET', '/api/membership')).json().active).toBe(true)

    const tooMuch = await admin('POST', `/api/admin/orders/${monthly}/refund`, { amountFen: 1201 })
    expect(tooMuch.statusCode).toBe(409)
    expect(tooMuch.json().error.code).toBe('REFUND_EXCEEDS_REMAINING')
    expect((await admin('POST', `/api/admin/orders/${monthly}/refund`, { amountFen: 0 })).statusCode).toBe(400)

    await admin('POST', `/api/admin/orders/${monthly}/refund`, {})
    expect(await settled(monthly)).toMatchObject({ status: 'refunded', refundedFen: 1800, refundableFen: 0, refundedAt: expect.any(String) })
    expect((await reader.request('GET', '/api/membership')).json().active).toBe(false)
    const upstream = await simOrder(sim, (await view(monthly)).outTradeNo)
    expect(upstream.refunds.map((r: { refund: number }) => r.refund)).toEqual([600, 1200])

    const audit = await rows<{ actor: string, action: string, target_id: string, details: { amountFen: number }, ip: string }>('SELECT actor, action, target_id, details, ip FROM audit_log ORDER BY id')
    expect(audit.map(a => [a.actor, a.action, a.target_id, a.details.amountFen])).toEqual([['admin-token', 'order.refund', String(monthly), 600], ['admin-token', 'order.refund', String(monthly), 1200]])
    expect(audit[0]!.ip).toBeTruthy()
    // A failed attempt (over the remainder) changed nothing and left no entry.
  })

  it('PROCESSING keeps access; a CLOSED refund frees its amount for a retry', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    const unlock = await buy(reader, sim, { productId: 'unlock-paywall-design', articleId: 'paywall-design' })
    await simAdmin(sim).fault({ refund: 'PROCESSING', count: 1 })
    await admin('POST', `/api/admin/orders/${unlock}/refund`, {})
    expect((await view(unlock)).refunds).toMatchObject([{ status: 'PROCESSING' }])
    expect((await reader.request('GET', '/api/articles/paywall-design')).json().locked).toBe(false)
    // Nothing more can be asked for while it is under way.
    expect((await admin('POST', `/api/admin/orders/${unlock}/refund`, { amountFen: 1 })).json().error.code).toBe('REFUND_EXCEEDS_REMAINING')

    const [held] = await refundRows()
    await fetch(`${sim.origin}/__sim/refunds/${held!.out_refund_no}/settle`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'CLOSED' }) })
    expect(await settled(unlock)).toMatchObject({ status: 'paid', refundedFen: 0, refundableFen: 300, refunds: [{ status: 'CLOSED' }] })
    expect((await reader.request('GET', '/api/articles/paywall-design')).json().locked).toBe(false)

    await admin('POST', `/api/admin/orders/${unlock}/refund`, {})
    expect(await settled(unlock)).toMatchObject({ status: 'refunded', refunds: [{ status: 'CLOSED' }, { status: 'SUCCESS' }] })
    expect((await reader.request('GET', '/api/articles/paywall-design')).json().locked).toBe(true)
  })

  it('settles from REFUND.* notifications: ABNORMAL holds the amount without revoking, a later SUCCESS revokes', async () => {
    app = await buildPayApp(sim, { listen: true })
    const reader = await signedIn(app, sim)
    const unlock = await buy(reader, sim, { productId: 'unlock-paywall-design', articleId: 'paywall-design' })
    await simAdmin(sim).fault({ refund: 'ABNORMAL', count: 1 })
    await admin('POST', `/api/admin/orders/${unlock}/refund`, {})
    // No admin view in between: the notification alone moves the row.
    await waitFor(async () => (await refundRows())[0]?.status === 'ABNORMAL')
    expect((await reader.request('GET', '/api/articles/paywall-design')).json().locked).toBe(false)
    const [row] = await refundRows()
    await fetch(`${sim.origin}/__sim/refunds/${row!.out_refund_no}/settle`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'SUCCESS' }) })
    await waitFor(async () => (await refundRows())[0]?.status === 'SUCCESS')
    expect((await reader.request('GET', '/api/articles/paywall-design')).json().locked).toBe(true)
  })

  it('the reconciliation job settles a refund whose notification was lost', async () => {
    app = await buildPayApp(sim, { listen: true })
    const reader = await signedIn(app, sim)
    const unlock = await buy(reader, sim, { productId: 'unlock-paywall-design', articleId: 'paywall-design' })
    await simAdmin(sim).fault({ notify: 'drop', count: 100 })
    await admin('POST', `/api/admin/orders/${unlock}/refund`, {})
    await waitFor(async () => (await simOrder(sim, (await refundRows())[0]!.out_refund_no.replace(/R\d+$/, ''))).refunds[0].status === 'SUCCESS')
    expect((await refundRows())[0]!.status).toBe('PROCESSING')
    expect(await app.pay!.reconcileRefunds()).toEqual({ checked: 1, succeeded: 1, closed: 0, abnormal: 0 })
    expect((await refundRows())[0]!.status).toBe('SUCCESS')
    expect((await reader.request('GET', '/api/articles/paywall-design')).json().locked).toBe(true)
  })

  it('counts a SUCCESS once when notifications and the query race', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    const monthly = await buy(reader, sim, { productId: 'membership-monthly' })
    await simAdmin(sim).fault({ refund: 'PROCESSING', count: 1 })
    await admin('POST', `/api/admin/orders/${monthly}/refund`, { amountFen: 900 })
    const [row] = await refundRows()
    const order = await view(monthly)
    await fetch(`${sim.origin}/__sim/refunds/${row!.out_refund_no}/settle`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'SUCCESS' }) })
    const s = simulatorSetup()
    const notice = { mchid: s.mchId, out_trade_no: order.outTradeNo, out_refund_no: row!.out_refund_no, refund_id: '50000000001', refund_status: 'SUCCESS', success_time: '2026-01-01T10:00:00+08:00', amount: { total: 1800, refund: 900, payer_total: 1800, payer_refund: 900 } }
    const send = () => {
      const n = forgeNotification(notice, { eventType: 'REFUND.SUCCESS' })
      return app.inject({ method: 'POST', url: '/api/pay/notify', payload: n.body, headers: n.headers })
    }
    const answers = await Promise.all([send(), send(), app.pay!.reconcileRefunds(), send(), admin('GET', `/api/admin/orders/${monthly}`)])
    expect(answers.filter(a => 'statusCode' in a && a.statusCode !== 204 && a.statusCode !== 200)).toEqual([])
    const [stored] = await rows<{ refunded_fen: number, status: string }>('SELECT refunded_fen, status FROM orders WHERE id = $1', [monthly])
    expect(stored).toEqual({ refunded_fen: 900, status: 'paid' })
    const [grant] = await rows<{ duration_days: number }>('SELECT duration_days FROM entitlements WHERE order_id = $1', [monthly])
    expect(grant!.duration_days).toBe(15)
    // A notice for a refund the kit did not make is acknowledged; one that does not match is refused.
    const other = forgeNotification({ ...notice, out_refund_no: 'MADE-ELSEWHERE-1' }, { eventType: 'REFUND.SUCCESS' })
    expect((await app.inject({ method: 'POST', url: '/api/pay/notify', payload: other.body, headers: other.headers })).statusCode).toBe(204)
    const wrong = forgeNotification({ ...notice, amount: { total: 1800, refund: 1800 } }, { eventType: 'REFUND.SUCCESS' })
    expect((await app.inject({ method: 'POST', url: '/api/pay/notify', payload: wrong.body, headers: wrong.headers })).statusCode).toBe(400)
  })

  it('records price edits in the audit log with before and after', async () => {
    app = await buildPayApp(sim)
    await app.inject({ method: 'PATCH', url: '/api/admin/products/membership-monthly', payload: { priceFen: 1500 }, headers: ADMIN, remoteAddress: '203.0.113.50' })
    const [entry] = await rows<{ action: string, target_type: string, target_id: string, details: unknown, ip: string }>('SELECT action, target_type, target_id, details, ip FROM audit_log')
    expect(entry).toEqual({ action: 'product.update', target_type: 'product', target_id: 'membership-monthly', details: { before: { priceFen: 1800 }, after: { priceFen: 1500 } }, ip: '203.0.113.50' })
  })
})
