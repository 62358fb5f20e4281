// The operator reports. Each reads rollups only (never analytics_events), so it stays fast
// however many raw events are stored; share trees read share_opens, the kit's own
// record of who opened whose link.
import type { CohortsReport, DailyReport, FunnelQuery, FunnelReport, PostReport, RealtimeReport, ShareNode, SharerStats, SharesReport } from '../../shared/schemas/analytics.ts'
import type { Db } from '../db/database.ts'
import type { DayRange } from './range.ts'
import { sql } from 'drizzle-orm'
import { addDays, cstDayStart, minuteOf } from './classify.ts'
import { SITE } from './ingest.ts'
import { iso, ms, queryRows } from './sql-rows.ts'

/** Readers at or past this depth, with at least this much engaged time, completed the post. */
export const COMPLETION_DEPTH_PCT = 95
export const COMPLETION_MIN_ENGAGED_MS = 15_000

/** Which posts a report covers: one post, a series (its articles), or everything. */
export type Scope = { post: string } | { series: string } | { all: true }

/** The page a post key lives at, as share_opens records it. */
export function postPath(key: string): string {
  if (key.startsWith('poll:'))
    return `/polls/${key.slice(5)}`
  if (key.startsWith('quiz:'))
    return `/quizzes/${key.slice(5)}`
  return `/articles/${key}`
}

function keysWhere(scope: Scope, column = 'article_id') {
  if ('post' in scope)
    return sql`${sql.raw(column)} = ${scope.post}`
  if ('series' in scope)
    return sql`${sql.raw(column)} IN (SELECT id FROM articles WHERE series = ${scope.series})`
  return sql`${sql.raw(column)} <> ${SITE}`
}

async function pathsOf(db: Db, scope: Scope): Promise<string[] | null> {
  if ('post' in scope)
    return [postPath(scope.post)]
  if ('series' in scope)
    return (await queryRows<{ id: string }>(db, sql`SELECT id FROM articles WHERE series = ${scope.series}`)).map(r => postPath(r.id))
  return null
}

function pathsWhere(paths: string[] | null) {
  if (paths === null)
    return sql`TRUE`
  if (paths.length === 0)
    return sql`FALSE`
  return sql`path IN (${sql.join(paths.map(p => sql`${p}`), sql`, `)})`
}

const round2 = (n: number) => Math.round(n * 100) / 100
const rangeStart = (range: DayRange) => iso(cstDayStart(range.from))
const rangeEnd = (range: DayRange) => iso(cstDayStart(addDays(range.to, 1)))

export async function realtimeReport(db: Db, post: string | undefined, now: number): Promise<RealtimeReport> {
  const key = post ?? SITE
  const current = minuteOf(now)
  const [live] = await queryRows<{ n: number }>(db, sql`SELECT count(DISTINCT visitor_id)::int AS n FROM analytics_minute_readers
    WHERE article_id = ${key} AND minute >= ${iso(current - 4 * 60_000)}::timestamptz`)
  const rows = await queryRows<{ at: number, views: number, readers: number }>(db, sql`SELECT ${sql.raw(ms('minute'))} AS at, views, readers FROM analytics_minutes
    WHERE article_id = ${key} AND minute >= ${iso(current - 59 * 60_000)}::timestamptz AND minute <= ${iso(current)}::timestamptz`)
  const byMinute = new Map(rows.map(r => [r.at, r]))
  const minutes = Array.from({ length: 60 }, (_, i) => {
    const at = current - (59 - i) * 60_000
    const row = byMinute.get(at)
    return { at: iso(at), readers: row?.readers ?? 0, views: row?.views ?? 0 }
  })
  return { readersNow: live?.n ?? 0, minutes }
}

