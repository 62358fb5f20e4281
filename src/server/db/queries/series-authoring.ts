import type { AdminSeriesPatch } from '../../../shared/schemas/admin-series.ts'
import type { Db } from '../database.ts'
import type { SeriesRow } from './series.ts'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { articles, media, products, series } from '../schema.ts'
import { visibleArticle } from './series.ts'

// Every function that changes a series' parts runs inside a transaction that first locked the
// series row (lockSeries), so adds, removals and reorders of one series happen one at a time;
// the (series_id, series_position) unique constraint is the safety net underneath.

export async function insertSeries(db: Db, v: { id: string, title: string, description: string, coverMediaId: string | null }): Promise<SeriesRow | null> {
  const [row] = await db.insert(series).values(v).onConflictDoNothing({ target: series.id }).returning()
  return row ?? null
}

/** Locks the series row for the rest of the transaction; null when there is no such series. */
export async function lockSeries(tx: Db, id: string): Promise<SeriesRow | null> {
  const [row] = await tx.select().from(series).where(eq(series.id, id)).for('update')
  return row ?? null
}

export async function updateSeries(tx: Db, id: string, patch: AdminSeriesPatch): Promise<SeriesRow> {
  const [row] = await tx.update(series).set({ title: patch.title, description: patch.description, coverMediaId: patch.coverMediaId, updatedAt: sql`now()` }).where(eq(series.id, id)).returning()
  return row!
}

export async function isImage(db: Db, mediaId: string): Promise<boolean> {
  const [row] = await db.select({ id: media.id }).from(media).where(and(eq(media.id, mediaId), eq(media.kind, 'image')))
  return !!row
}

/**
 * Publishing a series makes its page and navigation appear. Parts that are already out are
 * marked announced without an event (they are not news); later parts are announced when out.
 */
export async function setSeriesStatus(tx: Db, id: string, status: 'draft' | 'published', now: Date): Promise<SeriesRow> {
  const [row] = await tx.update(series).set({ status, updatedAt: sql`now()` }).where(eq(series.id, id)).returning()
  if (status === 'published')
    await tx.update(articles).set({ announcedAt: now }).where(and(eq(articles.seriesId, id), isNull(articles.announcedAt), visibleArticle(now)))
  return row!
}

/**
 * The post becomes the series' last part, only if it is in no series (false otherwise: a
 * concurrent add to another series that committed first wins). Its announcement is reset: it is
 * news to this series' followers once it is out and the series is published.
 */
export async function appendPart(tx: Db, seriesId: string, articleId: string): Promise<boolean> {
  const rows = await tx.update(articles).set({
    seriesId,
    seriesPosition: sql`(SELECT coalesce(max(a.series_position), 0) + 1 FROM articles a WHERE a.series_id = ${seriesId})`,
    series: null,
    announcedAt: null,
  }).where(and(eq(articles.id, articleId), isNull(articles.seriesId))).returning({ id: articles.id })
  return rows.length > 0
}

export async function articleSeriesOf(tx: Db, articleId: string): Promise<{ seriesId: string | null } | null> {
  const [row] = await tx.select({ seriesId: articles.seriesId }).from(articles).where(eq(articles.id, articleId))
  return row ?? null
}

/** Removes a part and closes the gap (positions stay 1..n). False when it was not a part of this series. */
export async function removePart(tx: Db, seriesId: string, articleId: string): Promise<boolean> {
  const rows = await tx.update(articles).set({ seriesId: null, seriesPosition: null, series: null }).where(and(eq(articles.id, articleId), eq(articles.seriesId, seriesId))).returning({ id: articles.id })
  if (rows.length === 0)
    return false
  await renumber(tx, seriesId)
  return true
}

async function renumber(tx: Db, seriesId: string): Promise<void> {
  await tx.execute(sql`
    UPDATE articles a SET series_position = r.n
    FROM (SELECT id, row_number() OVER (ORDER BY series_position, id) AS n FROM articles WHERE series_id = ${seriesId}) r
    WHERE a.id = r.id AND a.series_position <> r.n`)
}

/** Current part ids of a series, in order. */
export async function partIds(tx: Db, seriesId: string): Promise<string[]> {
  const rows = await tx.select({ id: articles.id }).from(articles).where(eq(articles.seriesId, seriesId)).orderBy(articles.seriesPosition)
  return rows.map(r => r.id)
}

/** One statement: the constraint is checked at its end, so positions may swap freely within it. */
export async function reorderParts(tx: Db, seriesId: string, orderedIds: string[]): Promise<void> {
  const values = sql.join(orderedIds.map((id, i) => sql`(${id}::text, ${i + 1}::int)`), sql`, `)
  await tx.execute(sql`
    UPDATE articles a SET series_position = v.position
    FROM (VALUES ${values}) AS v(id, position)
    WHERE a.id = v.id AND a.series_id = ${seriesId}`)
}

export const seriesProductId = (seriesId: string) => `series-${seriesId}`

/** Puts the series unlock on sale at this price (creating the product the first time). */
export async function upsertSeriesProduct(tx: Db, s: SeriesRow, v: { priceFen: number, title?: string, description?: string }) {
  const title = v.title ?? `系列解锁：${s.title}`.slice(0, 60)
  const description = v.description ?? '解锁系列全部篇目，包括之后更新的'
  const [row] = await tx.insert(products).values({ id: seriesProductId(s.id), kind: 'series', seriesId: s.id, title, description, priceFen: v.priceFen, active: true, sort: 35 }).onConflictDoUpdate({
    target: products.id,
    set: { priceFen: v.priceFen, active: true, updatedAt: sql`now()`, ...(v.title !== undefined ? { title: v.title } : {}), ...(v.description !== undefined ? { description: v.description } : {}) },
  }).returning()
  return row!
}

export async function deactivateSeriesProduct(tx: Db, seriesId: string) {
  const [row] = await tx.update(products).set({ active: false, updatedAt: sql`now()` }).where(and(eq(products.seriesId, seriesId), eq(products.kind, 'series'))).returning()
  return row ?? null
}
