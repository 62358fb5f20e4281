import type { App } from '../../src/server/app.ts'
import type { Reader } from './helpers/analytics.ts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, cstDay, cstWeek } from '../../src/server/analytics/classify.ts'
import { recordServerEvent } from '../../src/server/analytics/server-events.ts'
import { admin, ANDROID_UA, IPHONE_UA, newReader, openShared, OTHER_UA, postEvents, rows, send, signIn, WINDOWS_WECHAT_UA } from './helpers/analytics.ts'
import { reseed } from './helpers/pay.ts'
import { buildTestApp } from './helpers/test-app.ts'

// A known morning of traffic on one premium article, replayed through the real endpoints,
// then every figure asserted exactly. The script runs on the app clock (`build(config, { now })`), which ends
// at the real current minute: share opens are stamped by the database's own clock.
const NOW = Math.floor(Date.now() / 60_000) * 60_000
const T0 = NOW - 9 * 60_000
const RANGE = `from=${cstDay(T0)}&to=${cstDay(NOW + 3600_000)}`
const POST = 'paywall-design'
const PATH = `/articles/${POST}`
const min = (n: number) => T0 + n * 60_000
const pv = (at: number, channel: string, path = PATH, articleId = POST) => ({ type: 'page_view', path, articleId, channel, at })
const hb = (at: number, activeMs: number) => ({ type: 'heartbeat', path: PATH, articleId: POST, activeMs, at })
const depth = (at: number, depthPct: number) => ({ type: 'read_progress', path: PATH, articleId: POST, depthPct, at })
const ev = (type: string, at: number) => ({ type, path: PATH, articleId: POST, at })

