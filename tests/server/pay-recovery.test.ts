import type { App } from '../../src/server/app.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildPayApp, buyAndConfirm, confirmAtSimulator, prepayIdOf, rows, signedIn } from './helpers/pay.ts'
import { simAdmin, startTestSimulator } from './helpers/simulator.ts'

const MINUTE = 60_000
const QUERY = '/v3/pay/transactions/out-trade-no/:out_trade_no'

describe('finding lost payments without the client\'s help', () => {
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

  const queries = async () => Object.entries(await simAdmin(sim).calls())
    .filter(([path]) => path.startsWith('/v3/pay/transactions/out-trade-no/') && !path.endsWith('/close'))
    .reduce((n, [, count]) => n + count, 0)

  it('opening the locked article after a dropped notification shows the premium body', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    await simAdmin(sim).fault({ notify: 'drop', count: 100 })
    await buyAndConfirm(reader, sim, { productId: 'unlock-paywall-design', articleId: 'paywall-design' })
    const article = (await reader.request('GET', '/api/articles/paywall-design')).json()
    expect(article.locked).toBe(false)
    expect(JSON.stringify(article.blocks)).toContain('【会员全文】')
  })

  it('so does the membership page', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    await simAdmin(sim).fault({ notify: 'drop', count: 100 })
    await buyAndConfirm(reader, sim, { productId: 'membership-yearly' })
    expect((await reader.request('GET', '/api/membership')).json()).toMatchObject({ active: true, tier: { id: 'membership-yearly' } })
  })

  it('asks at most once per reader every 10 s, and a WeChat Pay outage only leaves the article locked', async () => {
    app = await buildPayApp(sim, { clock })
    const reader = await signedIn(app, sim)
    await simAdmin(sim).fault({ notify: 'drop', count: 100 })
    const created = (await reader.request('POST', '/api/orders', { productId: 'unlock-paywall-design', articleId: 'paywall-design' })).json()
    await simAdmin(sim).fault({ api: QUERY, mode: 'errcode', status: 500, count: 1 })
    await simAdmin(sim).resetCalls()
    const down = await reader.request('GET', '/api/articles/paywall-design')
    expect(down.statusCode).toBe(200)
    expect(down.json().locked).toBe(true)
    expect(await queries()).toBe(1)

    await confirmAtSimulator(sim, prepayIdOf(created.pay))
    expect((await reader.request('GET', '/api/articles/paywall-design')).json().locked).toBe(true)
    expect(await queries()).toBe(1)
    clock.offsetMs = 11_000
    expect((await reader.request('GET', '/api/articles/paywall-design')).json().locked).toBe(false)
    expect(await queries()).toBe(2)
  })

  it('does not keep the reader waiting on a WeChat Pay that does not answer', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })
    await simAdmin(sim).fault({ api: QUERY, mode: 'timeout', delayMs: 3000, count: 1 })
    const started = Date.now()
    const res = await reader.request('GET', '/api/membership')
    expect(res.statusCode).toBe(200)
    expect(res.json().active).toBe(false)
    expect(Date.now() - started).toBeLessThan(2500)
  })

  it('the reconciliation job backs off: 1, 2, 5, 10, 30, 60, 90 minutes, then closes at expiry', async () => {
    app = await buildPayApp(sim, { clock })
    const reader = await signedIn(app, sim)
    await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })
    const checkedAt = async (minutes: number) => {
      clock.offsetMs = minutes * MINUTE
      return (await app.pay!.reconcile()).checked
    }
    const asked: number[] = []
    for (const minute of [0.5, 1.1, 1.5, 2.1, 4, 5.1, 9, 10.1, 20, 29, 30.1, 45, 60.1, 89, 90.1, 110, 119]) {
      if (await checkedAt(minute) > 0)
        asked.push(minute)
    }
    expect(asked).toEqual([1.1, 2.1, 5.1, 10.1, 30.1, 60.1, 90.1])
    clock.offsetMs = 120.5 * MINUTE
    expect(await app.pay!.reconcile()).toEqual({ checked: 1, paid: 0, closed: 1 })
  })

  it('instances running the job together ask about an order once', async () => {
    app = await buildPayApp(sim, { clock })
    const reader = await signedIn(app, sim)
    await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })
    clock.offsetMs = 1.5 * MINUTE
    await simAdmin(sim).resetCalls()
    const runs = await Promise.all([app.pay!.reconcile(), app.pay!.reconcile(), app.pay!.reconcile()])
    expect(runs.reduce((n, r) => n + r.checked, 0)).toBe(1)
    expect(await queries()).toBe(1)
  })

  it('also reconciles orders whose next check was set by SQL (microsecond timestamps, e.g. pending when 0006 ran)', async () => {
    app = await buildPayApp(sim, { clock })
    const reader = await signedIn(app, sim)
    const { orderId } = (await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })).json()
    await rows(`UPDATE orders SET next_sync_at = now() - interval '1.234567 seconds' WHERE id = $1`, [orderId])
    expect((await app.pay!.reconcile()).checked).toBe(1)
    expect((await app.pay!.reconcile()).checked).toBe(0)
  })
})
