import type { App } from '../../src/server/app.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/server/app.ts'
import { buildPayApp, buy, rows, signedIn, waitFor } from './helpers/pay.ts'
import { configFor, startTestSimulator } from './helpers/simulator.ts'
import { getTestDatabase } from './helpers/test-database.ts'

const ADMIN = { 'authorization': 'Bearer test-admin-token-0123456789', 'content-type': 'application/json' }

describe('public content cache: articles and catalogue served from memory, with ETag and invalidation', () => {
  let sim: RunningSimulator
  let app: App
  let other: App | undefined
  beforeAll(async () => {
    sim = await startTestSimulator()
  })
  afterEach(async () => {
    await other?.close()
    other = undefined
    await app?.close()
  })
  afterAll(() => sim.close())

  const get = (a: App, url: string, headers: Record<string, string> = {}) => a.inject({ method: 'GET', url, headers })
  const priceOf = async (a: App, id: string) => (await get(a, '/api/products')).json().products.find((p: { id: string }) => p.id === id)?.priceFen

  it('answers 304 to a matching If-None-Match, for the list, a free article, a preview and the catalogue', async () => {
    app = await buildPayApp(sim)
    for (const url of ['/api/articles', '/api/articles/jssdk-signature', '/api/articles/pay-apiv3-deep-dive', '/api/products']) {
      const first = await get(app, url)
      expect(first.statusCode, url).toBe(200)
      expect(first.headers['cache-control'], url).toMatch(/no-cache/)
      const etag = first.headers.etag as string
      expect(etag, url).toMatch(/^W\/".+"$/)
      const again = await get(app, url, { 'if-none-match': etag })
      expect(again.statusCode, url).toBe(304)
      expect(again.body, url).toBe('')
      expect((await get(app, url, { 'if-none-match': 'W/"0-stale"' })).statusCode, url).toBe(200)
    }
  })

  it('serves large public bodies compressed, the same bytes every time', async () => {
    app = await buildPayApp(sim)
    const a = await get(app, '/api/articles', { 'accept-encoding': 'gzip, deflate, br' })
    const b = await get(app, '/api/articles', { 'accept-encoding': 'gzip, deflate, br' })
    expect(a.headers['content-encoding']).toBe('br')
    expect(a.rawPayload.equals(b.rawPayload)).toBe(true)
    const plain = await get(app, '/api/articles')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.json().articles.length).toBeGreaterThan(0)
  })

  it('keeps personal answers out of it: private, no-store, no ETag, premium blocks only for the entitled', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim)
    await buy(reader, sim, { productId: 'unlock-pay-apiv3-deep-dive', articleId: 'pay-apiv3-deep-dive' })
    const mine = await reader.request('GET', '/api/articles/pay-apiv3-deep-dive')
    expect(mine.json().locked).toBe(false)
    expect(JSON.stringify(mine.json().blocks)).toContain('【会员全文】')
    expect(mine.headers['cache-control']).toBe('private, no-store')
    expect(mine.headers.etag).toBeUndefined()
    const list = await reader.request('GET', '/api/articles')
    expect(list.headers['cache-control']).toBe('private, no-store')
    expect(list.json().articles.find((a: { id: string }) => a.id === 'pay-apiv3-deep-dive').locked).toBe(false)
    // The anonymous copy, asked for after the purchase, is still locked and bodiless.
    const anonymous = await get(app, '/api/articles/pay-apiv3-deep-dive')
    expect(anonymous.json()).toMatchObject({ locked: true, paywall: expect.any(Object) })
    expect(anonymous.body).not.toContain('【会员全文】')
    expect(anonymous.json().blocks.at(-1)).toEqual({ type: 'paywall' })
    expect((await get(app, '/api/articles')).json().articles.find((a: { id: string }) => a.id === 'pay-apiv3-deep-dive').locked).toBe(true)
  })

  it('drops the cached catalogue and paywalls when the operator changes a price', async () => {
    app = await buildPayApp(sim)
    const etag = (await get(app, '/api/products')).headers.etag as string
    const paywall = async () => (await get(app, '/api/articles/pay-apiv3-deep-dive')).json().paywall.unlock.priceFen
    expect(await paywall()).toBe(600)
    const patched = await app.inject({ method: 'PATCH', url: '/api/admin/products/unlock-pay-apiv3-deep-dive', headers: ADMIN, payload: { priceFen: 480 } })
    expect(patched.statusCode).toBe(200)
    expect(await priceOf(app, 'unlock-pay-apiv3-deep-dive')).toBe(480)
    expect(await paywall()).toBe(480)
    expect((await get(app, '/api/products', { 'if-none-match': etag })).statusCode).toBe(200)
  })

  it('is invalidated across instances sharing the database (content_version)', async () => {
    app = await buildPayApp(sim)
    const database = await getTestDatabase()
    other = await build(configFor(sim), { database, rateLimitMax: 10_000, reconcileIntervalMs: false })
    expect(await priceOf(other, 'membership-monthly')).toBe(1800)
    await app.inject({ method: 'PATCH', url: '/api/admin/products/membership-monthly', headers: ADMIN, payload: { priceFen: 1600 } })
    // The other instance compares the version at most once a second, then reloads.
    await waitFor(async () => await priceOf(other!, 'membership-monthly') === 1600, 5000)
  })

  it('never keeps an answer that failed, and caches unknown ids as 404 without growing without bound', async () => {
    app = await buildPayApp(sim)
    expect((await get(app, '/api/articles/no-such-article')).statusCode).toBe(404)
    await rows(`INSERT INTO articles (id, title, summary, author, is_premium, blocks, published_at) VALUES ('late', 'Late', 's', 'a', false, '[]', now())`)
    // Content written behind the kit's back shows once the version moves (as `npm run seed` does).
    await rows(`UPDATE content_version SET version = version + 1`)
    await waitFor(async () => (await get(app, '/api/articles/late')).statusCode === 200, 5000)
  })
})