export async function postReport(db: Db, scope: Scope, range: DayRange): Promise<PostReport> {
  const pairs = sql`SELECT article_id, visitor_id, sum(views) AS views, max(max_depth) AS depth, sum(engaged_ms) AS engaged,
      bool_or(share_intent) AS share_intent, bool_or(paywall_view) AS paywall_view, bool_or(media_play) AS media_play,
      min(day) AS first_day, (array_agg(source ORDER BY day) FILTER (WHERE source IS NOT NULL))[1] AS source,
      (array_agg(device ORDER BY day DESC))[1] AS device
    FROM analytics_reader_days WHERE ${keysWhere(scope)} AND day BETWEEN ${range.from}::date AND ${range.to}::date
    GROUP BY article_id, visitor_id`
  const [main] = await queryRows<Record<string, number>>(db, sql`WITH p AS (${pairs}) SELECT
      count(DISTINCT visitor_id)::int AS readers, count(*)::int AS pairs, COALESCE(sum(views), 0)::int AS views,
      COALESCE(avg(depth), 0)::float8 AS avg_depth, COALESCE(avg(engaged), 0)::float8 AS avg_engaged,
      count(*) FILTER (WHERE depth >= ${COMPLETION_DEPTH_PCT} AND engaged >= ${COMPLETION_MIN_ENGAGED_MS})::int AS completed,
      count(*) FILTER (WHERE share_intent)::int AS share_intents, count(*) FILTER (WHERE paywall_view)::int AS paywall_views,
      count(*) FILTER (WHERE media_play)::int AS media_plays,
      count(*) FILTER (WHERE depth < 25)::int AS d0, count(*) FILTER (WHERE depth >= 25 AND depth < 50)::int AS d25,
      count(*) FILTER (WHERE depth >= 50 AND depth < 75)::int AS d50, count(*) FILTER (WHERE depth >= 75 AND depth < 100)::int AS d75,
      count(*) FILTER (WHERE depth >= 100)::int AS d100
    FROM p`)
  // A reader's source is that of their first visit in the range; their device the latest one.
  const perVisitor = await queryRows<{ source: string | null, device: string, n: number }>(db, sql`WITH p AS (${pairs}),
      v AS (SELECT DISTINCT ON (visitor_id) visitor_id, source, device FROM p ORDER BY visitor_id, first_day, source IS NULL)
    SELECT source, device, count(*)::int AS n FROM v GROUP BY source, device`)
  const sources: Record<string, number> = {}
  const devices = { ios: 0, android: 0, desktop: 0, other: 0 }
  for (const r of perVisitor) {
    const source = r.source ?? 'direct'
    sources[source] = (sources[source] ?? 0) + r.n
    const device = r.device in devices ? r.device as keyof typeof devices : 'other'
    devices[device] += r.n
  }
  const paths = await pathsOf(db, scope)
  const [opens] = await queryRows<{ n: number }>(db, sql`SELECT count(DISTINCT opener_visitor_id)::int AS n FROM share_opens
    WHERE ${pathsWhere(paths)} AND created_at >= ${rangeStart(range)}::timestamptz AND created_at < ${rangeEnd(range)}::timestamptz`)
  const [brought] = await queryRows<{ n: number, revenue: number }>(db, sql`SELECT count(DISTINCT visitor_id) FILTER (WHERE sharer_visitor_id IS NOT NULL)::int AS n,
      COALESCE(sum(revenue_fen), 0)::float8 AS revenue
    FROM analytics_post_readers WHERE ${keysWhere(scope)} AND first_at >= ${rangeStart(range)}::timestamptz AND first_at < ${rangeEnd(range)}::timestamptz`)
  const readers = main!.readers!
  const readersFromShares = brought?.n ?? 0
  return {
    views: main!.views!,
    readers,
    avgDepthPct: round2(main!.avg_depth!),
    completionRate: main!.pairs ? main!.completed! / main!.pairs! : 0,
    avgEngagedSeconds: round2(main!.avg_engaged! / 1000),
    shareOpens: opens?.n ?? 0,
    readersFromShares,
    kFactor: readers ? readersFromShares / readers : 0,
    sources,
    devices,
    depthDistribution: { '0-24': main!.d0!, '25-49': main!.d25!, '50-74': main!.d50!, '75-99': main!.d75!, '100': main!.d100! },
    shareIntents: main!.share_intents!,
    paywallViews: main!.paywall_views!,
    mediaPlays: main!.media_plays!,
    revenueFen: brought?.revenue ?? 0,
  }
}

