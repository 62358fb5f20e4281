import type { StoredBlock } from '../../posts/stored-blocks.ts'
import type { Db } from '../database.ts'
import { and, desc, eq, lte, sql } from 'drizzle-orm'
import { articles } from '../schema.ts'

export type ArticleRow = typeof articles.$inferSelect
export type ArticleInsert = typeof articles.$inferInsert
/** Everything but the body: lists never load blocks, so they cannot leak a premium one. */
export type ArticleMeta = Omit<ArticleRow, 'blocks' | 'announcedAt'>
/** The part anyone may read: blocks up to and including the paywall block. */
export type ArticleFreePart = ArticleMeta & { freeBlocks: StoredBlock[] }

const metaColumns = {
  id: articles.id,
  title: articles.title,
  summary: articles.summary,
  author: articles.author,
  series: articles.series,
  seriesPosition: articles.seriesPosition,
  seriesId: articles.seriesId,
  coverUrl: articles.coverUrl,
  coverMediaId: articles.coverMediaId,
  isPremium: articles.isPremium,
  status: articles.status,
  publishedAt: articles.publishedAt,
  updatedAt: articles.updatedAt,
  version: articles.version,
}

/** 1-based position of the paywall block in `blocks`, or NULL. */
const paywallAt = sql`(SELECT min(i) FROM jsonb_array_elements(${articles.blocks}) WITH ORDINALITY AS pw(b, i) WHERE pw.b->>'type' = 'paywall')`
/** The blocks up to and including the paywall block; premium blocks never leave the database here. */
const freeBlocks = sql<StoredBlock[]>`COALESCE((SELECT jsonb_agg(fb.b ORDER BY fb.i) FROM jsonb_array_elements(${articles.blocks}) WITH ORDINALITY AS fb(b, i)
  WHERE fb.i <= COALESCE(${paywallAt}, 2147483647)), '[]'::jsonb)`
const premiumBlocks = sql<StoredBlock[]>`COALESCE((SELECT jsonb_agg(pb.b ORDER BY pb.i) FROM jsonb_array_elements(${articles.blocks}) WITH ORDINALITY AS pb(b, i)
  WHERE pb.i > ${paywallAt}), '[]'::jsonb)`

/**
 * The one visibility rule (the series code uses it too): a follower sees a post iff it is
 * published and its publication time has come. A published post with a future time is scheduled.
 */
export function isVisible(a: Pick<ArticleMeta, 'status' | 'publishedAt'>, now: Date): boolean {
  return a.status === 'published' && a.publishedAt !== null && a.publishedAt.getTime() <= now.getTime()
}
export const visibleAt = (now: Date) => and(eq(articles.status, 'published'), lte(articles.publishedAt, now))

/**
 * Published posts, scheduled ones included, newest first: the caller filters with `isVisible`
 * at request time, so a cached copy stays right as scheduled posts come due.
 */
export async function listPublishedArticles(db: Db, limit = 200): Promise<ArticleMeta[]> {
  return db.select(metaColumns).from(articles).where(eq(articles.status, 'published')).orderBy(desc(articles.publishedAt)).limit(limit)
}

/** A published (possibly scheduled) post's meta and free part; drafts are not found. */
export async function findPublishedFreePart(db: Db, id: string): Promise<ArticleFreePart | null> {
  const [row] = await db.select({ ...metaColumns, freeBlocks }).from(articles).where(and(eq(articles.id, id), eq(articles.status, 'published')))
  return row ?? null
}

/** The blocks after the paywall block: read only after the entitlement check passed. */
export async function findPremiumBlocks(db: Db, id: string): Promise<StoredBlock[]> {
  const [row] = await db.select({ premiumBlocks }).from(articles).where(eq(articles.id, id))
  return row?.premiumBlocks ?? []
}

/** A post followers can see now (orders, tips and comments refer only to those). */
export async function findVisibleArticleMeta(db: Db, id: string, now: Date): Promise<ArticleMeta | null> {
  const [row] = await db.select(metaColumns).from(articles).where(and(eq(articles.id, id), visibleAt(now)))
  return row ?? null
}

// Authoring (operators see every status).

export async function listAllArticles(db: Db, limit = 500): Promise<(ArticleMeta & { blockCount: number })[]> {
  return db.select({ ...metaColumns, blockCount: sql<number>`jsonb_array_length(${articles.blocks})::int` }).from(articles).orderBy(desc(articles.updatedAt), articles.id).limit(limit)
}

export async function findArticle(db: Db, id: string, o: { forUpdate?: boolean } = {}): Promise<ArticleRow | null> {
  const q = db.select().from(articles).where(eq(articles.id, id))
  const [row] = o.forUpdate ? await q.for('update') : await q
  return row ?? null
}

/** Null when the id is taken. */
export async function insertArticle(db: Db, values: ArticleInsert): Promise<ArticleRow | null> {
  const [row] = await db.insert(articles).values(values).onConflictDoNothing({ target: articles.id }).returning()
  return row ?? null
}

export type ArticleContent = Pick<ArticleInsert, 'title' | 'summary' | 'author' | 'coverMediaId' | 'blocks' | 'isPremium'>

/** Saves only if nobody saved since `version` (compare-and-set in one statement); null otherwise. */
export async function updateArticleContent(db: Db, id: string, version: number, set: ArticleContent, now: Date): Promise<ArticleRow | null> {
  const [row] = await db.update(articles).set({ ...set, updatedAt: now, version: sql`${articles.version} + 1` }).where(and(eq(articles.id, id), eq(articles.version, version))).returning()
  return row ?? null
}

export async function setArticleStatus(db: Db, id: string, status: 'draft' | 'published', publishedAt: Date | null, now: Date): Promise<ArticleRow | null> {
  const [row] = await db.update(articles).set({ status, publishedAt, updatedAt: now, version: sql`${articles.version} + 1` }).where(eq(articles.id, id)).returning()
  return row ?? null
}

export async function deleteArticle(db: Db, id: string): Promise<boolean> {
  return (await db.delete(articles).where(eq(articles.id, id)).returning({ id: articles.id })).length > 0
}
