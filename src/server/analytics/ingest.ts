// Turning one batch of client events into the raw log and the rollups, in one
// transaction: a batch is stored whole or not at all. See README.md for the rules.
import type { ClientEvent } from '../../shared/schemas/analytics.ts'
import type { Db } from '../db/database.ts'
import type { Device } from './classify.ts'
import { sql } from 'drizzle-orm'
import { cstDay, cstWeek, eventTime, minuteOf } from './classify.ts'
import { iso, ms, queryRows } from './sql-rows.ts'

export interface Reader {
  visitorId: number
  userId: number | null
  device: Device
  weChatVersion: string | null
}

/** A view counts at most once per page and visitor in this long. */
export const VIEW_DEDUPE_MS = 30 * 60_000
/** One heartbeat never adds more than this, whatever it claims. */
export const MAX_HEARTBEAT_MS = 60_000
/** Site-wide rows use this post key. */
export const SITE = ''
/** Transaction-level advisory lock class for one visitor's rows. */
const VISITOR_LOCK_CLASS = 727_014

interface Ev { type: ClientEvent['type'], at: number, path: string, post: string | null, depth: number | null, activeMs: number | null, channel: string }

interface DayRow {
  key: string
  day: string
  views: number
  maxDepth: number
  engagedMs: number
  lastActiveAt: number | null
  source: string | null
  shareIntent: boolean
  paywallView: boolean
  mediaPlay: boolean
}

export async function ingestBatch(db: Db, reader: Reader, events: ClientEvent[], now: number, knownPosts: (ids: string[]) => Promise<Set<string>>): Promise<void> {
  const claimed = [...new Set(events.map(e => e.articleId).filter((id): id is string => !!id))]
  const known = claimed.length > 0 ? await knownPosts(claimed) : new Set<string>()
  const evs: Ev[] = events.map(e => ({
    type: e.type,
    at: eventTime(e.at, now),
    path: e.path.split('?')[0]!.split('#')[0]!,
    post: e.articleId && known.has(e.articleId) ? e.articleId : null,
    depth: e.depthPct ?? null,
    activeMs: e.activeMs ?? null,
    channel: e.channel ?? 'direct',
  })).sort((a, b) => a.at - b.at)

  await db.transaction(async (tx) => {
    // Every row below that belongs to this visitor is read, then written, under this lock:
    // two batches of one visitor (a beacon racing a timer flush) cannot interleave.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${VISITOR_LOCK_CLASS}, ${reader.visitorId % 2_147_483_647}::int)`)
    await insertRaw(tx, reader, evs)
    const cohortCells = await recordWeeks(tx, reader.visitorId, evs)
    const countedViews = await countViews(tx, reader.visitorId, evs)
    const dayCells = await updateReaderDays(tx, reader, evs, countedViews)
    await updatePostReaders(tx, reader.visitorId, evs)
    // Rows shared by every visitor last, each table in one global key order: batches never
    // wait on each other in opposite orders, so there are no deadlocks.
    await addToCohorts(tx, cohortCells)
    await addToDays(tx, dayCells)
    await updateMinutes(tx, reader.visitorId, evs, countedViews)
  })
}

async function insertRaw(tx: Db, r: Reader, evs: Ev[]) {
  const rows = evs.map(e => sql`(${iso(e.at)}::timestamptz, ${e.type}, ${r.visitorId}::bigint, ${r.userId}::bigint, ${e.path}, ${e.post}, ${e.channel}, ${e.depth}::smallint, ${e.activeMs}::int, ${r.device}, ${r.weChatVersion})`)
  await tx.execute(sql`INSERT INTO analytics_events (at, type, visitor_id, user_id, path, article_id, channel, depth_pct, active_ms, device, wechat_version) VALUES ${sql.join(rows, sql`, `)}`)
}

