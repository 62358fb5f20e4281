import type { ReadingProgress } from '../../../shared/schemas/reading-progress.ts'
import type { Db } from '../database.ts'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { articles, readingProgress } from '../schema.ts'
import { visibleArticle } from './series.ts'

/** Depth from which a post counts as read to the end. */
export const FINISHED_FROM_PCT = 95

/** How many blocks the post has, as SQL over `articles`. */
export const blockCountSql = sql`jsonb_array_length(${articles.blocks})`

export interface ProgressWrite {
  blockIndex: number
  depthPct: number
  mediaPositionMs?: number
  /** When the reader was there (the server's clock at receipt): orders the writes. */
  at: Date
}

/**
 * One statement: the article must be visible at `at` (else nothing is written and false comes
 * back, so the route answers 404), `blockIndex` is clamped to the post's last block (an edit may
 * have shortened it), and on conflict:
 * - a write older than the stored one moves nothing back (requests can arrive out of order),
 * - `finished` only ever goes from false to true,
 * - a write without a media position keeps the stored one.
 */
export async function saveProgress(db: Db, userId: number, articleId: string, w: ProgressWrite): Promise<boolean> {
  const finished = w.depthPct >= FINISHED_FROM_PCT
  const at = w.at.toISOString()
  const rp = sql.raw('reading_progress')
  const newer = sql`excluded.updated_at >= ${rp}.updated_at`
  const result = await db.execute(sql`
    INSERT INTO reading_progress (user_id, article_id, block_index, depth_pct, media_position_ms, finished, updated_at)
    SELECT ${userId}, ${articles.id}, LEAST(${w.blockIndex}::int, GREATEST(${blockCountSql} - 1, 0)), ${w.depthPct}, ${w.mediaPositionMs ?? null}::int, ${finished}, ${at}::timestamptz
    FROM ${articles} WHERE ${articles.id} = ${articleId} AND ${visibleArticle(w.at)}
    ON CONFLICT (user_id, article_id) DO UPDATE SET
      block_index = CASE WHEN ${newer} THEN excluded.block_index ELSE ${rp}.block_index END,
      depth_pct = CASE WHEN ${newer} THEN excluded.depth_pct ELSE ${rp}.depth_pct END,
      media_position_ms = CASE WHEN ${newer} THEN coalesce(excluded.media_position_ms, ${rp}.media_position_ms) ELSE ${rp}.media_position_ms END,
      finished = ${rp}.finished OR excluded.finished,
      updated_at = GREATEST(${rp}.updated_at, excluded.updated_at)
    RETURNING 1 AS ok`)
  return (result as unknown as { rows: unknown[] }).rows.length > 0
}

/** The reader's progress in these articles, keyed by article id (absent: never opened). */
export async function progressFor(db: Db, userId: number, articleIds: string[]): Promise<Map<string, ReadingProgress>> {
  if (articleIds.length === 0)
    return new Map()
  const rows = await db.select().from(readingProgress).where(and(eq(readingProgress.userId, userId), inArray(readingProgress.articleId, articleIds)))
  return new Map(rows.map((r) => {
    const p: ReadingProgress = { blockIndex: r.blockIndex, depthPct: r.depthPct, finished: r.finished, updatedAt: r.updatedAt.toISOString() }
    if (r.mediaPositionMs !== null)
      p.mediaPositionMs = r.mediaPositionMs
    return [r.articleId, p]
  }))
}
