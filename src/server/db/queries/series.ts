import type { SQL } from 'drizzle-orm'
import type { ArticleSeriesNav } from '../../../shared/schemas/series.ts'
import type { Db } from '../database.ts'
import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm'
import { articles, media, products, series } from '../schema.ts'

export type SeriesRow = typeof series.$inferSelect

/**
 * Articles an operator has released (not drafts). Posts gain a draft/published status with the
 * block editor; until then every row counts as released. The ONE place that knows it: after the
 * posts change this becomes `articles.status = 'published'`.
 */
export function releasedArticle(): SQL {
  return sql`${articles.status} = 'published'`
}

/** What followers may read at `now`: released and its publication time has come (a future one is scheduled). */
export function visibleArticle(now: Date): SQL {
  return and(releasedArticle(), sql`${articles.publishedAt} <= ${now.toISOString()}::timestamptz`)!
}

export async function findSeries(db: Db, id: string): Promise<SeriesRow | null> {
  const [row] = await db.select().from(series).where(eq(series.id, id))
  return row ?? null
}

export async function listSeries(db: Db, o: { publishedOnly: boolean }): Promise<SeriesRow[]> {
  return db.select().from(series).where(o.publishedOnly ? eq(series.status, 'published') : undefined).orderBy(asc(series.title), asc(series.id))
}

export interface PartRow {
  id: string
  title: string
  position: number
  publishedAt: Date | null
  isPremium: boolean
  visible: boolean
}

/**
 * A series' released parts in order, each saying whether it is out at `now`. Drafts are not
 * listed; a released part whose time has not come is scheduled (its title shows, never its text).
 */
export async function listParts(db: Db, seriesId: string, now: Date): Promise<PartRow[]> {
  return db.select({
    id: articles.id,
    title: articles.title,
    position: sql<number>`${articles.seriesPosition}`,
    publishedAt: articles.publishedAt,
    isPremium: articles.isPremium,
    visible: sql<boolean>`coalesce(${visibleArticle(now)}, false)`,
  }).from(articles).where(and(eq(articles.seriesId, seriesId), releasedArticle())).orderBy(asc(articles.seriesPosition))
}

/** Every part, drafts included, for operators. */
export async function listAllParts(db: Db, seriesId: string, now: Date): Promise<(PartRow & { released: boolean })[]> {
  return db.select({
    id: articles.id,
    title: articles.title,
    position: sql<number>`${articles.seriesPosition}`,
    publishedAt: articles.publishedAt,
    isPremium: articles.isPremium,
    visible: sql<boolean>`coalesce(${visibleArticle(now)}, false)`,
    released: sql<boolean>`coalesce(${releasedArticle()}, false)`,
  }).from(articles).where(eq(articles.seriesId, seriesId)).orderBy(asc(articles.seriesPosition))
}

/** 上一篇 / 下一篇 for an article: neighbours among the parts out at `now`, in a published series. */
export async function seriesNavFor(db: Db, articleId: string, now: Date): Promise<ArticleSeriesNav | null> {
  const [self] = await db.select({ seriesId: articles.seriesId, title: series.title, position: articles.seriesPosition })
    .from(articles)
    .innerJoin(series, eq(series.id, articles.seriesId))
    .where(and(eq(articles.id, articleId), eq(series.status, 'published')))
  if (!self?.seriesId || self.position === null)
    return null
  const neighbour = (before: boolean) => db.select({ id: articles.id, title: articles.title }).from(articles).where(and(eq(articles.seriesId, self.seriesId!), before ? lt(articles.seriesPosition, self.position!) : gt(articles.seriesPosition, self.position!), visibleArticle(now))).orderBy(before ? sql`${articles.seriesPosition} DESC` : asc(articles.seriesPosition)).limit(1)
  const [[prev], [next]] = await Promise.all([neighbour(true), neighbour(false)])
  const nav: ArticleSeriesNav = { id: self.seriesId, title: self.title, position: self.position }
  if (prev)
    nav.prev = prev
  if (next)
    nav.next = next
  return nav
}

/** The published series each article belongs to, for list entries (`ArticleSummary.series`). */
export async function seriesLabels(db: Db): Promise<Map<string, { id: string, title: string, position: number }>> {
  const rows = await db.select({ articleId: articles.id, id: series.id, title: series.title, position: articles.seriesPosition })
    .from(articles)
    .innerJoin(series, eq(series.id, articles.seriesId))
    .where(eq(series.status, 'published'))
  return new Map(rows.map(r => [r.articleId, { id: r.id, title: r.title, position: r.position ?? 0 }]))
}

export async function coverOf(db: Db, mediaId: string | null) {
  if (!mediaId)
    return null
  const [row] = await db.select().from(media).where(eq(media.id, mediaId))
  return row ?? null
}

/** The series' unlock product, when on sale. */
export async function findSeriesProduct(db: Db, seriesId: string, o: { activeOnly: boolean } = { activeOnly: true }) {
  const [row] = await db.select().from(products).where(and(eq(products.seriesId, seriesId), eq(products.kind, 'series'), o.activeOnly ? eq(products.active, true) : undefined))
  return row ?? null
}

/** The series an article is a part of (any status), for the paywall's series offer. */
export async function seriesIdOf(db: Db, articleId: string): Promise<string | null> {
  const [row] = await db.select({ seriesId: articles.seriesId }).from(articles).where(eq(articles.id, articleId))
  return row?.seriesId ?? null
}

export interface DuePart {
  seriesId: string
  seriesTitle: string
  articleId: string
  articleTitle: string
  position: number
  publishedAt: Date
}

/**
 * Claims parts that are out but not yet announced, in one statement: `announced_at IS NULL` in
 * the UPDATE's own WHERE means that of several instances claiming at once, exactly one gets
 * each part (the others' rows no longer match once the first commits).
 */
export async function claimDueParts(db: Db, now: Date, limit = 50): Promise<DuePart[]> {
  const due = db.select({ id: articles.id }).from(articles).innerJoin(series, eq(series.id, articles.seriesId)).where(and(isNotNull(articles.seriesId), isNull(articles.announcedAt), eq(series.status, 'published'), visibleArticle(now))).orderBy(asc(articles.publishedAt)).limit(limit)
  const claimed = await db.update(articles).set({ announcedAt: now }).where(and(inArray(articles.id, due), isNull(articles.announcedAt))).returning({ articleId: articles.id, articleTitle: articles.title, seriesId: articles.seriesId, position: articles.seriesPosition, publishedAt: articles.publishedAt })
  if (claimed.length === 0)
    return []
  const titles = new Map((await db.select({ id: series.id, title: series.title }).from(series).where(inArray(series.id, claimed.map(c => c.seriesId!)))).map(s => [s.id, s.title]))
  return claimed.map(c => ({ seriesId: c.seriesId!, seriesTitle: titles.get(c.seriesId!) ?? '', articleId: c.articleId, articleTitle: c.articleTitle, position: c.position ?? 0, publishedAt: c.publishedAt! }))
    .sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.position - b.position)
}
