import type { Db } from '../database.ts'
import type { MediaVariant } from '../tables/media.ts'
import { count, desc, eq, inArray, sql } from 'drizzle-orm'
import { media } from '../schema.ts'

export type MediaRow = typeof media.$inferSelect
export type NewMediaRow = typeof media.$inferInsert

export async function insertMedia(db: Db, row: NewMediaRow): Promise<MediaRow> {
  const [inserted] = await db.insert(media).values(row).returning()
  return inserted!
}

export async function findMedia(db: Db, id: string): Promise<MediaRow | null> {
  const [row] = await db.select().from(media).where(eq(media.id, id))
  return row ?? null
}

/** The earliest upload of these exact bytes, so a re-upload answers the row already there. */
export async function findMediaBySha256(db: Db, sha256: string): Promise<MediaRow | null> {
  const [row] = await db.select().from(media).where(eq(media.sha256, sha256)).orderBy(media.createdAt).limit(1)
  return row ?? null
}

export async function listMedia(db: Db, o: { page: number, pageSize: number, kind?: MediaRow['kind'] }): Promise<{ rows: MediaRow[], total: number }> {
  const where = o.kind ? eq(media.kind, o.kind) : undefined
  const rows = await db.select().from(media).where(where).orderBy(desc(media.createdAt), desc(media.id)).limit(o.pageSize).offset((o.page - 1) * o.pageSize)
  const [total] = await db.select({ n: count() }).from(media).where(where)
  return { rows, total: Number(total?.n ?? 0) }
}

export async function setMediaAccess(db: Db, ids: string[], access: MediaRow['access']): Promise<MediaRow[]> {
  if (ids.length === 0)
    return []
  return db.update(media).set({ access }).where(inArray(media.id, ids)).returning()
}

export async function deleteMediaRow(db: Db, id: string): Promise<MediaRow | null> {
  const [row] = await db.delete(media).where(eq(media.id, id)).returning()
  return row ?? null
}

export type { MediaVariant }

/**
 * Content columns that may name a media id: article blocks (JSON with `"mediaId": "<id>"`-style
 * values), covers (an id or a `/media/<id>` URL). Looked up in the catalogue rather than assumed, so this works before and
 * after the posts and series tables gain them.
 */
const REFERENCING_COLUMNS: [table: string, column: string][] = [
  ['articles', 'blocks'],
  ['articles', 'cover'],
  ['articles', 'cover_url'],
  ['articles', 'cover_media_id'],
  ['series', 'cover'],
  ['series', 'cover_media_id'],
]

/** Where media `id` is still used: `table:rowId` entries, empty when it can go. */
export async function mediaReferences(db: Db, id: string): Promise<string[]> {
  const present = (await db.execute(sql`SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name IN ('articles', 'series')`)) as unknown as { rows: { table_name: string, column_name: string }[] }
  const have = new Set(present.rows.map(r => `${r.table_name}.${r.column_name}`))
  // The id as a whole JSON string, a URL path segment (`/media/<id>/thumb`) or the whole value.
  // Media ids are letters, digits, `_` and `-` (MediaParams), nothing a regex treats specially.
  if (!/^[\w-]+$/.test(id))
    return []
  const pattern = `(^|["/])${id}($|["/?])`
  const found: string[] = []
  for (const [table, column] of REFERENCING_COLUMNS) {
    if (!have.has(`${table}.${column}`))
      continue
    // Identifiers come from the fixed list above, never from input.
    const res = (await db.execute(sql`SELECT id::text AS id FROM ${sql.identifier(table)}
      WHERE ${sql.identifier(column)}::text ~ ${pattern}
      LIMIT 5`)) as unknown as { rows: { id: string }[] }
    found.push(...res.rows.map(r => `${table}:${r.id}`))
  }
  return found
}
