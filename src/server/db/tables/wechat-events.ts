import { bigint, bigserial, boolean, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from '../schema.ts'

// Mirrors of 0024_wechat_events.sql and 0025_series_subscriptions.sql.

const ts = (name: string) => timestamp(name, { withTimezone: true })

export const wechatInboundEvents = pgTable('wechat_inbound_events', {
  dedupeKey: text('dedupe_key').primaryKey(),
  kind: text('kind').notNull(),
  receivedAt: ts('received_at').notNull().defaultNow(),
})

export const wechatFollowers = pgTable('wechat_followers', {
  openid: text('openid').primaryKey(),
  following: boolean('following').notNull(),
  followedAt: ts('followed_at'),
  unfollowedAt: ts('unfollowed_at'),
  lastEventAt: ts('last_event_at').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

export const wechatSubscribeConsents = pgTable('wechat_subscribe_consents', {
  openid: text('openid').notNull(),
  templateId: text('template_id').notNull(),
  status: text('status', { enum: ['accept', 'reject', 'used', 'refused'] }).notNull(),
  remaining: integer('remaining').notNull().default(0),
  lastEventAt: ts('last_event_at').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, t => [primaryKey({ columns: [t.openid, t.templateId] })])

export const seriesSubscriptions = pgTable('series_subscriptions', {
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  seriesId: text('series_id').notNull(),
  templateId: text('template_id').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
}, t => [primaryKey({ columns: [t.userId, t.seriesId] })])

export interface TemplateData { [key: string]: { value: string } }

export const subscribeMessageOutbox = pgTable('subscribe_message_outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  articleId: text('article_id').notNull(),
  openid: text('openid').notNull(),
  seriesId: text('series_id').notNull(),
  templateId: text('template_id').notNull(),
  page: text('page').notNull(),
  data: jsonb('data').$type<TemplateData>().notNull(),
  status: text('status', { enum: ['pending', 'sending', 'sent', 'refused', 'failed'] }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  lastErrcode: integer('last_errcode'),
  lastError: text('last_error'),
  nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
  claimedUntil: ts('claimed_until'),
  createdAt: ts('created_at').notNull().defaultNow(),
  sentAt: ts('sent_at'),
})