/** Weeks this visitor is seen in for the first time, as cohort cells [first week, week]. */
async function recordWeeks(tx: Db, visitorId: number, evs: Ev[]): Promise<[string, string][]> {
  const weeks = [...new Set(evs.map(e => cstWeek(e.at)))]
  const [first] = await queryRows<{ first_week: string }>(tx, sql`WITH ins AS (
      INSERT INTO analytics_visitors (visitor_id, first_week) VALUES (${visitorId}::bigint, ${weeks[0]}::date) ON CONFLICT (visitor_id) DO NOTHING RETURNING first_week)
    SELECT COALESCE((SELECT first_week FROM ins), (SELECT first_week FROM analytics_visitors WHERE visitor_id = ${visitorId}::bigint))::text AS first_week`)
  const fresh = await queryRows<{ week: string }>(tx, sql`INSERT INTO analytics_visitor_weeks (visitor_id, week)
    VALUES ${sql.join(weeks.map(w => sql`(${visitorId}::bigint, ${w}::date)`), sql`, `)} ON CONFLICT DO NOTHING RETURNING week::text AS week`)
  return fresh.map(f => [first!.first_week, f.week] as [string, string]).filter(([fw, w]) => w >= fw)
}

async function addToCohorts(tx: Db, cells: [string, string][]) {
  if (cells.length === 0)
    return
  cells.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]))
  await tx.execute(sql`INSERT INTO analytics_cohorts (first_week, week, visitors) VALUES ${sql.join(cells.map(([fw, w]) => sql`(${fw}::date, ${w}::date, 1)`), sql`, `)}
    ON CONFLICT (first_week, week) DO UPDATE SET visitors = analytics_cohorts.visitors + 1`)
}

interface DayCell { key: string, day: string, views: number, readers: number }

async function addToDays(tx: Db, cells: DayCell[]) {
  const changed = cells.filter(c => c.views > 0 || c.readers > 0).sort((a, b) => a.key.localeCompare(b.key) || a.day.localeCompare(b.day))
  if (changed.length === 0)
    return
  await tx.execute(sql`INSERT INTO analytics_days (article_id, day, views, readers)
    VALUES ${sql.join(changed.map(c => sql`(${c.key}, ${c.day}::date, ${c.views}::int, ${c.readers}::int)`), sql`, `)}
    ON CONFLICT (article_id, day) DO UPDATE SET views = analytics_days.views + EXCLUDED.views, readers = analytics_days.readers + EXCLUDED.readers`)
}

/** Which page_view events count as views: the first per page, then one per 30 minutes. */
async function countViews(tx: Db, visitorId: number, evs: Ev[]): Promise<Set<Ev>> {
  const views = evs.filter(e => e.type === 'page_view')
  const counted = new Set<Ev>()
  if (views.length === 0)
    return counted
  const paths = [...new Set(views.map(e => e.path))]
  const prev = await queryRows<{ path: string, at: number }>(tx, sql.raw(`SELECT path, ${ms('at')} AS at FROM analytics_last_views WHERE visitor_id = ${Number(visitorId)} AND path IN (${paths.map(quote).join(', ')})`))
  const last = new Map(prev.map(p => [p.path, p.at]))
  for (const e of views) {
    const before = last.get(e.path)
    if (before === undefined || e.at >= before + VIEW_DEDUPE_MS) {
      counted.add(e)
      last.set(e.path, e.at)
    }
  }
  const changed = paths.filter(p => last.get(p) !== prev.find(x => x.path === p)?.at)
  if (changed.length > 0) {
    await tx.execute(sql`INSERT INTO analytics_last_views (visitor_id, path, at) VALUES ${sql.join(changed.map(p => sql`(${visitorId}::bigint, ${p}, ${iso(last.get(p)!)}::timestamptz)`), sql`, `)}
      ON CONFLICT (visitor_id, path) DO UPDATE SET at = EXCLUDED.at`)
  }
  return counted
}

/** Text literal for sql.raw lists; paths and keys are schema-validated, quoting keeps it safe anyway. */
function quote(s: string): string {
  return `'${s.replace(/'/g, '\'\'')}'`
}

