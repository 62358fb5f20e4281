import type { App } from '../../src/server/app.ts'
import type { Reader } from './helpers/analytics.ts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { cstDay } from '../../src/server/analytics/classify.ts'
import { admin, ANDROID_UA, newReader, postEvents, rows, send } from './helpers/analytics.ts'
import { reseed } from './helpers/pay.ts'
import { buildTestApp } from './helpers/test-app.ts'
import { resetDatabase } from './helpers/test-database.ts'

const POST = 'reading-habits'
const PATH = `/articles/${POST}`
const count = async (app: App, table: string) => (await rows<{ n: number }>(app, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]!.n

describe('analytics ingestion: POST /api/events', () => {
  let app: App
  let clock = Date.now()
  beforeAll(async () => {
    app = await buildTestApp({}, { rateLimitMax: 1_000_000, now: () => clock, analytics: { maintenanceIntervalMs: false } })
  })
  beforeEach(async () => {
    clock = Date.now()
    await resetDatabase(app.database)
    await reseed(app.database)
  })
  afterAll(() => app.close())

  it('stores a batch, accepts text/plain JSON (sendBeacon) and answers 204', async () => {
    const r = await newReader(app, PATH)
    await send(app, r, [{ type: 'page_view', path: PATH, articleId: POST, channel: 'menu' }])
    const beacon = await app.inject({ method: 'POST', url: '/api/events', payload: JSON.stringify({ events: [{ type: 'read_progress', path: PATH, articleId: POST, depthPct: 60 }] }), headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': r.ua, 'cookie': r.cookie, 'origin': 'http://h5.test.local' } })
    expect(beacon.statusCode).toBe(204)
    expect(await count(app, 'analytics_events')).toBe(2)
    const [row] = await rows<{ max_depth: number, device: string }>(app, sql`SELECT max_depth, device FROM analytics_reader_days WHERE article_id = ${POST}`)
    expect(row).toEqual({ max_depth: 60, device: 'ios' })
    // Other routes still refuse text/plain.
    expect((await app.inject({ method: 'POST', url: '/api/share/visits', payload: '{"path":"/"}', headers: { 'content-type': 'text/plain' } })).statusCode).toBe(415)
  })

  it.each([
    [{ events: [] }, 'an empty batch'],
    [{ events: [{ type: 'page_view', path: PATH }, { type: 'purchase', path: PATH }] }, 'an unknown type after a valid event'],
    [{ events: [{ type: 'read_progress', path: PATH, depthPct: 101 }] }, 'a depth over 100'],
    [{ events: [{ type: 'heartbeat', path: 'articles', activeMs: 10 }] }, 'a relative path'],
    [{ events: [{ type: 'page_view', path: PATH, articleId: '../../etc' }] }, 'a malformed article id'],
    [{ events: Array.from({ length: 51 }, () => ({ type: 'page_view', path: PATH })) }, 'too many events'],
    [{ events: [{ type: 'page_view', path: PATH, at: 'yesterday' }] }, 'a malformed time'],
  ] as [unknown, string][])('refuses %j (%s) with 400 and stores nothing', async (body) => {
    const r = await newReader(app, PATH)
    const res = await postEvents(app, r, (body as { events: unknown[] }).events)
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('VALIDATION_FAILED')
    expect(await count(app, 'analytics_events')).toBe(0)
    expect(await count(app, 'analytics_reader_days')).toBe(0)
  })

  it('refuses malformed JSON, other origins; drops visitors without a cookie', async () => {
    const r = await newReader(app, PATH)
    const bad = await app.inject({ method: 'POST', url: '/api/events', payload: '{"events":[', headers: { 'content-type': 'text/plain', 'user-agent': r.ua, 'cookie': r.cookie } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('INVALID_JSON')
    const event = [{ type: 'page_view', path: PATH, articleId: POST }]
    expect((await postEvents(app, r, event, { origin: 'https://evil.example' })).statusCode).toBe(403)
    expect((await postEvents(app, r, event, { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403)
    expect((await postEvents(app, { ...r, cookie: '' }, event)).statusCode).toBe(204)
    expect((await postEvents(app, { ...r, cookie: 'vid=made-up' }, event)).statusCode).toBe(204)
    expect(await count(app, 'analytics_events')).toBe(0)
  })

  it('counts an unknown article site-wide only, and keeps implausible times out', async () => {
    const r = await newReader(app, '/articles/nope')
    await send(app, r, [{ type: 'page_view', path: '/articles/nope', articleId: 'nope', at: clock + 3600_000 }, { type: 'heartbeat', path: '/', activeMs: 5000, at: '2001-01-01T00:00:00Z' }])
    expect(await rows(app, sql`SELECT DISTINCT article_id FROM analytics_reader_days`)).toEqual([{ article_id: '' }])
    const times = await rows<{ at: Date }>(app, sql`SELECT at FROM analytics_events`)
    for (const t of times)
      expect(new Date(t.at).getTime()).toBe(clock)
  })

  it('the admin token guards every report', async () => {
    for (const url of ['/api/admin/analytics/realtime', `/api/admin/analytics/articles/${POST}`, '/api/admin/analytics/funnel', '/api/admin/analytics/shares', '/api/admin/analytics/cohorts', '/api/admin/analytics/daily', '/api/admin/analytics/series/x']) {
      const res = await app.inject({ method: 'GET', url, headers: { authorization: 'Bearer wrong-token-0123456789' } })
      expect(res.statusCode, url).toBe(401)
    }
    const res = await app.inject({ method: 'GET', url: `/api/admin/analytics/articles/${POST}?from=2026-02-01&to=2026-01-01`, headers: { authorization: 'Bearer test-admin-token-0123456789' } })
    expect(res.statusCode).toBe(400)
  })

  it('creates day partitions ahead and drops raw days past retention, keeping rollups', async () => {
    const partitions = async () => (await rows<{ name: string }>(app, sql`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'analytics_events'::regclass ORDER BY 1`)).map(r => r.name)
    // An old day: the job creates its partition, then events land in it.
    clock = Date.now() - 100 * 86_400_000
    await app.analytics.maintain()
    const oldName = `analytics_events_p${cstDay(clock).replace(/-/g, '')}`
    expect(await partitions()).toContain(oldName)
    const r = await newReader(app, PATH)
    await send(app, r, [{ type: 'page_view', path: PATH, articleId: POST, channel: 'menu' }])
    expect(await count(app, oldName)).toBe(1)
    // Today: today's and the next 3 days' partitions exist; the old day is past 90 days and goes.
    clock = Date.now()
    const { dropped } = await app.analytics.maintain()
    expect(dropped).toContain(oldName)
    const now = await partitions()
    expect(now).not.toContain(oldName)
    for (let i = 0; i <= 3; i++)
      expect(now).toContain(`analytics_events_p${cstDay(clock + i * 86_400_000).replace(/-/g, '')}`)
    const day = cstDay(clock - 100 * 86_400_000)
    expect((await admin(app, `/api/admin/analytics/daily?articleId=${POST}&from=${day}&to=${day}`)).days).toEqual([{ day, views: 1, readers: 1 }])
    // The raw log is append-only.
    await send(app, r, [{ type: 'page_view', path: '/', channel: 'menu' }])
    await expect(app.database.db.execute(sql`DELETE FROM analytics_events`)).rejects.toThrow()
  })

  it('concurrent batches from many visitors (and racing batches of one) count exactly', async () => {
    const readers: Reader[] = []
    for (let i = 0; i < 20; i++)
      readers.push(await newReader(app, PATH, ANDROID_UA))
    const at = clock - 30_000
    const batch = [{ type: 'page_view', path: PATH, articleId: POST, channel: 'chat', at }, { type: 'read_progress', path: PATH, articleId: POST, depthPct: 80, at: at + 1000 }, { type: 'heartbeat', path: PATH, articleId: POST, activeMs: 15_000, at: at + 15_000 }]
    // Each visitor sends the same batch three times at once (a timer flush racing a beacon).
    const results = await Promise.all(readers.flatMap(r => [postEvents(app, r, batch), postEvents(app, r, batch), postEvents(app, r, batch)]))
    expect(results.map(r => r.statusCode)).toEqual(results.map(() => 204))
    const report = await admin(app, `/api/admin/analytics/articles/${POST}`)
    expect(report).toMatchObject({ views: 20, readers: 20, avgDepthPct: 80, avgEngagedSeconds: 14, devices: { android: 20 }, sources: { chat: 20 } })
    const realtime = await admin(app, `/api/admin/analytics/realtime?articleId=${POST}`)
    expect(realtime.readersNow).toBe(20)
    expect(realtime.minutes.reduce((n: number, m: { views: number }) => n + m.views, 0)).toBe(20)
    expect(await count(app, 'analytics_events')).toBe(180)
  })
})
