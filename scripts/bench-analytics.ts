import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'
import { sql } from 'drizzle-orm'
import { cstDay } from '../src/server/analytics/classify.ts'
import { build } from '../src/server/app.ts'
import { openDatabase } from '../src/server/db/open-database.ts'
import { createVisitor } from '../src/server/db/queries/visitors.ts'
import { seed } from '../src/server/db/seed.ts'
import { IPHONE_UA } from '../src/simulator/personas.ts'
import { testConfig } from '../tests/server/helpers/test-config.ts'

/**
 * Analytics under `npm run bench`: (1) how many events a second POST /api/events ingests
 * (batches of 10 from many visitors, rollups included), (2) how long each operator report
 * takes with a million raw events stored. Run it on a throwaway database: it adds a million
 * rows. BENCH_EVENTS changes the size, DATABASE_URL=postgres://… benchmarks PostgreSQL.
 */
const DURATION = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const TOTAL_EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000)
const VISITORS = 50_000
const POSTS = 200
const BATCH = 10

const port = 3901
const publicOrigin = `http://127.0.0.1:${port}`
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL ?? null, dataDir: null })
await seed(database)
const app = await build(testConfig({ publicOrigin, databaseUrl: process.env.DATABASE_URL ?? null }), {
  database,
  rateLimitMax: 100_000_000,
  logger: false,
  analytics: { maxEventsPerMinute: 1_000_000_000 },
})
await app.listen({ port, host: '127.0.0.1' })
const { db } = database
const run = (q: ReturnType<typeof sql>) => db.execute(q)

// 1. Ingestion through HTTP: each request is one visitor's batch of 10 events.
const cookies: string[] = []
for (let i = 0; i < 2000; i++)
  cookies.push(`vid=${(await createVisitor(db, null)).token}`)
const batchBody = JSON.stringify({
  events: Array.from({ length: BATCH }, (_, i) => i === 0
    ? { type: 'page_view', path: '/articles/reading-habits', articleId: 'reading-habits', channel: 'menu' }
    : i % 2 ? { type: 'heartbeat', path: '/articles/reading-habits', articleId: 'reading-habits', activeMs: 15_000 } : { type: 'read_progress', path: '/articles/reading-habits', articleId: 'reading-habits', depthPct: i * 10 }),
})
let n = 0
const ingest = await autocannon({
  url: `${publicOrigin}/api/events`,
  method: 'POST',
  connections: CONNECTIONS,
  duration: DURATION,
  headers: { 'content-type': 'application/json', 'user-agent': IPHONE_UA },
  body: batchBody,
  setupClient: (client) => {
    client.setHeaders({ 'content-type': 'application/json', 'user-agent': IPHONE_UA, 'cookie': cookies[n++ % cookies.length]! })
  },
})
const ingested = Number((await db.execute(sql`SELECT count(*)::int AS n FROM analytics_events`) as unknown as { rows: { n: number }[] }).rows[0]!.n)
console.log(`\nAnalytics, database ${database.kind}, Node ${process.version}`)
console.log(`\nPOST /api/events, ${CONNECTIONS} connections, ${DURATION} s, batches of ${BATCH}: ${Math.round(ingest.requests.average)} batches/s = ${Math.round(ingest.requests.average * BATCH)} events/s (p50 ${ingest.latency.p50} ms, p99 ${ingest.latency.p99} ms, non-2xx ${ingest.non2xx}); ${ingested} events stored`)

// 2. Fill up to a million raw events over the last 30 days, with the rollups such traffic
// leaves (about 8 events per reader-day), generated in bulk rather than replayed.
const t0 = performance.now()
const now = Date.now()
const rest = Math.max(0, TOTAL_EVENTS - ingested)
const readerDays = Math.round(TOTAL_EVENTS / 8)
await run(sql`INSERT INTO visitors (token_hash, share_code) SELECT 'bench' || g, 'bn' || g FROM generate_series(1, ${VISITORS}::int) g ON CONFLICT DO NOTHING`)
const [{ lo }] = (await db.execute(sql`SELECT min(id)::float8 AS lo FROM visitors WHERE token_hash LIKE 'bench%'`) as unknown as { rows: { lo: number }[] }).rows as [{ lo: number }]
const since = new Date(now - 30 * 86_400_000).toISOString()
for (let done = 0; done < rest; done += 100_000) {
  await run(sql`INSERT INTO analytics_events (at, type, visitor_id, path, article_id, channel, depth_pct, active_ms, device)
    SELECT ${since}::timestamptz + (g * 30 * 86400.0 / ${rest}::int) * interval '1 second', (ARRAY['page_view','read_progress','heartbeat','heartbeat','read_progress','paywall_view','share_intent','heartbeat'])[1 + g % 8],
      ${lo}::bigint + g % ${VISITORS}::int, '/articles/bench-' || g % ${POSTS}::int, 'bench-' || g % ${POSTS}::int, 'menu', (g % 101)::smallint, 15000, 'ios'
    FROM generate_series(${done}::int, ${Math.min(rest, done + 100_000) - 1}::int) g`)
}
await run(sql`INSERT INTO analytics_reader_days (article_id, day, visitor_id, views, max_depth, engaged_ms, last_active_at, source, device, share_intent, paywall_view)
  SELECT 'bench-' || g % ${POSTS}::int, (${cstDay(now)}::date - (g % 30)), ${lo}::bigint + (g * 7919) % ${VISITORS}::int, 1 + g % 3, (g * 37) % 101, (g % 20) * 15000, now(),
    (ARRAY['menu','chat','moments','share','qr','direct','article'])[1 + g % 7], (ARRAY['ios','android','desktop','other'])[1 + g % 4], g % 5 = 0, g % 7 = 0
  FROM generate_series(1, ${readerDays}::int) g ON CONFLICT DO NOTHING`)