export async function funnelReport(db: Db, scope: Scope, q: FunnelQuery, range: DayRange): Promise<FunnelReport> {
  const window = sql`make_interval(days => ${q.windowDays ?? 7}::int)`
  const tier = q.tier ? sql`order_product_id = ${q.tier}` : sql`TRUE`
  const paidTier = q.tier ? sql`paid_product_id = ${q.tier}` : sql`TRUE`
  // Per person (visitor) the first time of each step over the posts in scope they first
  // read in the range; a step counts only after the previous one, within the window.
  const [r] = await queryRows<Record<string, number>>(db, sql`WITH p AS (
      SELECT visitor_id, min(first_at) AS read_at, min(paywall_at) AS paywall_at,
        min(order_at) FILTER (WHERE ${tier}) AS order_at, min(paid_at) FILTER (WHERE ${paidTier}) AS paid_at,
        min(voted_at) AS voted_at, min(quiz_at) AS quiz_at, sum(revenue_fen) FILTER (WHERE ${paidTier}) AS revenue
      FROM analytics_post_readers WHERE ${keysWhere(scope)}
        AND first_at >= ${rangeStart(range)}::timestamptz AND first_at < ${rangeEnd(range)}::timestamptz
      GROUP BY visitor_id
    ), s AS (
      SELECT *, paywall_at >= read_at AND paywall_at <= read_at + ${window} AS s_paywall FROM p
    ), o AS (
      SELECT *, s_paywall AND order_at >= paywall_at AND order_at <= read_at + ${window} AS s_order FROM s
    )
    SELECT count(*)::int AS read, count(*) FILTER (WHERE s_paywall)::int AS paywall_view,
      count(*) FILTER (WHERE s_order)::int AS order_created,
      count(*) FILTER (WHERE s_order AND paid_at >= order_at AND paid_at <= read_at + ${window})::int AS paid,
      count(*) FILTER (WHERE voted_at >= read_at AND voted_at <= read_at + ${window})::int AS voted,
      count(*) FILTER (WHERE quiz_at >= read_at AND quiz_at <= read_at + ${window})::int AS quiz_completed,
      COALESCE(sum(revenue), 0)::float8 AS revenue
    FROM o`)
  const goal = q.goal ?? 'purchase'
  const names = goal === 'vote'
    ? ['read', 'voted'] as const
    : goal === 'quiz' ? ['read', 'quiz_completed'] as const : ['read', 'paywall_view', 'order_created', 'paid'] as const
  return { steps: names.map(step => ({ step, readers: r![step]! })), revenueFen: r!.revenue! }
}

interface Edge { sharer: number, opener: number, at: number }

