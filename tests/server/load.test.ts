import type { App } from '../../src/server/app.ts'
import type { Database } from '../../src/server/db/database.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/server/app.ts'
import { createSession } from '../../src/server/db/queries/sessions.ts'
import { upsertUser } from '../../src/server/db/queries/users.ts'
import { crowdOpenid } from '../../src/simulator/openid.ts'
import { forgeNotification, prepayIdOf, reseed, rows, successTransaction, tradeOf } from './helpers/pay.ts'
import { configFor, simulatorSetup, startTestSimulator } from './helpers/simulator.ts'
import { openTestDatabaseWithPool, resetDatabase } from './helpers/test-database.ts'

const FOLLOWERS = 20
const TAPS = 14
const UNLOCK = { productId: 'unlock-pay-apiv3-deep-dive', articleId: 'pay-apiv3-deep-dive' }

/**
 * The launch-day scenario on whichever backend the suite runs on (PGlite, or the
 * PostgreSQL server of TEST_DATABASE_URL): a crowd paying for the same article at
 * once, one impatient follower tapping "pay" again and again, every notification
 * arriving together, while readers keep opening the article list and their profile.
 * Everything goes through real HTTP. Latency is reported, not asserted (a shared CI
 * machine decides it); what is asserted is that nothing ever answers 5xx.
 */
describe.each([
  { poolSize: 10 },
  { poolSize: 2 },
])('under load (database pool of $poolSize on PostgreSQL; PGlite has none)', ({ poolSize }) => {
  let sim: RunningSimulator
  let app: App
  let origin: string
  let handle: { database: Database, close: () => Promise<void> }

  beforeAll(async () => {
    sim = await startTestSimulator()
    handle = await openTestDatabaseWithPool(poolSize)
  })
  afterEach(async () => {
    await app?.close()
  })
  afterAll(async () => {
    await handle.close()
    await sim.close()
  })

  async function start(): Promise<App> {
    const { database } = handle
    await resetDatabase(database)
    await reseed(database)
    const config = configFor(sim)
    app = await build(config, { database, rateLimitMax: 100_000, reconcileIntervalMs: false })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    config.pay!.notifyUrl = `${origin}/api/pay/notify`
    return app
  }

  /** Signed-in followers made directly in the database (the consent page offers only two people). */
  async function followers(n: number): Promise<string[]> {
    const { db } = handle.database
    const cookies: string[] = []
    for (let i = 1; i <= n; i++) {
      const user = await upsertUser(db, { openid: crowdOpenid(simulatorSetup().appId, i), nickname: `读者${i}`, isSnapshot: false })
      const { token } = await createSession(db, user.id)
      cookies.push(`sid=${app.signCookie(token)}`)
    }
    return cookies
  }

  const post = (path: string, cookie: string, body: unknown) => fetch(`${origin}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) })

  /** Readers opening the list (anonymous) and their profile (signed in) until stopped. */
  function readers(cookie: string) {
    const samples: { status: number, ms: number, path: string }[] = []
    const state = { running: true }
    const loop = async (path: string, headers: Record<string, string>) => {
      while (state.running) {
        const t0 = performance.now()
        const res = await fetch(`${origin}${path}`, { headers })
        await res.arrayBuffer()
        samples.push({ status: res.status, ms: performance.now() - t0, path })
      }
    }
    const loops = [
      ...Array.from({ length: 3 }, () => loop('/api/articles', {})),
      ...Array.from({ length: 3 }, () => loop('/api/me', { cookie })),
    ]
    return {
      async stop() {
        state.running = false
        await Promise.all(loops)
        return samples
      },
    }
  }

  function report(label: string, samples: { status: number, ms: number, path: string }[]) {
    for (const path of ['/api/articles', '/api/me']) {
      const ms = samples.filter(s => s.path === path).map(s => s.ms).sort((a, b) => a - b)
      const p99 = ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))] ?? 0
      console.log(`[load, ${label}, pool ${poolSize}] ${path}: ${ms.length} requests, p99 ${p99.toFixed(0)} ms`)
    }
  }

  it('20 followers pay for one article at once, one follower taps 14 times, 20 notifications arrive together', async () => {
    await start()
    const cookies = await followers(FOLLOWERS + 1)
    const impatient = cookies.pop()!
    const watch = readers(cookies[0]!)

    // 20 followers, one order each, all at the same moment.
    const created = await Promise.all(cookies.map(c => post('/api/orders', c, UNLOCK)))
    const bodies = await Promise.all(created.map(r => r.json() as Promise<{ orderId: number, pay: { package: string, paySign: string } }>))
    expect(created.map(r => r.status)).toEqual(cookies.map(() => 201))
    for (const b of bodies)
      expect(b.pay).toMatchObject({ package: expect.stringMatching(/^prepay_id=\S+$/), paySign: expect.any(String) })
    expect(new Set(bodies.map(b => b.orderId)).size).toBe(FOLLOWERS)
    expect(new Set(bodies.map(b => prepayIdOf(b.pay))).size).toBe(FOLLOWERS)

    // One follower tapping 14 times at once: never a 5xx, never two payable orders.
    const taps = await Promise.all(Array.from({ length: TAPS }, () => post('/api/orders', impatient, UNLOCK)))
    const tapBodies = await Promise.all(taps.map(r => r.json() as Promise<{ orderId?: number }>))
    expect(taps.filter(r => r.status >= 500)).toEqual([])
    expect(new Set(tapBodies.map(b => b.orderId).filter(Boolean)).size).toBeLessThanOrEqual(1)

    // Every notification at once, as WeChat Pay sends them after a busy minute.
    const notes = await Promise.all(bodies.map(async (b) => {
      const n = forgeNotification(successTransaction(await tradeOf(b.orderId)))
      return fetch(`${origin}/api/pay/notify`, { method: 'POST', headers: n.headers, body: n.body })
    }))
    expect(notes.map(r => r.status)).toEqual(bodies.map(() => 204))
    const paid = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE status = 'paid'`)
    expect(paid[0]!.n).toBe(FOLLOWERS)

    const samples = await watch.stop()
    report('orders + notifications', samples)
    expect(samples.length).toBeGreaterThan(0)
    expect(samples.filter(s => s.status >= 500)).toEqual([])
    expect(samples.every(s => s.status === 200)).toBe(true)
  })
})
