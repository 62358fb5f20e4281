import { bigint, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** One derived file of an upload (a WebP thumbnail of an image, say). */
export interface MediaVariant { key: string, mime: string, width?: number, height?: number, bytes?: number, sha256?: string }

export const media = pgTable('media', {
  id: text('id').primaryKey(),
  kind: text('kind').$type<'image' | 'audio' | 'video'>().notNull(),
  mime: text('mime').notNull(),
  bytes: bigint('bytes', { mode: 'number' }).notNull(),
  sha256: text('sha256').notNull(),
  width: integer('width'),
  height: integer('height'),
  durationMs: integer('duration_ms'),
  access: text('access').$type<'public' | 'premium'>().notNull().default('public'),
  storageKey: text('storage_key').notNull(),
  variants: jsonb('variants').$type<Record<string, MediaVariant>>().notNull().default({}),
  originalName: text('original_name'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})
