import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'

/** What the SPA reports; payments, votes and quiz results are recorded by the server from its own truth. */
export const CLIENT_EVENT_TYPES = ['page_view', 'read_progress', 'heartbeat', 'share_intent', 'paywall_view', 'media_play'] as const
export type ClientEventType = typeof CLIENT_EVENT_TYPES[number]

/**
 * Where a visit came from, as the landing URL tells: `ch=menu|article|qr` (put in the account's
 * menu, 阅读原文 links and QR codes), WeChat's `from=timeline` (Moments) or `from=singlemessage|
 * groupmessage` (chats), a sharer code `sh` (share), otherwise direct.
 */
export const CHANNELS = ['menu', 'article', 'chat', 'moments', 'share', 'qr', 'direct'] as const
export type Channel = typeof CHANNELS[number]

/** A post's key: an article id, or `poll:<id>` / `quiz:<id>` for poll and quiz pages. */
export const POST_KEY_PATTERN = '^(?:(?:poll|quiz):)?[0-9A-Za-z_-]{1,64}$'

export const MAX_EVENTS_PER_BATCH = 50

export const ClientEvent = Type.Object({
  type: Type.Union(CLIENT_EVENT_TYPES.map(t => Type.Literal(t))),
  /** The page path without origin or query, e.g. `/articles/1`. */
  path: Type.String({ minLength: 1, maxLength: 512, pattern: '^/' }),
  /** When it happened (ms since epoch or ISO 8601); the server keeps it only when plausible. */
  at: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.String({ format: 'date-time', maxLength: 40 })])),
  articleId: Type.Optional(Type.String({ pattern: POST_KEY_PATTERN, maxLength: 70 })),
  /** read_progress: the furthest point reached, in % of the post. */
  depthPct: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  /** heartbeat: visible and active time since the previous heartbeat. */
  activeMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000 })),
  channel: Type.Optional(Type.Union(CHANNELS.map(c => Type.Literal(c)))),
})
export type ClientEvent = Static<typeof ClientEvent>

export const EventsBody = Type.Object({
  events: Type.Array(ClientEvent, { minItems: 1, maxItems: MAX_EVENTS_PER_BATCH }),
})
export type EventsBody = Static<typeof EventsBody>

// Operator reports (GET /api/admin/analytics/…). Days are China Standard Time calendar days.

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (China Standard Time)' })

export const DateRangeQuery = Type.Object({
  from: Type.Optional(Day),
  to: Type.Optional(Day),
})
export type DateRangeQuery = Static<typeof DateRangeQuery>

export const RealtimeQuery = Type.Object({
  articleId: Type.Optional(Type.String({ pattern: POST_KEY_PATTERN, maxLength: 70 })),
})
export type RealtimeQuery = Static<typeof RealtimeQuery>

export const RealtimeReport = Type.Object({
  /** Distinct visitors with any event in the last 5 minutes. */
  readersNow: Type.Integer(),
  /** The last 60 minutes, oldest first; `at` is the start of the minute. */
  minutes: Type.Array(Type.Object({ at: Type.String(), readers: Type.Integer(), views: Type.Integer() })),
})
export type RealtimeReport = Static<typeof RealtimeReport>

export const ArticleParams = Type.Object({ id: Type.String({ pattern: POST_KEY_PATTERN, maxLength: 70 }) })
export const SeriesParams = Type.Object({ series: Type.String({ minLength: 1, maxLength: 200 }) })

const Counts = Type.Record(Type.String(), Type.Integer())

export const PostReport = Type.Object({
  views: Type.Integer(),
  readers: Type.Integer(),
  avgDepthPct: Type.Number(),
  /** Readers at ≥ 95 % depth with ≥ 15 s engaged, ÷ readers. */
  completionRate: Type.Number(),
  avgEngagedSeconds: Type.Number(),
  /** Distinct people who opened the post through someone's shared link. */
  shareOpens: Type.Integer(),
  /** Readers whose first read of the post came through a share. */
  readersFromShares: Type.Integer(),
  /** readersFromShares ÷ readers. */
  kFactor: Type.Number(),
  /** Readers by the channel of their first visit in the range. */
  sources: Counts,
  devices: Type.Object({ ios: Type.Integer(), android: Type.Integer(), desktop: Type.Integer(), other: Type.Integer() }),
  /** Readers by depth reached: `0-24`, `25-49`, `50-74`, `75-99`, `100`. */
  depthDistribution: Counts,
  shareIntents: Type.Integer(),
  paywallViews: Type.Integer(),
  mediaPlays: Type.Integer(),
  revenueFen: Type.Integer(),
})
export type PostReport = Static<typeof PostReport>

