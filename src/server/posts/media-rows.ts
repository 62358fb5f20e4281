import type { Db } from '../db/database.ts'
import { and, eq, inArray } from 'drizzle-orm'
import { media } from '../db/schema.ts'

export type MediaRow = Pick<typeof media.$inferSelect, 'id' | 'kind' | 'width' | 'height' | 'durationMs' | 'access' | 'variants'>

const columns = { id: media.id, kind: media.kind, width: media.width, height: media.height, durationMs: media.durationMs, access: media.access, variants: media.variants }

/** The uploads a post refers to, by id (unknown ids are simply absent). */
export async function loadMedia(db: Db, ids: Iterable<string>): Promise<Map<string, MediaRow>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0)
    return new Map()
  const rows = await db.select(columns).from(media).where(inArray(media.id, unique))
  return new Map(rows.map(r => [r.id, r]))
}

/**
 * Media used after a paywall break become premium (served only through signed URLs). Only ever
 * upgraded here: an upload another post uses behind its paywall must not turn public because this
 * post stopped using it. Returns the ids that changed.
 */
export async function markPremium(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0)
    return []
  const rows = await db.update(media).set({ access: 'premium' }).where(and(inArray(media.id, [...new Set(ids)]), eq(media.access, 'public'))).returning({ id: media.id })
  return rows.map(r => r.id)
}
