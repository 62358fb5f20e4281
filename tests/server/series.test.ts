import type { App } from '../../src/server/app.ts'
import type { PartPublished } from '../../src/server/content/publish-hooks.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/server/app.ts'
import { buildPayApp, buy, rows, signedIn, waitFor } from './helpers/pay.ts'
import { configFor, startTestSimulator } from './helpers/simulator.ts'
import { getTestDatabase, openTestDatabaseWithPool } from './helpers/test-database.ts'

const DAY = 86_400_000
const ADMIN = { authorization: 'Bearer test-admin-token-0123456789' }
const SERIES_TEXT = '【系列全文】'
const SCHEDULED_TEXT = '一年后翻看'
/** A heading after the paywall of the seeded part 2. */
const PART_2_PREMIUM = '三个小习惯'

/** A part written straight into the table (posts are authored elsewhere): free or premium, out at `publishedAt`. */
async function insertPart(id: string, o: { position: number, publishedAt: Date, premium?: boolean, series?: string }) {
  const para = (text: string) => ({ type: 'paragraph', runs: [{ text }] })
  const blocks = [para(`${id} 的开头。`), para('第二段。'), ...(o.premium ? [{ type: 'paywall' }, para(`${SERIES_TEXT}${id} 的后半。`)] : [])]
  await rows(`INSERT INTO articles (id, title, summary, author, is_premium, blocks, published_at, series_id, series_position)
    VALUES ($1, $2, '', '林晓', $3, $4::jsonb, $5, $6, $7)`, [id, `第 ${o.position} 篇`, !!o.premium, JSON.stringify(blocks), o.publishedAt.toISOString(), o.series ?? 'slow-reading', o.position])
}

/** A reader's view of a post, with every block's text in one string (premium text present or not). */
async function bodyOf(reader: Awaited<ReturnType<typeof signedIn>>, id: string) {
  const view = (await reader.request('GET', `/api/articles/${id}`)).json()
  return { locked: view.locked, text: JSON.stringify(view.blocks) }
}

