import type { App } from '../../src/server/app.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN } from './helpers/analytics.ts'
import { buildPayApp, buy, signedIn } from './helpers/pay.ts'
import { startTestSimulator } from './helpers/simulator.ts'

// Orders and payments reach the funnel from the payment code itself, not from the client.
describe('analytics: orders and payments recorded by the server', () => {
  let sim: RunningSimulator
  let app: App
  beforeAll(async () => {
    sim = await startTestSimulator()
    app = await buildPayApp(sim)
  })
  afterAll(async () => {
    await app?.close()
    await sim.close()
  })

  it('an unlock and a membership bought after the paywall count as order_created and paid, with revenue', async () => {
    const read = async (post: string) => {
      const reader = await signedIn(app, sim)
      expect((await reader.request('POST', '/api/share/visits', { path: `/articles/${post}` })).statusCode).toBe(200)
      const events = [{ type: 'page_view', path: `/articles/${post}`, articleId: post, channel: 'menu' }, { type: 'paywall_view', path: `/articles/${post}`, articleId: post }]
      expect((await reader.request('POST', '/api/events', { events })).statusCode).toBe(204)
      return reader
    }
    const unlocker = await read('paywall-design')
    await buy(unlocker, sim, { productId: 'unlock-paywall-design', articleId: 'paywall-design' })
    // A membership carries no article: it goes to the post whose paywall the buyer saw last.
    const member = await read('creator-income')
    await buy(member, sim, { productId: 'membership-monthly' })

    const funnel = async (q: string) => (await app.inject({ method: 'GET', url: `/api/admin/analytics/funnel?${q}`, headers: ADMIN })).json()
    expect(await funnel('articleId=paywall-design')).toEqual({
      steps: [{ step: 'read', readers: 1 }, { step: 'paywall_view', readers: 1 }, { step: 'order_created', readers: 1 }, { step: 'paid', readers: 1 }],
      revenueFen: 300,
    })
    expect(await funnel('articleId=creator-income')).toMatchObject({ steps: [{ readers: 1 }, { readers: 1 }, { readers: 1 }, { readers: 1 }], revenueFen: 1800 })
    expect(await funnel('tier=membership-monthly')).toMatchObject({ steps: [{ readers: 2 }, { readers: 2 }, { readers: 1 }, { readers: 1 }], revenueFen: 1800 })
    expect(await funnel('')).toMatchObject({ steps: [{ readers: 2 }, { readers: 2 }, { readers: 2 }, { readers: 2 }], revenueFen: 2100 })
  })
})
