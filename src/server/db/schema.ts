import type { StoredBlock } from '../posts/stored-blocks.ts'
import { sql } from 'drizzle-orm'
import { bigint, bigserial, boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

// Typed mirrors of the SQL migrations in ./migrations, which stay the source of truth.

export const users = pgTable('users', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  openid: text('openid').notNull().unique(),
  unionid: text('unionid'),
  nickname: text('nickname').notNull().default(''),
  avatarUrl: text('avatar_url').notNull().default(''),
  isSnapshot: boolean('is_snapshot').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
})

export const wechatCredentials = pgTable('wechat_credentials', {
  kind: text('kind').primaryKey(),
  value: text('value').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

export const visitors = pgTable('visitors', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  shareCode: text('share_code').notNull().unique(),
  userId: bigint('user_id', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** Refreshed at most daily; anonymous visitors unseen for VISITOR_RETENTION_DAYS are pruned (0011). */
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
})

export const shareOpens = pgTable('share_opens', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  sharerVisitorId: bigint('sharer_visitor_id', { mode: 'number' }).notNull().references(() => visitors.id, { onDelete: 'cascade' }),
  openerVisitorId: bigint('opener_visitor_id', { mode: 'number' }).notNull().references(() => visitors.id, { onDelete: 'cascade' }),
  path: text('path').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** China-time day of the open: one open per opener, sharer, page and day (0011). */
  openedOn: date('opened_on').notNull().default(sql`((now() AT TIME ZONE 'Asia/Shanghai')::date)`),
})

// Paid content (0003_payments.sql).

const ts = (name: string) => timestamp(name, { withTimezone: true })

export const articles = pgTable('articles', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  summary: text('summary').notNull().default(''),
  author: text('author').notNull().default(''),
  series: text('series'),
  seriesPosition: integer('series_position'),
  coverUrl: text('cover_url'),
  /** Has a paywall block: kept in step with `blocks` by every save (0020). */
  isPremium: boolean('is_premium').notNull().default(false),
  /** Stored blocks (0020): the authored form with text as runs; see src/server/posts. */
  blocks: jsonb('blocks').$type<StoredBlock[]>().notNull().default([]),
  status: text('status', { enum: ['draft', 'published'] }).notNull().default('published'),
  coverMediaId: text('cover_media_id'),
  /** Null for a draft never published; in the future for a scheduled post. */
  publishedAt: ts('published_at'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
  /** The series this article is a part of (0022); `series` above is the old label, no longer read. */
  seriesId: text('series_id'),
  /** When its part-published event went out (0022). */
  announcedAt: ts('announced_at'),
})

export const products = pgTable('products', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['membership', 'unlock', 'tip', 'series'] }).notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  priceFen: integer('price_fen'),
  durationDays: integer('duration_days'),
  articleId: text('article_id').references(() => articles.id),
  tipPresetsFen: integer('tip_presets_fen').array(),
  tipMinFen: integer('tip_min_fen'),
  tipMaxFen: integer('tip_max_fen'),
  active: boolean('active').notNull().default(true),
  sort: integer('sort').notNull().default(0),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  /** kind 'series': the series it unlocks (0022). */
  seriesId: text('series_id'),
})

export const orders = pgTable('orders', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  outTradeNo: text('out_trade_no').notNull().unique(),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id),
  productId: text('product_id').notNull().references(() => products.id),
  kind: text('kind', { enum: ['membership', 'unlock', 'tip', 'series'] }).notNull(),
  articleId: text('article_id').references(() => articles.id),
  /** kind 'series': the series bought (0022). */
  seriesId: text('series_id'),
  description: text('description').notNull(),
  amountFen: integer('amount_fen').notNull(),
  durationDays: integer('duration_days'),
  status: text('status', { enum: ['pending', 'paid', 'closed', 'refunded'] }).notNull().default('pending'),
  prepayId: text('prepay_id').notNull(),
  expiresAt: ts('expires_at').notNull(),
  transactionId: text('transaction_id').unique(),
  paidAt: ts('paid_at'),
  outRefundNo: text('out_refund_no').unique(),
  refundId: text('refund_id'),
  refundedAt: ts('refunded_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  /** When the reconciliation job next asks WeChat Pay about it while pending (0006). */
  nextSyncAt: ts('next_sync_at').notNull().defaultNow(),
  /** Sum of SUCCESS refunds (0010); the order is 'refunded' once it reaches amount_fen. */
  refundedFen: integer('refunded_fen').notNull().default(0),
  /** When GET /api/orders/:id last asked WeChat Pay about it (0009). */
  statusQueriedAt: ts('status_queried_at'),
})