/** Returns what changed per post and day: views added, and 1 reader for a new reader-day. */
async function updateReaderDays(tx: Db, r: Reader, evs: Ev[], counted: Set<Ev>): Promise<DayCell[]> {
  const touched = new Map<string, { key: string, day: string }>()
  for (const e of evs) {
    const day = cstDay(e.at)
    touched.set(`${SITE}|${day}`, { key: SITE, day })
    if (e.post)
      touched.set(`${e.post}|${day}`, { key: e.post, day })
  }
  const pairs = [...touched.values()]
  const existing = await queryRows<Omit<DayRow, 'key' | 'day'> & { article_id: string, day: string }>(tx, sql.raw(
    `SELECT article_id, day::text AS day, views, max_depth AS "maxDepth", engaged_ms AS "engagedMs", ${ms('last_active_at')} AS "lastActiveAt",
            source, share_intent AS "shareIntent", paywall_view AS "paywallView", media_play AS "mediaPlay"
     FROM analytics_reader_days WHERE visitor_id = ${Number(r.visitorId)} AND (article_id, day) IN (${pairs.map(p => `(${quote(p.key)}, ${quote(p.day)}::date)`).join(', ')})`,
  ))
  const rows = new Map<string, DayRow>()
  const before = new Map<string, number>()
  for (const x of existing) {
    rows.set(`${x.article_id}|${x.day}`, { ...x, key: x.article_id, day: x.day })
    before.set(`${x.article_id}|${x.day}`, x.views)
  }
  const rowFor = (key: string, day: string) => {
    const id = `${key}|${day}`
    let row = rows.get(id)
    if (!row) {
      row = { key, day, views: 0, maxDepth: 0, engagedMs: 0, lastActiveAt: null, source: null, shareIntent: false, paywallView: false, mediaPlay: false }
      rows.set(id, row)
    }
    return row
  }
  for (const e of evs) {
    const day = cstDay(e.at)
    const site = rowFor(SITE, day)
    const post = e.post ? rowFor(e.post, day) : null
    for (const row of post ? [site, post] : [site]) {
      if (e.type === 'page_view') {
        row.source ??= e.channel
        if (counted.has(e))
          row.views += 1
      }
      if (e.type === 'heartbeat' && row === post) {
        // Engaged time cannot outgrow the time that passed since the last sign of activity.
        const since = row.lastActiveAt === null ? 0 : Math.max(0, e.at - row.lastActiveAt)
        row.engagedMs += Math.min(e.activeMs ?? 0, MAX_HEARTBEAT_MS, since)
      }
      if (e.type === 'read_progress' && row === post)
        row.maxDepth = Math.max(row.maxDepth, e.depth ?? 0)
      if (row === post) {
        row.shareIntent ||= e.type === 'share_intent'
        row.paywallView ||= e.type === 'paywall_view'
        row.mediaPlay ||= e.type === 'media_play'
      }
      row.lastActiveAt = Math.max(row.lastActiveAt ?? 0, e.at)
    }
  }
  const values = [...rows.values()].map(w => sql`(${w.key}, ${w.day}::date, ${r.visitorId}::bigint, ${w.views}::int, ${w.maxDepth}::smallint, ${w.engagedMs}::int, ${w.lastActiveAt === null ? null : iso(w.lastActiveAt)}::timestamptz, ${w.source}, ${r.device}, ${w.shareIntent}::boolean, ${w.paywallView}::boolean, ${w.mediaPlay}::boolean)`)
  await tx.execute(sql`INSERT INTO analytics_reader_days (article_id, day, visitor_id, views, max_depth, engaged_ms, last_active_at, source, device, share_intent, paywall_view, media_play)
    VALUES ${sql.join(values, sql`, `)}
    ON CONFLICT (article_id, day, visitor_id) DO UPDATE SET views = EXCLUDED.views, max_depth = EXCLUDED.max_depth, engaged_ms = EXCLUDED.engaged_ms,
      last_active_at = EXCLUDED.last_active_at, source = EXCLUDED.source, device = EXCLUDED.device, share_intent = EXCLUDED.share_intent,
      paywall_view = EXCLUDED.paywall_view, media_play = EXCLUDED.media_play`)
  return [...rows.entries()].map(([id, w]) => ({ key: w.key, day: w.day, views: w.views - (before.get(id) ?? 0), readers: before.has(id) ? 0 : 1 }))
}

