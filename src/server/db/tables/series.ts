import { bigint, boolean, integer, pgTable, primaryKey, real, text, timestamp } from 'drizzle-orm/pg-core'

// Mirrors of 0022_series.sql (foreign keys live in the migration).

export const series = pgTable('series', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  coverMediaId: text('cover_media_id'),
  status: text('status').$type<'draft' | 'published'>().notNull().default('draft'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

export const readingProgress = pgTable('reading_progress', {
  userId: bigint('user_id', { mode: 'number' }).notNull(),
  articleId: text('article_id').notNull(),
  blockIndex: integer('block_index').notNull(),
  depthPct: real('depth_pct').notNull(),
  mediaPositionMs: integer('media_position_ms'),
  finished: boolean('finished').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, t => [primaryKey({ columns: [t.userId, t.articleId] })])