describe('series', () => {
  let sim: RunningSimulator
  let app: App
  const clock = { offsetMs: 0 }
  beforeAll(async () => {
    sim = await startTestSimulator()
    await getTestDatabase()
  }, 120_000)
  afterEach(async () => {
    clock.offsetMs = 0
    await app.close()
  })
  afterAll(() => sim.close())

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers })
  const admin = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, payload: payload as never, headers: ADMIN })
  const heard = (target: App) => {
    const events: PartPublished[] = []
    target.publishing.onPartPublished(e => void events.push(e))
    return events
  }

  it('shows published parts, scheduled parts by title only, the series offer and 上一篇 / 下一篇', async () => {
    app = await buildPayApp(sim, { clock })
    const res = await get('/api/series/slow-reading')
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('private, no-cache')
    const page = res.json()
    expect(page).toMatchObject({ id: 'slow-reading', title: '慢读计划', owned: false, product: { id: 'series-slow-reading', kind: 'series', priceFen: 990, seriesId: 'slow-reading' } })
    expect(page.parts).toEqual([
      { id: 'slow-reading-1', title: expect.any(String), position: 1, publishedAt: expect.any(String), premium: false, locked: false },
      { id: 'slow-reading-2', title: expect.any(String), position: 2, publishedAt: expect.any(String), premium: true, locked: true },
      { id: 'slow-reading-3', title: '慢读计划（三）：读完写一句话', position: 3, publishedAt: null, scheduledAt: expect.any(String), premium: false, locked: false },
    ])
    expect(Date.parse(page.parts[2].scheduledAt)).toBeGreaterThan(Date.now())
    expect(res.body).not.toContain(SCHEDULED_TEXT)
    expect(res.body).not.toContain(SERIES_TEXT)
    expect((await get('/api/series/slow-reading', { 'if-none-match': res.headers.etag as string })).statusCode).toBe(304)

    const missing = await get('/api/series/nope')
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('SERIES_NOT_FOUND')
    expect((await get('/api/series/bad%20id')).statusCode).toBe(400)
    expect((await get('/api/series')).json().series).toContainEqual(expect.objectContaining({ id: 'slow-reading', publishedParts: 2, scheduledParts: 1 }))

    // A scheduled post does not exist for readers yet: not listed, not readable.
    expect((await get('/api/articles/slow-reading-3')).statusCode).toBe(404)
    expect((await get('/api/articles')).body).not.toContain('slow-reading-3')

    const second = (await get('/api/articles/slow-reading-2')).json()
    expect(second.series).toEqual({ id: 'slow-reading', title: '慢读计划', position: 2, prev: { id: 'slow-reading-1', title: '慢读计划（一）：先把通知关掉' } })
    expect(second.paywall.series).toMatchObject({ id: 'series-slow-reading', priceFen: 990 })
    expect((await get('/api/articles/slow-reading-1')).json().series).toMatchObject({ position: 1, next: { id: 'slow-reading-2' } })
    expect((await get('/api/articles/slow-reading-1')).json().series).not.toHaveProperty('prev')
    expect((await get('/api/articles')).json().articles.find((a: { id: string }) => a.id === 'slow-reading-1').series).toEqual({ id: 'slow-reading', title: '慢读计划', position: 1 })
  })

  it('publishes a scheduled part when its time comes, announced once', async () => {
    app = await buildPayApp(sim, { clock })
    const events = heard(app)
    // The seeded parts that are already out were announced long ago.
    expect(await app.series.announceDue()).toBe(0)
    await get('/api/series/slow-reading')

    clock.offsetMs = 4 * DAY
    expect(await app.series.announceDue()).toBe(1)
    expect(events).toEqual([expect.objectContaining({ seriesId: 'slow-reading', seriesTitle: '慢读计划', articleId: 'slow-reading-3', position: 3 })])
    const part = (await get('/api/series/slow-reading')).json().parts[2]
    expect(part.publishedAt).toEqual(expect.any(String))
    expect(part).not.toHaveProperty('scheduledAt')
    expect(JSON.stringify((await get('/api/articles/slow-reading-3')).json().blocks)).toContain(SCHEDULED_TEXT)
    expect((await get('/api/articles/slow-reading-2')).json().series.next).toEqual({ id: 'slow-reading-3', title: '慢读计划（三）：读完写一句话' })
    expect(await app.series.announceDue()).toBe(0)
    expect(events).toHaveLength(1)
  })

  it('a series purchase unlocks every part, including one published afterwards; a refund takes it back', async () => {
    app = await buildPayApp(sim, { clock })
    await insertPart('slow-reading-4', { position: 4, publishedAt: new Date(Date.now() + 7 * DAY), premium: true })
    const reader = await signedIn(app, sim)
    expect((await reader.request('GET', '/api/series/slow-reading')).json()).toMatchObject({ owned: false, product: { id: 'series-slow-reading' } })

    const orderId = await buy(reader, sim, { productId: 'series-slow-reading' })
    const mine = await reader.request('GET', '/api/series/slow-reading')
    expect(mine.headers['cache-control']).toBe('private, no-store')
    expect(mine.json().owned).toBe(true)
    expect(mine.json()).not.toHaveProperty('product')
    expect(mine.json().parts.map((p: { locked: boolean }) => p.locked)).toEqual([false, false, false, false])
    expect(await bodyOf(reader, 'slow-reading-2')).toMatchObject({ locked: false, text: expect.stringContaining(PART_2_PREMIUM) })
    const again = await reader.request('POST', '/api/orders', { productId: 'series-slow-reading' })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('ALREADY_ENTITLED')
    // Others are not affected.
    const other = await signedIn(app, sim, 'android')
    expect((await other.request('GET', '/api/articles/slow-reading-2')).json().locked).toBe(true)

    clock.offsetMs = 8 * DAY
    await app.series.announceDue()
    expect(await bodyOf(reader, 'slow-reading-4')).toMatchObject({ locked: false, text: expect.stringContaining(`${SERIES_TEXT}slow-reading-4`) })
    expect((await bodyOf(other, 'slow-reading-4')).text).not.toContain(SERIES_TEXT)

    const refund = await admin('POST', `/api/admin/orders/${orderId}/refund`, {})
    expect(refund.statusCode).toBe(200)
    await waitFor(async () => (await admin('GET', `/api/admin/orders/${orderId}`)).json().status === 'refunded')
    expect((await reader.request('GET', '/api/articles/slow-reading-4')).json()).toMatchObject({ locked: true })
    expect((await bodyOf(reader, 'slow-reading-2')).text).not.toContain(PART_2_PREMIUM)
    expect((await reader.request('GET', '/api/series/slow-reading')).json()).toMatchObject({ owned: false, product: { id: 'series-slow-reading' } })
  })

  it('announces each part once when two instances look at the same time', async () => {
    app = await buildPayApp(sim, { clock })
    const { database: otherDb, close } = await openTestDatabaseWithPool(4)
    const other = await build(configFor(sim, { adminToken: null }), { database: otherDb, rateLimitMax: 10_000, reconcileIntervalMs: false, seriesAnnounceIntervalMs: false, now: () => Date.now() + clock.offsetMs })
    try {
      for (let i = 4; i <= 9; i++)
        await insertPart(`slow-reading-${i}`, { position: i, publishedAt: new Date(Date.now() + i * DAY) })
      const here = heard(app)
      const there = heard(other)
      clock.offsetMs = 30 * DAY
      await Promise.all([app.series.announceDue(), other.series.announceDue(), app.series.announceDue(), other.series.announceDue()])
      const ids = [...here, ...there].map(e => e.articleId).sort()
      expect(ids).toEqual(['slow-reading-3', 'slow-reading-4', 'slow-reading-5', 'slow-reading-6', 'slow-reading-7', 'slow-reading-8', 'slow-reading-9'])
    }
    finally {
      await other.close()
      await close()
    }
  })

  it('remembers reading progress: signed in only, visible posts only, never back to unfinished, stale writes ignored', async () => {
    app = await buildPayApp(sim, { clock })
    const put = (browser: Awaited<ReturnType<typeof signedIn>>, id: string, body: unknown) => browser.request('PUT', `/api/articles/${id}/progress`, body)
    const anonymous = await app.inject({ method: 'PUT', url: '/api/articles/slow-reading-1/progress', payload: { blockIndex: 0, depthPct: 10 } })
    expect(anonymous.statusCode).toBe(401)
    const reader = await signedIn(app, sim)
    expect((await put(reader, 'slow-reading-1', { blockIndex: 1, depthPct: 40, mediaPositionMs: 1500 })).statusCode).toBe(204)
    expect((await put(reader, 'nope', { blockIndex: 0, depthPct: 1 })).statusCode).toBe(404)
    expect((await put(reader, 'slow-reading-3', { blockIndex: 0, depthPct: 1 })).statusCode).toBe(404)
    for (const bad of [{ blockIndex: -1, depthPct: 1 }, { blockIndex: 0, depthPct: 101 }, { blockIndex: 0 }, { blockIndex: 1.5, depthPct: 1 }])
      expect((await put(reader, 'slow-reading-1', bad)).statusCode).toBe(400)

    const progressOf = async (id: string) => (await reader.request('GET', '/api/series/slow-reading')).json().parts.find((p: { id: string }) => p.id === id).progress
    expect(await progressOf('slow-reading-1')).toEqual({ blockIndex: 1, depthPct: 40, mediaPositionMs: 1500, finished: false, updatedAt: expect.any(String) })

    // Past the end: clamped to the last block (the post has three paragraphs).
    clock.offsetMs = 1000
    await put(reader, 'slow-reading-1', { blockIndex: 999, depthPct: 100 })
    expect(await progressOf('slow-reading-1')).toMatchObject({ blockIndex: 4, depthPct: 100, mediaPositionMs: 1500, finished: true })

    // Rereading from the top, in a burst of concurrent writes: the position moves, finished stays.
    clock.offsetMs = 2000
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => put(reader, 'slow-reading-1', { blockIndex: i % 3, depthPct: i % 2 ? 100 : 10 })))
    expect(burst.map(r => r.statusCode)).toEqual(Array.from({ length: 12 }, () => 204))
    expect((await progressOf('slow-reading-1')).finished).toBe(true)

    clock.offsetMs = 3000
    await put(reader, 'slow-reading-1', { blockIndex: 1, depthPct: 30 })
    // A write taken earlier that arrives late moves nothing back.
    clock.offsetMs = 2500
    await put(reader, 'slow-reading-1', { blockIndex: 0, depthPct: 5 })
    expect(await progressOf('slow-reading-1')).toMatchObject({ blockIndex: 1, depthPct: 30, finished: true })

    const listed = (await reader.request('GET', '/api/articles')).json().articles
    expect(listed.find((a: { id: string }) => a.id === 'slow-reading-1').progress).toMatchObject({ blockIndex: 1, finished: true })
    expect(listed.find((a: { id: string }) => a.id === 'slow-reading-2')).not.toHaveProperty('progress')
    // Another reader sees none of it.
    const other = await signedIn(app, sim, 'android')
    expect((await other.request('GET', '/api/series/slow-reading')).json().parts[0]).not.toHaveProperty('progress')
  })
})
