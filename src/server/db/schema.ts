import { bigint, bigserial, boolean, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

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