export const FUNNEL_GOALS = ['purchase', 'vote', 'quiz'] as const

export const FunnelQuery = Type.Object({
  articleId: Type.Optional(Type.String({ pattern: POST_KEY_PATTERN, maxLength: 70 })),
  series: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  /** A membership tier (product id): only orders of that tier count. */
  tier: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' })),
  goal: Type.Optional(Type.Union(FUNNEL_GOALS.map(g => Type.Literal(g)))),
  /** How long after the first read later steps still count (default 7). */
  windowDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
})
export type FunnelQuery = Static<typeof FunnelQuery>

export const FUNNEL_STEPS = ['read', 'paywall_view', 'order_created', 'paid', 'voted', 'quiz_completed'] as const
export const FunnelStepName = Type.Union([Type.Literal('read'), Type.Literal('paywall_view'), Type.Literal('order_created'), Type.Literal('paid'), Type.Literal('voted'), Type.Literal('quiz_completed')])
export const FunnelReport = Type.Object({
  steps: Type.Array(Type.Object({ step: FunnelStepName, readers: Type.Integer() })),
  revenueFen: Type.Integer(),
})
export type FunnelReport = Static<typeof FunnelReport>

export const SharesQuery = Type.Object({
  articleId: Type.Optional(Type.String({ pattern: POST_KEY_PATTERN, maxLength: 70 })),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
})
export type SharesQuery = Static<typeof SharesQuery>

export interface ShareNode {
  visitor: number
  nickname?: string
  /** 1 for someone who shared without having opened a share, 2 for those they brought who shared again, … */
  depth: number
  /** Distinct people who opened this visitor's shared link. */
  opens: number
  children: ShareNode[]
}
export const ShareNode = Type.Recursive(This => Type.Object({
  visitor: Type.Integer(),
  nickname: Type.Optional(Type.String()),
  depth: Type.Integer(),
  opens: Type.Integer(),
  children: Type.Array(This),
}), { $id: 'ShareNode' })

export const SharerStats = Type.Object({
  visitor: Type.Integer(),
  nickname: Type.Optional(Type.String()),
  opens: Type.Integer(),
  /** People whose first read of the post came through this sharer's link. */
  newReaders: Type.Integer(),
  /** What the readers this sharer brought paid (fen). */
  revenueFen: Type.Integer(),
})
export type SharerStats = Static<typeof SharerStats>

export const SharesReport = Type.Object({
  tree: Type.Array(ShareNode),
  topSharers: Type.Array(SharerStats),
  /** Per generation: how many shared and how many opens their shares brought. */
  generations: Type.Array(Type.Object({ depth: Type.Integer(), sharers: Type.Integer(), opens: Type.Integer() })),
})
export type SharesReport = Static<typeof SharesReport>

export const CohortsQuery = Type.Object({ from: Type.Optional(Day), to: Type.Optional(Day) })
export const CohortsReport = Type.Object({
  /** Per first week (Monday, CST): new visitors, and how many of them came back 1, 2, … weeks later. */
  cohorts: Type.Array(Type.Object({ week: Type.String(), visitors: Type.Integer(), returned: Type.Array(Type.Integer()) })),
})
export type CohortsReport = Static<typeof CohortsReport>

export const DailyQuery = Type.Object({
  articleId: Type.Optional(Type.String({ pattern: POST_KEY_PATTERN, maxLength: 70 })),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
})
export const DailyReport = Type.Object({
  days: Type.Array(Type.Object({ day: Type.String(), views: Type.Integer(), readers: Type.Integer() })),
})
export type DailyReport = Static<typeof DailyReport>
