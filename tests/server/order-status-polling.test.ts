import type { App } from '../../src/server/app.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildPayApp, confirmAtSimulator, prepayIdOf, rows, signedIn } from './helpers/pay.ts'
import { simAdmin, startTestSimulator } from './helpers/simulator.ts'

/** WeChat Pay 查询订单 calls the simulator saw (GET …/out-trade-no/{no}, not …/close). */
async function queries(sim: RunningSimulator): Promise<number> {
  const calls = await simAdmin(sim).calls()
  return Object.entries(calls).filter(([path]) => path.includes('/out-trade-no/') && !path.endsWith('/close')).reduce((n, [, c]) => n + c, 0)
}

describe('order status polling: GET /api/orders/:id asks WeChat Pay at most once every few seconds per order', () => {
  let sim: RunningSimulator
  let app: App
  beforeAll(async () => {
    sim = await startTestSimulator()
  })
  afterEach(async () => {
    await simAdmin(sim).clearFaults()
    await app?.close()
  })
  afterAll(() => sim.close())

  it('answers many tabs polling at once from one query, then from the database', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    const { orderId } = (await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })).json()
    await simAdmin(sim).resetCalls()
    const polls = await Promise.all(Array.from({ length: 12 }, () => reader.request('GET', `/api/orders/${orderId}`)))
    expect(polls.map(p => p.statusCode)).toEqual(polls.map(() => 200))
    expect(polls.every(p => p.json().status === 'pending')).toBe(true)
    for (let i = 0; i < 5; i++)
      expect((await reader.request('GET', `/api/orders/${orderId}`)).json().status).toBe('pending')
    expect(await queries(sim)).toBe(1)
  })

  it('asks again once the interval has passed, and a notification shows at once in between', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    await simAdmin(sim).fault({ notify: 'drop', count: 100 })
    const created = (await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })).json()
    expect((await reader.request('GET', `/api/orders/${created.orderId}`)).json().status).toBe('pending')
    await confirmAtSimulator(sim, prepayIdOf(created.pay))
    // Paid at WeChat Pay, notification lost: within the interval the database still says pending…
    expect((await reader.request('GET', `/api/orders/${created.orderId}`)).json().status).toBe('pending')
    // …and once the last query is old enough, the next poll asks and finds it paid.
    await rows(`UPDATE orders SET status_queried_at = now() - interval '1 minute' WHERE id = $1`, [created.orderId])
    expect((await reader.request('GET', `/api/orders/${created.orderId}`)).json().status).toBe('paid')
  })
})
