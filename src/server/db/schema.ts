import { bigint, bigserial, boolean, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

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
})

export const shareOpens = pgTable('share_opens', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  sharerVisitorId: bigint('sharer_visitor_id', { mode: 'number' }).notNull().references(() => visitors.id, { onDelete: 'cascade' }),
  openerVisitorId: bigint('opener_visitor_id', { mode: 'number' }).notNull().references(() => visitors.id, { onDelete: 'cascade' }),
  path: text('path').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
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
  isPremium: boolean('is_premium').notNull().default(false),
  preview: text('preview').notNull(),
  premiumBody: text('premium_body'),
  publishedAt: ts('published_at').notNull().defaultNow(),
})

export const products = pgTable('products', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['membership', 'unlock', 'tip'] }).notNull(),
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
})

export const orders = pgTable('orders', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  outTradeNo: text('out_trade_no').notNull().unique(),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id),
  productId: text('product_id').notNull().references(() => products.id),
  kind: text('kind', { enum: ['membership', 'unlock', 'tip'] }).notNull(),
  articleId: text('article_id').references(() => articles.id),
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
  /** When GET /api/orders/:id last asked WeChat Pay about it (0009). */
  statusQueriedAt: ts('status_queried_at'),
})

export const entitlements = pgTable('entitlements', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orderId: bigint('order_id', { mode: 'number' }).notNull().unique().references(() => orders.id),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['membership', 'unlock'] }).notNull(),
  articleId: text('article_id').references(() => articles.id),
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