describe('analytics: scripted traffic gives exact figures', () => {
  let app: App
  let clock = NOW
  const M: Reader[] = [] // 50 readers from the account menu, M[1]..M[50]
  const N: Reader[] = [] // 12 new readers brought by shares, N[1]..N[12]
  const users = new Map<Reader, number>()

  beforeAll(async () => {
    app = await buildTestApp({}, { rateLimitMax: 1_000_000, now: () => clock, analytics: { maintenanceIntervalMs: false } })
    await reseed(app.database)

    // Minute 0: 50 readers from the menu, on four kinds of device, reaching known depths.
    for (let i = 1; i <= 50; i++) {
      const ua = i <= 30 ? IPHONE_UA : i <= 45 ? ANDROID_UA : i <= 48 ? WINDOWS_WECHAT_UA : OTHER_UA
      const r = M[i] = await newReader(app, PATH, ua)
      if (i <= 10) // read to the end with 45 s engaged: completed
        await send(app, r, [pv(T0, 'menu'), hb(T0 + 15_000, 15_000), hb(T0 + 30_000, 15_000), hb(T0 + 45_000, 15_000), depth(T0 + 45_000, 100)])
      else if (i <= 20) // scrolled to the end in 10 s: not a plausible read
        await send(app, r, [pv(T0, 'menu'), hb(T0 + 10_000, 10_000), depth(T0 + 10_000, 100)])
      else if (i <= 35)
        await send(app, r, [pv(T0, 'menu'), hb(T0 + 15_000, 15_000), depth(T0 + 15_000, 50)])
      else
        await send(app, r, [pv(T0, 'menu'), depth(T0 + 5_000, 20)])
    }
    // Minute 2: three of them use the share button.
    for (const i of [1, 2, 3])
      await send(app, M[i]!, [ev('share_intent', min(2))])

    // Minute 3: 17 opens of their links: 10 new readers, 7 who had read it from the menu.
    const gen1: [number, number | null, string][] = [ // [sharer M, new reader N or null, channel]
      [1, 1, 'chat'],
      [1, 2, 'chat'],
      [1, 3, 'chat'],
      [1, 4, 'chat'],
      [1, 5, 'chat'],
      [1, 6, 'chat'],
      [2, 7, 'moments'],
      [2, 8, 'moments'],
      [2, 9, 'moments'],
      [3, 10, 'moments'],
    ]
    for (const [s, n, channel] of gen1) {
      const r = N[n!] = await newReader(app, PATH, ANDROID_UA, M[s]!.code)
      await send(app, r, [pv(min(3), channel), depth(min(3) + 20_000, 75)])
    }
    for (const [s, m] of [[1, 10], [1, 11], [1, 12], [1, 13], [2, 14], [2, 15], [2, 16]] as const) {
      await openShared(app, M[m]!, PATH, M[s]!)
      await send(app, M[m]!, [pv(min(3), 'chat')])
    }
    // Minute 4: second generation: N1 and N7 share; 3 opens, 2 of them new readers.
    await send(app, N[1]!, [ev('share_intent', min(4))])
    await send(app, N[7]!, [ev('share_intent', min(4))])
    for (const n of [11, 12]) {
      N[n] = await newReader(app, PATH, ANDROID_UA, N[1]!.code)
      await send(app, N[n]!, [pv(min(4), 'share'), depth(min(4) + 20_000, 75)])
    }
    await openShared(app, M[17]!, PATH, N[7]!)
    await send(app, M[17]!, [pv(min(4), 'chat')])

    // Minute 5: nine paywall views.
    for (const r of [M[1], M[2], M[3], M[4], M[5], N[1], N[2], N[3], N[4]])
      await send(app, r!, [ev('paywall_view', min(5))])

    // Minute 6: the server records 4 orders and 3 payments from its own truth.
    for (const [r, nick] of [[M[1], '一号读者'], [M[2], '二号读者'], [N[1], '新读者一'], [N[2], '新读者二']] as const)
      users.set(r!, (await signIn(app, r!, nick)).userId)
    const order = (r: Reader, kind: 'unlock' | 'membership', productId: string, amountFen: number, type: 'order_created' | 'paid', at: number) =>
      recordServerEvent(app.database.db, { type, userId: users.get(r)!, articleId: kind === 'unlock' ? POST : null, productId, productKind: kind, amountFen, at })
    await order(M[1]!, 'unlock', 'unlock-paywall-design', 300, 'order_created', min(6))
    await order(M[2]!, 'membership', 'membership-monthly', 1800, 'order_created', min(6))
    await order(N[1]!, 'unlock', 'unlock-paywall-design', 300, 'order_created', min(6))
    await order(N[2]!, 'membership', 'membership-yearly', 16800, 'order_created', min(6))
    await order(M[1]!, 'unlock', 'unlock-paywall-design', 300, 'paid', min(6) + 30_000)
    await order(M[2]!, 'membership', 'membership-monthly', 1800, 'paid', min(6) + 30_000)
    await order(N[1]!, 'unlock', 'unlock-paywall-design', 300, 'paid', min(6) + 30_000)
  }, 120_000)
  afterAll(() => app.close())

  it('per post: views, readers, depth, completion, engaged time, shares, K, sources, devices', async () => {
    const report = await admin(app, `/api/admin/analytics/articles/${POST}?${RANGE}`)
    expect(report).toEqual({
      views: 62, // the 8 menu readers who reopened through a share within 30 minutes are not new views
      readers: 62,
      avgDepthPct: Math.round((20 * 100 + 15 * 50 + 15 * 20 + 12 * 75) / 62 * 100) / 100,
      completionRate: 10 / 62,
      avgEngagedSeconds: Math.round((10 * 45 + 10 * 10 + 15 * 15) / 62 * 100) / 100,
      shareOpens: 20,
      readersFromShares: 12,
      kFactor: 12 / 62,
      sources: { menu: 50, chat: 6, moments: 4, share: 2 },
      devices: { ios: 30, android: 27, desktop: 3, other: 2 },
      depthDistribution: { '0-24': 15, '25-49': 0, '50-74': 15, '75-99': 12, '100': 20 },
      shareIntents: 5,
      paywallViews: 9,
      mediaPlays: 0,
      revenueFen: 2400,
    })
  })

  it('the funnel: read → paywall → order → paid, once per reader, in order; per tier', async () => {
    expect(await admin(app, `/api/admin/analytics/funnel?articleId=${POST}&${RANGE}`)).toEqual({
      steps: [{ step: 'read', readers: 62 }, { step: 'paywall_view', readers: 9 }, { step: 'order_created', readers: 4 }, { step: 'paid', readers: 3 }],
      revenueFen: 2400,
    })
    expect((await admin(app, `/api/admin/analytics/funnel?articleId=${POST}&tier=membership-monthly&${RANGE}`)).steps)
      .toEqual([{ step: 'read', readers: 62 }, { step: 'paywall_view', readers: 9 }, { step: 'order_created', readers: 1 }, { step: 'paid', readers: 1 }])
    // A range before anyone read counts nobody.
    expect((await admin(app, `/api/admin/analytics/funnel?articleId=${POST}&from=${addDays(cstDay(T0), -30)}&to=${addDays(cstDay(T0), -1)}`)).steps.map((s: { readers: number }) => s.readers)).toEqual([0, 0, 0, 0])
  })

  it('the share tree, generations and top sharers with the new readers and revenue they brought', async () => {
    const shares = await admin(app, `/api/admin/analytics/shares?articleId=${POST}`)
    expect(shares.tree).toEqual([
      { visitor: M[1]!.id, nickname: '一号读者', depth: 1, opens: 10, children: [{ visitor: N[1]!.id, nickname: '新读者一', depth: 2, opens: 2, children: [] }] },
      { visitor: M[2]!.id, nickname: '二号读者', depth: 1, opens: 6, children: [{ visitor: N[7]!.id, depth: 2, opens: 1, children: [] }] },
      { visitor: M[3]!.id, depth: 1, opens: 1, children: [] },
    ])
    expect(shares.generations).toEqual([{ depth: 1, sharers: 3, opens: 17 }, { depth: 2, sharers: 2, opens: 3 }])
    expect(shares.topSharers).toEqual([
      { visitor: M[1]!.id, nickname: '一号读者', opens: 10, newReaders: 6, revenueFen: 300 },
      { visitor: M[2]!.id, nickname: '二号读者', opens: 6, newReaders: 3, revenueFen: 0 },
      { visitor: N[1]!.id, nickname: '新读者一', opens: 2, newReaders: 2, revenueFen: 0 },
      { visitor: M[3]!.id, opens: 1, newReaders: 1, revenueFen: 0 },
      { visitor: N[7]!.id, opens: 1, newReaders: 0, revenueFen: 0 },
    ])
  })

  it('real time: readers in the last 5 minutes and the last 60 minutes per minute', async () => {
    const post = await admin(app, `/api/admin/analytics/realtime?articleId=${POST}`)
    expect(post.readersNow).toBe(9) // the paywall views of minute 5
    expect(post.minutes).toHaveLength(60)
    expect(post.minutes[59].at).toBe(new Date(NOW).toISOString())
    const busy = post.minutes.filter((m: { readers: number, views: number }) => m.readers || m.views)
    expect(busy).toEqual([
      { at: new Date(min(0)).toISOString(), readers: 50, views: 50 },
      { at: new Date(min(2)).toISOString(), readers: 3, views: 0 },
      { at: new Date(min(3)).toISOString(), readers: 17, views: 10 },
      { at: new Date(min(4)).toISOString(), readers: 5, views: 2 },
      { at: new Date(min(5)).toISOString(), readers: 9, views: 0 },
    ])
    const site = await admin(app, '/api/admin/analytics/realtime')
    expect(site.readersNow).toBe(9)
    expect(site.minutes.reduce((n: number, m: { views: number }) => n + m.views, 0)).toBe(62)
  })

  it('read → voted and read → quiz completed, from server-recorded ballots', async () => {
    clock = NOW
    const voters: Reader[] = []
    for (let i = 0; i < 5; i++) {
      const r = await newReader(app, '/polls/weekly')
      await send(app, r, [pv(min(7), 'menu', '/polls/weekly', 'poll:weekly')])
      voters.push(r)
    }
    for (const r of voters.slice(0, 3))
      await recordServerEvent(app.database.db, { type: 'voted', userId: (await signIn(app, r, '')).userId, articleId: 'poll:weekly', at: min(8) })
    // A ballot from someone who never opened the poll page is not a step after reading.
    const stranger = await newReader(app, '/')
    await recordServerEvent(app.database.db, { type: 'voted', userId: (await signIn(app, stranger, '')).userId, articleId: 'poll:weekly', at: min(8) })
    expect((await admin(app, `/api/admin/analytics/funnel?articleId=poll:weekly&goal=vote&${RANGE}`)).steps)
      .toEqual([{ step: 'read', readers: 5 }, { step: 'voted', readers: 3 }])

    const takers: Reader[] = []
    for (let i = 0; i < 4; i++) {
      const r = await newReader(app, '/quizzes/brain')
      await send(app, r, [pv(min(7), 'qr', '/quizzes/brain', 'quiz:brain')])
      takers.push(r)
    }
    for (const r of takers.slice(0, 2))
      await recordServerEvent(app.database.db, { type: 'quiz_completed', userId: (await signIn(app, r, '')).userId, articleId: 'quiz:brain', at: min(8) })
    expect((await admin(app, `/api/admin/analytics/funnel?articleId=quiz:brain&goal=quiz&${RANGE}`)).steps)
      .toEqual([{ step: 'read', readers: 4 }, { step: 'quiz_completed', readers: 2 }])
  })

  it('robots, a flood from one visitor and snapshot-mode visitors change nothing', async () => {
    const before = await admin(app, `/api/admin/analytics/articles/${POST}?${RANGE}`)
    const funnelBefore = await admin(app, `/api/admin/analytics/funnel?articleId=${POST}&${RANGE}`)
    const realtimeBefore = await admin(app, '/api/admin/analytics/realtime')
    const rawBefore = (await rows<{ n: number }>(app, sql`SELECT count(*)::int AS n FROM analytics_events`))[0]!.n

    // Robots and HTTP libraries, even with a visitor cookie.
    const bot = await newReader(app, PATH)
    for (const ua of ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'curl/8.5.0', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36', ''])
      expect((await postEvents(app, { ...bot, ua }, [pv(min(8), 'menu'), depth(min(8), 100)])).statusCode).toBe(204)

    // One reader replays their own events over and over: views, depth and time do not grow.
    const flooder = M[40]!
    const replay = [pv(T0, 'menu'), depth(T0 + 5_000, 20), hb(T0, 60_000), pv(min(8), 'menu')]
    const statuses = new Set<number>()
    for (let i = 0; i < 40; i++)
      statuses.add((await postEvents(app, flooder, Array.from({ length: 12 }, () => replay).flat().slice(0, 48))).statusCode)
    expect(statuses).toEqual(new Set([204, 429]))

    // A snapshot-mode ("virtual") identity: nothing it sends counts.
    const virtual = await newReader(app, PATH)
    const { cookie } = await signIn(app, virtual, '微信用户', true)
    expect((await postEvents(app, { ...virtual, cookie: `${virtual.cookie}; ${cookie}` }, [pv(min(8), 'menu'), depth(min(8), 100)])).statusCode).toBe(204)

    expect(await admin(app, `/api/admin/analytics/articles/${POST}?${RANGE}`)).toEqual(before)
    expect(await admin(app, `/api/admin/analytics/funnel?articleId=${POST}&${RANGE}`)).toEqual(funnelBefore)
    const realtime = await admin(app, '/api/admin/analytics/realtime')
    expect(realtime.minutes).toEqual(realtimeBefore.minutes.map((m: { at: string, readers: number }) =>
      m.at === new Date(min(8)).toISOString() ? { ...m, readers: m.readers + 1 } : m)) // the flooder was there this minute: once
    const rawAfter = (await rows<{ n: number }>(app, sql`SELECT count(*)::int AS n FROM analytics_events`))[0]!.n
    expect(rawAfter - rawBefore).toBeLessThanOrEqual(120) // the per-visitor rate: 120 events a minute
  })

  it('cohorts: readers by first week, and how many came back in later weeks', async () => {
    clock = NOW + 7 * 86_400_000
    for (const r of M.slice(1, 11))
      await send(app, r, [pv(clock, 'menu')])
    const { cohorts } = await admin(app, `/api/admin/analytics/cohorts?from=${addDays(cstDay(T0), -30)}&to=${cstDay(clock)}`)
    // Everyone who sent events (the stranger who only landed on the home page sent none).
    expect(cohorts).toEqual([{ week: cstWeek(T0), visitors: 50 + 12 + 5 + 4, returned: [10] }])
    const { days } = await admin(app, `/api/admin/analytics/daily?articleId=${POST}&from=${cstDay(T0)}&to=${cstDay(clock)}`)
    expect(days.at(-1)).toEqual({ day: cstDay(clock), views: 10, readers: 10 })
    expect(days.slice(0, -1).reduce((n: number, d: { views: number }) => n + d.views, 0)).toBe(62)
  })
})