/** One 退款申请 per row, partial ones included (0010). */
export const refunds = pgTable('refunds', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orderId: bigint('order_id', { mode: 'number' }).notNull().references(() => orders.id),
  outRefundNo: text('out_refund_no').notNull().unique(),
  refundId: text('refund_id'),
  amountFen: integer('amount_fen').notNull(),
  reason: text('reason'),
  status: text('status', { enum: ['PROCESSING', 'SUCCESS', 'CLOSED', 'ABNORMAL'] }).notNull().default('PROCESSING'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  succeededAt: ts('succeeded_at'),
  nextSyncAt: ts('next_sync_at').notNull().defaultNow(),
})

export const entitlements = pgTable('entitlements', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orderId: bigint('order_id', { mode: 'number' }).notNull().unique().references(() => orders.id),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['membership', 'unlock', 'series'] }).notNull(),
  articleId: text('article_id').references(() => articles.id),
  /** kind 'series': every part of this series, present and future (0022). */
  seriesId: text('series_id'),
  durationDays: integer('duration_days'),
  grantedAt: ts('granted_at').notNull().defaultNow(),
  revokedAt: ts('revoked_at'),
  /** A membership's period (0005); null for unlocks. */
  startsAt: ts('starts_at'),
  endsAt: ts('ends_at'),
})

export const memberships = pgTable('memberships', {
  userId: bigint('user_id', { mode: 'number' }).primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  productId: text('product_id').notNull().references(() => products.id),
  expiresAt: ts('expires_at').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  targetType: text('target_type').notNull(),
  targetId: text('target_id').notNull(),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  ip: text('ip'),
})

// Polls (0013_polls.sql) and quizzes (0014_quizzes.sql).

export interface PollOptionJson { id: string, label: string, imageUrl?: string }

