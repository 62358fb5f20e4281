import type { Db } from '../database.ts'
import { desc, eq } from 'drizzle-orm'
import { articles } from '../schema.ts'
import { visibleArticle } from './series.ts'

export type ArticleRow = typeof articles.$inferSelect
/** Everything but the texts: lists never load a premium body, so they cannot leak one. */
export type ArticleMeta = Omit<ArticleRow, 'preview' | 'premiumBody' | 'announcedAt'>

const metaColumns = {
  id: articles.id,
  title: articles.title,
  summary: articles.summary,
  author: articles.author,
  series: articles.series,
  seriesPosition: articles.seriesPosition,
  seriesId: articles.seriesId,
  coverUrl: articles.coverUrl,
  isPremium: articles.isPremium,
  publishedAt: articles.publishedAt,
}

/** What followers see at `now`: scheduled posts are left out until their time. */
export async function listArticles(db: Db, now: Date, limit = 100): Promise<ArticleMeta[]> {
  return db.select(metaColumns).from(articles).where(visibleArticle(now)).orderBy(desc(articles.publishedAt)).limit(limit)
}

export async function findArticleMeta(db: Db, id: string): Promise<ArticleMeta | null> {
  const [row] = await db.select(metaColumns).from(articles).where(eq(articles.id, id))
  return row ?? null
}

/** The free part only; the premium body is a separate read made after the entitlement check. */
export async function findArticlePreview(db: Db, id: string): Promise<(ArticleMeta & { preview: string }) | null> {
  const [row] = await db.select({ ...metaColumns, preview: articles.preview }).from(articles).where(eq(articles.id, id))
  return row ?? null
}

export async function findPremiumBody(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ premiumBody: articles.premiumBody }).from(articles).where(eq(articles.id, id))
  return row?.premiumBody ?? null
}