/**
 * First reads (with the share that brought them, from the server's own share_opens) and
 * first paywall views. Only atomic statements: server events update the same rows.
 */
async function updatePostReaders(tx: Db, visitorId: number, evs: Ev[]) {
  const firstViews = new Map<string, Ev>()
  const paywalls = new Map<string, Ev>()
  for (const e of evs) {
    if (e.post && e.type === 'page_view' && !firstViews.has(e.post))
      firstViews.set(e.post, e)
    if (e.post && e.type === 'paywall_view' && !paywalls.has(e.post))
      paywalls.set(e.post, e)
  }
  for (const [post, e] of firstViews) {
    await tx.execute(sql`INSERT INTO analytics_post_readers (article_id, visitor_id, first_at, first_source, sharer_visitor_id)
      SELECT ${post}, ${visitorId}::bigint, ${iso(e.at)}::timestamptz, CASE WHEN s.sharer IS NOT NULL AND ${e.channel} NOT IN ('chat', 'moments') THEN 'share' ELSE ${e.channel} END, s.sharer
      FROM (SELECT (SELECT sharer_visitor_id FROM share_opens WHERE opener_visitor_id = ${visitorId}::bigint AND path = ${e.path} ORDER BY created_at LIMIT 1) AS sharer) s
      ON CONFLICT (article_id, visitor_id) DO NOTHING`)
  }
  for (const [post, e] of paywalls) {
    await tx.execute(sql`UPDATE analytics_post_readers SET paywall_at = LEAST(COALESCE(paywall_at, ${iso(e.at)}::timestamptz), ${iso(e.at)}::timestamptz)
      WHERE article_id = ${post} AND visitor_id = ${visitorId}::bigint AND first_at <= ${iso(e.at)}::timestamptz`)
  }
}

/** Real-time rows: distinct readers through the per-minute reader set, then additive deltas in a fixed order. */
async function updateMinutes(tx: Db, visitorId: number, evs: Ev[], counted: Set<Ev>) {
  const cells = new Map<string, { key: string, minute: number, views: number, readers: number }>()
  const cell = (key: string, minute: number) => {
    const id = `${key}|${minute}`
    let c = cells.get(id)
    if (!c) {
      c = { key, minute, views: 0, readers: 0 }
      cells.set(id, c)
    }
    return c
  }
  for (const e of evs) {
    const minute = minuteOf(e.at)
    for (const key of e.post ? [SITE, e.post] : [SITE]) {
      const c = cell(key, minute)
      if (counted.has(e))
        c.views += 1
    }
  }
  const all = [...cells.values()].sort((a, b) => a.key.localeCompare(b.key) || a.minute - b.minute)
  const fresh = await queryRows<{ article_id: string, minute: number }>(tx, sql`INSERT INTO analytics_minute_readers (article_id, minute, visitor_id)
    VALUES ${sql.join(all.map(c => sql`(${c.key}, ${iso(c.minute)}::timestamptz, ${visitorId}::bigint)`), sql`, `)}
    ON CONFLICT DO NOTHING RETURNING article_id, ${sql.raw(ms('minute'))} AS minute`)
  for (const f of fresh)
    cells.get(`${f.article_id}|${f.minute}`)!.readers += 1
  const changed = all.filter(c => c.views > 0 || c.readers > 0)
  if (changed.length === 0)
    return
  // Shared rows, locked in one global order (post key, minute) by every batch: no deadlocks.
  await tx.execute(sql`INSERT INTO analytics_minutes (article_id, minute, views, readers)
    VALUES ${sql.join(changed.map(c => sql`(${c.key}, ${iso(c.minute)}::timestamptz, ${c.views}::int, ${c.readers}::int)`), sql`, `)}
    ON CONFLICT (article_id, minute) DO UPDATE SET views = analytics_minutes.views + EXCLUDED.views, readers = analytics_minutes.readers + EXCLUDED.readers`)
}