export const polls = pgTable('polls', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  description: text('description'),
  options: jsonb('options').$type<PollOptionJson[]>().notNull(),
  maxChoices: integer('max_choices').notNull().default(1),
  showResults: text('show_results', { enum: ['always', 'after_vote', 'after_close'] }).notNull().default('after_vote'),
  eligibility: text('eligibility', { enum: ['signed_in', 'followers', 'members'] }).notNull().default('signed_in'),
  daily: boolean('daily').notNull().default(false),
  opensAt: ts('opens_at'),
  closesAt: ts('closes_at'),
  closedAt: ts('closed_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

export const pollBallots = pgTable('poll_ballots', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  pollId: text('poll_id').notNull().references(() => polls.id, { onDelete: 'cascade' }),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  ballotDay: date('ballot_day', { mode: 'string' }).notNull(),
  optionIds: text('option_ids').array().notNull(),
  refCode: text('ref_code'),
  createdAt: ts('created_at').notNull().defaultNow(),
})

export const pollVotes = pgTable('poll_votes', {
  ballotId: bigint('ballot_id', { mode: 'number' }).notNull().references(() => pollBallots.id, { onDelete: 'cascade' }),
  pollId: text('poll_id').notNull(),
  optionId: text('option_id').notNull(),
})

export interface QuizOptionJson { id: string, label: string, correct?: boolean, weights?: Record<string, number> }
export interface QuizQuestionJson { id: string, prompt: string, kind: 'single' | 'multi', imageUrl?: string, points?: number, explanation?: string, options: QuizOptionJson[] }
export interface QuizOutcomeJson { id: string, title: string, description: string, imageUrl?: string }

export const quizzes = pgTable('quizzes', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  description: text('description'),
  mode: text('mode', { enum: ['scored', 'outcome'] }).notNull(),
  timeLimitSeconds: integer('time_limit_seconds'),
  attemptsAllowed: integer('attempts_allowed').notNull().default(1),
  questions: jsonb('questions').$type<QuizQuestionJson[]>().notNull(),
  outcomes: jsonb('outcomes').$type<QuizOutcomeJson[]>().notNull().default([]),
  opensAt: ts('opens_at'),
  closedAt: ts('closed_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

export const quizAttempts = pgTable('quiz_attempts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  quizId: text('quiz_id').notNull().references(() => quizzes.id, { onDelete: 'cascade' }),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  attemptNo: integer('attempt_no').notNull(),
  startedAt: ts('started_at').notNull().defaultNow(),
  deadlineAt: ts('deadline_at'),
  submittedAt: ts('submitted_at'),
  answers: jsonb('answers').$type<{ questionId: string, optionIds: string[] }[]>(),
  score: integer('score'),
  maxScore: integer('max_score'),
  correctCount: integer('correct_count'),
  outcomeId: text('outcome_id'),
  refCode: text('ref_code'),
})
// Analytics (0015_analytics.sql; src/server/analytics reads and writes these with SQL).

export const analyticsEvents = pgTable('analytics_events', {
  at: ts('at').notNull(),
  receivedAt: ts('received_at').notNull().defaultNow(),
  type: text('type').notNull(),
  visitorId: bigint('visitor_id', { mode: 'number' }),
  userId: bigint('user_id', { mode: 'number' }),
  path: text('path'),
  articleId: text('article_id'),
  channel: text('channel'),
  depthPct: integer('depth_pct'),
  activeMs: integer('active_ms'),
  device: text('device'),
  wechatVersion: text('wechat_version'),
  details: jsonb('details').$type<Record<string, unknown>>(),
})

export const analyticsMinutes = pgTable('analytics_minutes', {
  articleId: text('article_id').notNull(),
  minute: ts('minute').notNull(),
  views: integer('views').notNull().default(0),
  readers: integer('readers').notNull().default(0),
}, t => [primaryKey({ columns: [t.articleId, t.minute] })])

export const analyticsMinuteReaders = pgTable('analytics_minute_readers', {
  articleId: text('article_id').notNull(),
  minute: ts('minute').notNull(),
  visitorId: bigint('visitor_id', { mode: 'number' }).notNull(),
}, t => [primaryKey({ columns: [t.articleId, t.minute, t.visitorId] })])

export const analyticsReaderDays = pgTable('analytics_reader_days', {
  articleId: text('article_id').notNull(),
  day: date('day').notNull(),
  visitorId: bigint('visitor_id', { mode: 'number' }).notNull(),
  views: integer('views').notNull().default(0),
  lastViewAt: ts('last_view_at'),
  maxDepth: integer('max_depth').notNull().default(0),
  engagedMs: integer('engaged_ms').notNull().default(0),
  lastActiveAt: ts('last_active_at'),
  source: text('source'),
  device: text('device').notNull(),
  shareIntent: boolean('share_intent').notNull().default(false),
  paywallView: boolean('paywall_view').notNull().default(false),
  mediaPlay: boolean('media_play').notNull().default(false),
}, t => [primaryKey({ columns: [t.articleId, t.day, t.visitorId] })])

export const analyticsDays = pgTable('analytics_days', {
  articleId: text('article_id').notNull(),
  day: date('day').notNull(),
  views: integer('views').notNull().default(0),
  readers: integer('readers').notNull().default(0),
}, t => [primaryKey({ columns: [t.articleId, t.day] })])

export const analyticsLastViews = pgTable('analytics_last_views', {
  visitorId: bigint('visitor_id', { mode: 'number' }).notNull(),
  path: text('path').notNull(),
  at: ts('at').notNull(),
}, t => [primaryKey({ columns: [t.visitorId, t.path] })])

export const analyticsPostReaders = pgTable('analytics_post_readers', {
  articleId: text('article_id').notNull(),
  visitorId: bigint('visitor_id', { mode: 'number' }).notNull(),
  firstAt: ts('first_at').notNull(),
  firstSource: text('first_source').notNull(),
  sharerVisitorId: bigint('sharer_visitor_id', { mode: 'number' }),
  paywallAt: ts('paywall_at'),
  orderAt: ts('order_at'),
  orderProductId: text('order_product_id'),
  paidAt: ts('paid_at'),
  paidProductId: text('paid_product_id'),
  votedAt: ts('voted_at'),
  quizAt: ts('quiz_at'),
  revenueFen: bigint('revenue_fen', { mode: 'number' }).notNull().default(0),
}, t => [primaryKey({ columns: [t.articleId, t.visitorId] })])

export const analyticsVisitors = pgTable('analytics_visitors', {
  visitorId: bigint('visitor_id', { mode: 'number' }).primaryKey(),
  firstWeek: date('first_week').notNull(),
})

export const analyticsVisitorWeeks = pgTable('analytics_visitor_weeks', {
  visitorId: bigint('visitor_id', { mode: 'number' }).notNull(),
  week: date('week').notNull(),
}, t => [primaryKey({ columns: [t.visitorId, t.week] })])

export const analyticsCohorts = pgTable('analytics_cohorts', {
  firstWeek: date('first_week').notNull(),
  week: date('week').notNull(),
  visitors: integer('visitors').notNull().default(0),
}, t => [primaryKey({ columns: [t.firstWeek, t.week] })])

// Comments and their review (0017_comments.sql, 0018_moderation.sql).

export const comments = pgTable('comments', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  text: text('text').notNull(),
  textKey: text('text_key').notNull(),
  status: text('status', { enum: ['pending', 'approved', 'rejected', 'blocked', 'deleted'] }).notNull(),
  featured: boolean('featured').notNull().default(false),
  likes: integer('likes').notNull().default(0),
  checkOutcome: text('check_outcome', { enum: ['pass', 'review', 'block'] }).notNull(),
  checkReasons: jsonb('check_reasons').$type<{ source: string, level: string, label: string }[]>().notNull().default([]),
  decidedBy: text('decided_by'),
  decidedAt: ts('decided_at'),
  decisionReason: text('decision_reason'),
  replyText: text('reply_text'),
  replyAt: ts('reply_at'),
  claimedBy: text('claimed_by'),
  claimedUntil: ts('claimed_until'),
  createdAt: ts('created_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
})

export const commentLikes = pgTable('comment_likes', {
  commentId: bigint('comment_id', { mode: 'number' }).notNull().references(() => comments.id, { onDelete: 'cascade' }),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: ts('created_at').notNull().defaultNow(),
})

export const moderationWords = pgTable('moderation_words', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  word: text('word').notNull(),
  normalized: text('normalized').notNull().unique(),
  level: text('level', { enum: ['block', 'review'] }).notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

export const moderationSettings = pgTable('moderation_settings', {
  id: boolean('id').primaryKey().default(true),
  autoApproveOnPass: boolean('auto_approve_on_pass').notNull().default(false),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

/** Named locks as leases (0008, lease-lock.ts); only raw SQL touches it. */
export const lockLeases = pgTable('lock_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: ts('expires_at').notNull(),
})

/** One row: bumped when public content changes, so every instance drops its cached copy (0008). */
export const contentVersion = pgTable('content_version', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
})

// Newer features keep their tables in ./tables/<feature>.ts (one line each here, so branches merge).
export * from './tables/media.ts'
export * from './tables/series.ts'
export * from './tables/wechat-events.ts'