await run(sql`INSERT INTO analytics_reader_days (article_id, day, visitor_id, views, device)
  SELECT '', day, visitor_id, sum(views), min(device) FROM analytics_reader_days WHERE article_id LIKE 'bench-%' GROUP BY day, visitor_id ON CONFLICT DO NOTHING`)
await run(sql`INSERT INTO analytics_post_readers (article_id, visitor_id, first_at, first_source, sharer_visitor_id, paywall_at, order_at, order_product_id, paid_at, revenue_fen)
  SELECT article_id, visitor_id, min(day)::timestamptz, 'menu', CASE WHEN visitor_id % 5 = 0 THEN visitor_id - 1 END,
    CASE WHEN bool_or(paywall_view) THEN min(day)::timestamptz + interval '1 minute' END,
    CASE WHEN bool_or(paywall_view) AND visitor_id % 3 = 0 THEN min(day)::timestamptz + interval '2 minutes' END, 'membership-monthly',
    CASE WHEN bool_or(paywall_view) AND visitor_id % 6 = 0 THEN min(day)::timestamptz + interval '3 minutes' END, 0
  FROM analytics_reader_days WHERE article_id LIKE 'bench-%' GROUP BY article_id, visitor_id ON CONFLICT DO NOTHING`)
await run(sql`INSERT INTO share_opens (sharer_visitor_id, opener_visitor_id, path, created_at)
  SELECT sharer_visitor_id, visitor_id, '/articles/' || article_id, first_at FROM analytics_post_readers WHERE sharer_visitor_id IS NOT NULL ON CONFLICT DO NOTHING`)
await run(sql`INSERT INTO analytics_minute_readers (article_id, minute, visitor_id)
  SELECT k, date_trunc('minute', now()) - (g % 60) * interval '1 minute', ${lo}::bigint + g % ${VISITORS}::int
  FROM generate_series(1, 60000) g, (VALUES (''), ('bench-1')) AS keys(k) ON CONFLICT DO NOTHING`)
await run(sql`INSERT INTO analytics_minutes (article_id, minute, views, readers)
  SELECT article_id, minute, count(*), count(*) FROM analytics_minute_readers GROUP BY article_id, minute
  ON CONFLICT (article_id, minute) DO UPDATE SET readers = EXCLUDED.readers`)
await run(sql`INSERT INTO analytics_visitors (visitor_id, first_week) SELECT DISTINCT ON (visitor_id) visitor_id, date_trunc('week', day)::date FROM analytics_reader_days ORDER BY visitor_id, day ON CONFLICT DO NOTHING`)
await run(sql`INSERT INTO analytics_visitor_weeks (visitor_id, week) SELECT DISTINCT visitor_id, date_trunc('week', day)::date FROM analytics_reader_days ON CONFLICT DO NOTHING`)
await run(sql`INSERT INTO analytics_days (article_id, day, views, readers) SELECT article_id, day, sum(views), count(*) FROM analytics_reader_days GROUP BY article_id, day
  ON CONFLICT (article_id, day) DO UPDATE SET views = EXCLUDED.views, readers = EXCLUDED.readers`)
await run(sql`INSERT INTO analytics_cohorts (first_week, week, visitors) SELECT a.first_week, w.week, count(*) FROM analytics_visitors a JOIN analytics_visitor_weeks w USING (visitor_id)
  GROUP BY 1, 2 ON CONFLICT (first_week, week) DO UPDATE SET visitors = EXCLUDED.visitors`)
await run(sql`ANALYZE`)
const count = async (table: string) => Number((await db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`)) as unknown as { rows: { n: number }[] }).rows[0]!.n)
console.log(`\nStored: ${await count('analytics_events')} raw events, ${await count('analytics_reader_days')} reader-days, ${await count('analytics_post_readers')} post readers, ${await count('share_opens')} share opens, ${await count('analytics_minute_readers')} minute readers (filled in ${Math.round((performance.now() - t0) / 1000)} s)`)

// 3. The operator reports, each asked 20 times in a row.
const from = cstDay(now - 29 * 86_400_000)
const to = cstDay(now)
const reports = [
  ['realtime, whole site', '/api/admin/analytics/realtime'],
  ['realtime, one post', '/api/admin/analytics/realtime?articleId=bench-1'],
  ['post report, 30 days', `/api/admin/analytics/articles/bench-1?from=${from}&to=${to}`],
  ['funnel, one post', `/api/admin/analytics/funnel?articleId=bench-1&from=${from}&to=${to}`],
  ['funnel, whole site', `/api/admin/analytics/funnel?from=${from}&to=${to}`],
  ['share tree + top sharers', '/api/admin/analytics/shares?articleId=bench-1'],
  ['cohorts', '/api/admin/analytics/cohorts'],
  ['daily, whole site', `/api/admin/analytics/daily?from=${from}&to=${to}`],
]
console.log('\n| report | median ms | max ms |')
console.log('|---|---|---|')
for (const [name, url] of reports) {
  const times: number[] = []
  for (let i = 0; i < 20; i++) {
    const start = performance.now()
    const res = await app.inject({ method: 'GET', url: url!, headers: { authorization: 'Bearer test-admin-token-0123456789' } })
    times.push(performance.now() - start)
    if (res.statusCode !== 200)
      throw new Error(`${url} → ${res.statusCode} ${res.body}`)
  }
  times.sort((a, b) => a - b)
  console.log(`| ${name} | ${times[10]!.toFixed(1)} | ${times[19]!.toFixed(1)} |`)
}

await app.close()
await database.close()
