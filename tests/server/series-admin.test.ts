import type { App } from '../../src/server/app.ts'
import type { PartPublished } from '../../src/server/content/publish-hooks.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildPayApp, rows } from './helpers/pay.ts'
import { startTestSimulator } from './helpers/simulator.ts'
import { getTestDatabase } from './helpers/test-database.ts'

const ADMIN = { authorization: 'Bearer test-admin-token-0123456789' }

describe('series authoring', () => {
  let sim: RunningSimulator
  let app: App
  beforeAll(async () => {
    sim = await startTestSimulator()
    await getTestDatabase()
  }, 120_000)
  afterEach(async () => {
    await app.close()
  })
  afterAll(() => sim.close())

  const admin = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, payload: payload as never, headers: ADMIN })
  const positions = async (seriesId: string) =>
    (await rows<{ id: string, series_position: number }>('SELECT id, series_position FROM articles WHERE series_id = $1 ORDER BY series_position', [seriesId])).map(r => r.id)

  it('creates, edits, fills, publishes and sells a series; every change audited, drafts invisible', async () => {
    app = await buildPayApp(sim)
    const events: PartPublished[] = []
    app.publishing.onPartPublished(e => void events.push(e))
    expect((await app.inject({ method: 'GET', url: '/api/admin/series' })).statusCode).toBe(401)

    const created = await admin('POST', '/api/admin/series', { id: 'habits', title: '习惯', description: '小事' })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ id: 'habits', status: 'draft', parts: [], coverMediaId: null })
    expect(created.headers['cache-control']).toBe('no-store')
    expect((await admin('POST', '/api/admin/series', { id: 'habits', title: '又一个' })).json().error.code).toBe('SERIES_EXISTS')
    expect((await admin('POST', '/api/admin/series', { id: 'x', title: 'x', coverMediaId: 'no-such-image' })).json().error.code).toBe('COVER_NOT_FOUND')
    expect((await admin('POST', '/api/admin/series', { id: 'bad id', title: 'x' })).statusCode).toBe(400)
    expect((await admin('PATCH', '/api/admin/series/habits', {})).statusCode).toBe(400)
    expect((await admin('PATCH', '/api/admin/series/habits', { title: '读书的习惯' })).json().title).toBe('读书的习惯')

    expect((await admin('POST', '/api/admin/series/habits/parts', { articleId: 'reading-habits' })).json().parts).toEqual([{ id: 'reading-habits', title: expect.any(String), position: 1, state: 'published', publishedAt: expect.any(String) }])
    await admin('POST', '/api/admin/series/habits/parts', { articleId: 'paywall-design' })
    const taken = await admin('POST', '/api/admin/series/habits/parts', { articleId: 'slow-reading-1' })
    expect([taken.statusCode, taken.json().error.code]).toEqual([409, 'PART_IN_OTHER_SERIES'])
    expect((await admin('POST', '/api/admin/series/habits/parts', { articleId: 'nope' })).statusCode).toBe(404)
    expect((await admin('POST', '/api/admin/series/nope/parts', { articleId: 'reading-habits' })).json().error.code).toBe('SERIES_NOT_FOUND')

    // A draft has no page, and its parts no series navigation.
    expect((await app.inject({ method: 'GET', url: '/api/series/habits' })).statusCode).toBe(404)
    expect((await app.inject({ method: 'GET', url: '/api/articles/reading-habits' })).json()).not.toHaveProperty('series')
    const published = await admin('POST', '/api/admin/series/habits/publish')
    expect(published.json().status).toBe('published')
    expect((await app.inject({ method: 'GET', url: '/api/series/habits' })).json().parts.map((p: { id: string }) => p.id)).toEqual(['reading-habits', 'paywall-design'])
    expect((await app.inject({ method: 'GET', url: '/api/articles/reading-habits' })).json().series).toMatchObject({ id: 'habits', next: { id: 'paywall-design' } })
    // Parts that were already out when the series was published are not news.
    expect(await app.series.announceDue()).toBe(0)

    // A post added to a published series is announced once (right away, not waiting for the job).
    await admin('POST', '/api/admin/series/habits/parts', { articleId: 'wechat-h5-basics' }).then(r => expect(r.statusCode).toBe(409))
    await admin('DELETE', '/api/admin/series/wechat-dev-notes/parts/wechat-h5-basics').then(r => expect(r.json().parts.map((p: { position: number }) => p.position)).toEqual([1, 2]))
    await admin('POST', '/api/admin/series/habits/parts', { articleId: 'wechat-h5-basics' })
    await app.series.announceDue()
    expect(events.map(e => [e.articleId, e.seriesId, e.position])).toEqual([['wechat-h5-basics', 'habits', 3]])

    const reordered = await admin('PUT', '/api/admin/series/habits/parts', { articleIds: ['wechat-h5-basics', 'reading-habits', 'paywall-design'] })
    expect(reordered.json().parts.map((p: { id: string, position: number }) => `${p.position}:${p.id}`)).toEqual(['1:wechat-h5-basics', '2:reading-habits', '3:paywall-design'])
    const short = await admin('PUT', '/api/admin/series/habits/parts', { articleIds: ['reading-habits', 'paywall-design'] })
    expect([short.statusCode, short.json().error.code]).toEqual([409, 'SERIES_PARTS_MISMATCH'])
    expect((await admin('PUT', '/api/admin/series/habits/parts', { articleIds: ['reading-habits', 'reading-habits', 'paywall-design'] })).statusCode).toBe(400)

    const priced = await admin('PUT', '/api/admin/series/habits/product', { priceFen: 1200 })
    expect(priced.json().product).toMatchObject({ id: 'series-habits', kind: 'series', priceFen: 1200, active: true, seriesId: 'habits' })
    expect((await app.inject({ method: 'GET', url: '/api/series/habits' })).json().product).toMatchObject({ id: 'series-habits', priceFen: 1200 })
    expect((await app.inject({ method: 'GET', url: '/api/articles/paywall-design' })).json().paywall.series).toMatchObject({ id: 'series-habits' })
    await admin('DELETE', '/api/admin/series/habits/product')
    expect((await app.inject({ method: 'GET', url: '/api/series/habits' })).json()).not.toHaveProperty('product')

    await admin('DELETE', '/api/admin/series/habits/parts/reading-habits')
    expect(await positions('habits')).toEqual(['wechat-h5-basics', 'paywall-design'])
    expect((await admin('DELETE', '/api/admin/series/habits/parts/reading-habits')).json().error.code).toBe('NOT_A_PART')
    await admin('POST', '/api/admin/series/habits/unpublish')
    expect((await app.inject({ method: 'GET', url: '/api/series/habits' })).statusCode).toBe(404)

    const audit = await rows<{ action: string, target_id: string }>(`SELECT action, target_id FROM audit_log ORDER BY id`)
    expect(audit.map(a => a.action)).toEqual(['series.create', 'series.update', 'series.part.add', 'series.part.add', 'series.publish', 'series.part.remove', 'series.part.add', 'series.reorder', 'series.product.set', 'series.product.clear', 'series.part.remove', 'series.unpublish'])
  })

  it('keeps positions unique under concurrent reorders and adds, and one post in one series', async () => {
    app = await buildPayApp(sim)
    await admin('POST', '/api/admin/series', { id: 'race', title: '并发' })
    await admin('POST', '/api/admin/series', { id: 'race-2', title: '并发二' })
    const candidates = ['reading-habits', 'paywall-design', 'reader-voices']
    const added = await Promise.all(candidates.map(articleId => admin('POST', '/api/admin/series/race/parts', { articleId })))
    expect(added.map(r => r.statusCode)).toEqual([200, 200, 200])
    expect((await positions('race')).sort()).toEqual([...candidates].sort())
    const pos = await rows<{ series_position: number }>(`SELECT series_position FROM articles WHERE series_id = 'race' ORDER BY series_position`)
    expect(pos.map(p => p.series_position)).toEqual([1, 2, 3])

    const orders = [['reading-habits', 'paywall-design', 'reader-voices'], ['reader-voices', 'reading-habits', 'paywall-design'], ['paywall-design', 'reader-voices', 'reading-habits']]
    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => admin('PUT', '/api/admin/series/race/parts', { articleIds: orders[i % 3] })))
    expect(results.map(r => r.statusCode)).toEqual(Array.from({ length: 9 }, () => 200))
    // Whichever came last won whole: never a mix of two requests.
    expect(orders).toContainEqual(await positions('race'))

    // The same post offered to two series at once: exactly one gets it.
    await admin('DELETE', '/api/admin/series/race/parts/reader-voices')
    const both = await Promise.all([admin('POST', '/api/admin/series/race/parts', { articleId: 'reader-voices' }), admin('POST', '/api/admin/series/race-2/parts', { articleId: 'reader-voices' })])
    expect(both.map(r => r.statusCode).sort()).toEqual([200, 409])
  })
})