export async function sharesReport(db: Db, scope: Scope, range: DayRange | null): Promise<SharesReport> {
  const paths = await pathsOf(db, scope)
  const when = range ? sql`AND created_at >= ${rangeStart(range)}::timestamptz AND created_at < ${rangeEnd(range)}::timestamptz` : sql``
  const edges = await queryRows<Edge>(db, sql`SELECT sharer_visitor_id::float8 AS sharer, opener_visitor_id::float8 AS opener, ${sql.raw(ms('min(created_at)'))} AS at
    FROM share_opens WHERE ${pathsWhere(paths)} ${when} GROUP BY sharer_visitor_id, opener_visitor_id`)
  const openers = new Map<number, Set<number>>()
  const parent = new Map<number, Edge>()
  for (const e of edges) {
    if (!openers.has(e.sharer))
      openers.set(e.sharer, new Set())
    openers.get(e.sharer)!.add(e.opener)
    // Someone opened by several sharers belongs under the first.
    const p = parent.get(e.opener)
    if (!p || e.at < p.at || (e.at === p.at && e.sharer < p.sharer))
      parent.set(e.opener, e)
  }
  const sharers = [...openers.keys()].sort((a, b) => a - b)
  const children = new Map<number, number[]>()
  for (const s of sharers) {
    const p = parent.get(s)
    if (p && openers.has(p.sharer)) {
      if (!children.has(p.sharer))
        children.set(p.sharer, [])
      children.get(p.sharer)!.push(s)
    }
  }
  const nicknames = await nicknamesOf(db, sharers)
  const placed = new Set<number>()
  const generations = new Map<number, { sharers: number, opens: number }>()
  const node = (visitor: number, depth: number): ShareNode => {
    placed.add(visitor)
    const g = generations.get(depth) ?? { sharers: 0, opens: 0 }
    g.sharers += 1
    g.opens += openers.get(visitor)!.size
    generations.set(depth, g)
    const nickname = nicknames.get(visitor)
    return {
      visitor,
      ...(nickname ? { nickname } : {}),
      depth,
      opens: openers.get(visitor)!.size,
      children: (children.get(visitor) ?? []).filter(c => !placed.has(c)).map(c => node(c, depth + 1)),
    }
  }
  const roots = sharers.filter(s => !parent.has(s) || !openers.has(parent.get(s)!.sharer))
  const tree = roots.map(r => node(r, 1))
  // Sharers only reachable through a loop (A opened B's link and B opened A's) start their own tree.
  for (const s of sharers) {
    if (!placed.has(s))
      tree.push(node(s, 1))
  }
  const brought = await queryRows<{ sharer: number, n: number, revenue: number }>(db, sql`SELECT sharer_visitor_id::float8 AS sharer, count(*)::int AS n, COALESCE(sum(revenue_fen), 0)::float8 AS revenue
    FROM analytics_post_readers WHERE ${keysWhere(scope)} AND sharer_visitor_id IS NOT NULL GROUP BY sharer_visitor_id`)
  const bySharer = new Map(brought.map(b => [b.sharer, b]))
  const topSharers: SharerStats[] = sharers.map((visitor) => {
    const nickname = nicknames.get(visitor)
    return {
      visitor,
      ...(nickname ? { nickname } : {}),
      opens: openers.get(visitor)!.size,
      newReaders: bySharer.get(visitor)?.n ?? 0,
      revenueFen: bySharer.get(visitor)?.revenue ?? 0,
    }
  }).sort((a, b) => b.opens - a.opens || b.newReaders - a.newReaders || b.revenueFen - a.revenueFen || a.visitor - b.visitor).slice(0, 20)
  return {
    tree,
    topSharers,
    generations: [...generations.entries()].sort((a, b) => a[0] - b[0]).map(([depth, g]) => ({ depth, ...g })),
  }
}

async function nicknamesOf(db: Db, visitorIds: number[]): Promise<Map<number, string>> {
  if (visitorIds.length === 0)
    return new Map()
  const rows = await queryRows<{ id: number, nickname: string }>(db, sql`SELECT v.id::float8 AS id, u.nickname FROM visitors v JOIN users u ON u.id = v.user_id
    WHERE v.id IN (${sql.join(visitorIds.map(id => sql`${id}::bigint`), sql`, `)}) AND NOT u.is_snapshot AND u.nickname <> ''`)
  return new Map(rows.map(r => [r.id, r.nickname]))
}

export async function cohortsReport(db: Db, range: DayRange): Promise<CohortsReport> {
  const rows = await queryRows<{ week: string, seen: string, n: number }>(db, sql`SELECT first_week::text AS week, week::text AS seen, visitors AS n
    FROM analytics_cohorts WHERE first_week BETWEEN ${range.from}::date AND ${range.to}::date ORDER BY 1, 2`)
  const cohorts = new Map<string, { week: string, visitors: number, returned: number[] }>()
  for (const r of rows) {
    const c = cohorts.get(r.week) ?? { week: r.week, visitors: 0, returned: [] }
    const k = Math.round((Date.parse(r.seen) - Date.parse(r.week)) / (7 * 86_400_000))
    if (k === 0)
      c.visitors = r.n
    else
      c.returned[k - 1] = r.n
    cohorts.set(r.week, c)
  }
  return { cohorts: [...cohorts.values()].map(c => ({ ...c, returned: Array.from(c.returned, n => n ?? 0) })) }
}

export async function dailyReport(db: Db, post: string | undefined, range: DayRange): Promise<DailyReport> {
  const rows = await queryRows<{ day: string, views: number, readers: number }>(db, sql`SELECT day::text AS day, views, readers
    FROM analytics_days WHERE article_id = ${post ?? SITE} AND day BETWEEN ${range.from}::date AND ${range.to}::date`)
  const byDay = new Map(rows.map(r => [r.day, r]))
  const days = []
  for (let d = range.from; d <= range.to; d = addDays(d, 1))
    days.push({ day: d, views: byDay.get(d)?.views ?? 0, readers: byDay.get(d)?.readers ?? 0 })
  return { days }
}
