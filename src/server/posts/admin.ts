import type { FastifyInstance } from 'fastify'
import type { AdminPost, AdminPostCreate, AdminPostList, AdminPostUpdate, PostState } from '../../shared/schemas/admin-posts.ts'
import type { ArticleView } from '../../shared/schemas/articles.ts'
import type { AuditActor } from '../audit/audit-log.ts'
import type { Db } from '../db/database.ts'
import type { ArticleMeta, ArticleRow } from '../db/queries/articles.ts'
import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { recordAudit } from '../audit/audit-log.ts'
import { deleteArticle, findArticle, insertArticle, listAllArticles, setArticleStatus, updateArticleContent } from '../db/queries/articles.ts'
import { orders } from '../db/schema.ts'
import { ApiError } from '../http/api-error.ts'
import { checkPost } from './authored.ts'
import { loadMedia, markPremium } from './media-rows.ts'
import { paywallFor } from './reading.ts'
import { mediaRefs, paywallIndex } from './stored-blocks.ts'
import { articleView, imageView } from './views.ts'

/**
 * The authoring side of posts (`/api/admin/articles`): every change is checked by `checkPost`,
 * written with its audit entry in one transaction, and clears the public content cache when
 * followers could see the difference (the post is or was published, or an upload became premium).
 */

const notFound = () => new ApiError(404, 'ARTICLE_NOT_FOUND', 'No such article')

function stateOf(a: Pick<ArticleMeta, 'status' | 'publishedAt'>, now: Date): PostState {
  if (a.status === 'draft')
    return 'draft'
  return a.publishedAt && a.publishedAt.getTime() > now.getTime() ? 'scheduled' : 'published'
}

function metaView(a: ArticleMeta, now: Date) {
  return {
    id: a.id,
    title: a.title,
    summary: a.summary,
    author: a.author,
    status: a.status,
    state: stateOf(a, now),
    publishedAt: a.publishedAt?.toISOString() ?? null,
    updatedAt: a.updatedAt.toISOString(),
    version: a.version,
    premium: a.isPremium,
    coverMediaId: a.coverMediaId,
  }
}

async function postView(app: FastifyInstance, a: ArticleRow): Promise<AdminPost> {
  const now = app.clock.date()
  const view: AdminPost = { ...metaView(a, now), blocks: a.blocks }
  if (a.coverMediaId) {
    const cover = imageView(a.coverMediaId, a.title, { rows: await loadMedia(app.database.db, [a.coverMediaId]), links: app.media.links })
    if (cover)
      view.cover = cover
  }
  return view
}

export async function adminListPosts(app: FastifyInstance): Promise<AdminPostList> {
  const now = app.clock.date()
  return { articles: (await listAllArticles(app.database.db)).map(a => ({ ...metaView(a, now), blockCount: a.blockCount })) }
}

export async function adminGetPost(app: FastifyInstance, id: string): Promise<AdminPost> {
  const row = await findArticle(app.database.db, id)
  if (!row)
    throw notFound()
  return postView(app, row)
}

const newId = () => `p-${randomBytes(6).toString('base64url')}`

export async function adminCreatePost(app: FastifyInstance, who: AuditActor, body: AdminPostCreate): Promise<AdminPost> {
  const now = app.clock.date()
  const row = await app.database.db.transaction(async (tx) => {
    const checked = await checkPost(tx, body.blocks ?? [], body.coverMediaId ?? null)
    const created = await insertArticle(tx, {
      id: body.id ?? newId(),
      title: body.title,
      summary: body.summary ?? '',
      author: body.author ?? '',
      coverMediaId: body.coverMediaId ?? null,
      blocks: checked.blocks,
      isPremium: checked.isPremium,
      status: 'draft',
      publishedAt: null,
      updatedAt: now,
    })
    if (!created)
      throw new ApiError(409, 'ARTICLE_EXISTS', `An article "${body.id}" already exists`)
    const marked = await markPremium(tx, checked.premiumMedia)
    await recordAudit(tx, who, { action: 'post.create', targetType: 'article', targetId: created.id, details: { title: created.title, blocks: checked.blocks.length, premiumMediaMarked: marked } })
    return { created, marked }
  })
  if (row.marked.length > 0)
    await app.content.changed()
  return postView(app, row.created)
}

export async function adminUpdatePost(app: FastifyInstance, who: AuditActor, id: string, body: AdminPostUpdate): Promise<AdminPost> {
  const now = app.clock.date()
  const result = await app.database.db.transaction(async (tx) => {
    const before = await findArticle(tx, id)
    if (!before)
      throw notFound()
    const checked = await checkPost(tx, body.blocks, body.coverMediaId)
    // Compare-and-set on the version: of two editors saving the same version, one gets 409.
    const row = await updateArticleContent(tx, id, body.version, {
      title: body.title,
      summary: body.summary,
      author: body.author,
      coverMediaId: body.coverMediaId,
      blocks: checked.blocks,
      isPremium: checked.isPremium,
    }, now)
    if (!row)
      throw new ApiError(409, 'VERSION_CONFLICT', `The post was saved by someone else since version ${body.version}; reload it and apply your changes again`)
    const marked = await markPremium(tx, checked.premiumMedia)
    await recordAudit(tx, who, { action: 'post.update', targetType: 'article', targetId: id, details: { version: row.version, title: row.title, blocks: checked.blocks.length, premium: checked.isPremium, premiumMediaMarked: marked } })
    return { row, marked }
  })
  if (result.row.status === 'published' || result.marked.length > 0)
    await app.content.changed()
  return postView(app, result.row)
}

/** Moves a post between draft, scheduled and published, with its audit entry. */
async function setStatus(app: FastifyInstance, who: AuditActor, id: string, action: string, status: 'draft' | 'published', publishedAt: Date | null): Promise<AdminPost> {
  const now = app.clock.date()
  const row = await app.database.db.transaction(async (tx) => {
    const before = await findArticle(tx, id, { forUpdate: true })
    if (!before)
      throw notFound()
    if (status === 'published' && before.blocks.length === 0)
      throw new ApiError(400, 'BLOCK_INVALID', 'An empty post cannot be published: add blocks first')
    const row = (await setArticleStatus(tx, id, status, publishedAt, now))!
    await recordAudit(tx, who, { action, targetType: 'article', targetId: id, details: { from: stateOf(before, now), to: stateOf(row, now), publishedAt: publishedAt?.toISOString() ?? null } })
    return row
  })
  // Published and scheduled posts are both in the cached list (visibility is decided per request).
  await app.content.changed()
  // A series part published now is announced (update notices) at once, not at the job's next tick.
  if (status === 'published' && row.seriesId)
    app.series.announceSoon()
  return postView(app, row)
}

export function adminPublishPost(app: FastifyInstance, who: AuditActor, id: string) {
  return setStatus(app, who, id, 'post.publish', 'published', app.clock.date())
}

export function adminSchedulePost(app: FastifyInstance, who: AuditActor, id: string, publishAt: string): Promise<AdminPost> {
  const at = new Date(publishAt)
  if (!(at.getTime() > app.clock.now()))
    throw new ApiError(400, 'SCHEDULE_IN_PAST', `publishAt ${publishAt} is not in the future; publish now instead`)
  return setStatus(app, who, id, 'post.schedule', 'published', at)
}

export function adminUnpublishPost(app: FastifyInstance, who: AuditActor, id: string) {
  return setStatus(app, who, id, 'post.unpublish', 'draft', null)
}

async function hasOrders(db: Db, id: string): Promise<boolean> {
  return (await db.select({ id: orders.id }).from(orders).where(eq(orders.articleId, id)).limit(1)).length > 0
}

export async function adminDeletePost(app: FastifyInstance, who: AuditActor, id: string): Promise<void> {
  await app.database.db.transaction(async (tx) => {
    const before = await findArticle(tx, id, { forUpdate: true })
    if (!before)
      throw notFound()
    if (before.status !== 'draft')
      throw new ApiError(409, 'POST_NOT_DRAFT', 'Only a draft can be deleted: unpublish it first')
    if (await hasOrders(tx, id))
      throw new ApiError(409, 'POST_IN_USE', 'Orders refer to this post; keep it as a draft instead')
    await deleteArticle(tx, id)
    await recordAudit(tx, who, { action: 'post.delete', targetType: 'article', targetId: id, details: { title: before.title } })
  })
}

/**
 * Exactly what a member (every block) or a non-member (up to the paywall, with the offers)
 * would receive, drafts and scheduled posts included. The non-member view loads only the
 * free part's uploads, so it carries no premium URL either.
 */
export async function adminPreviewPost(app: FastifyInstance, id: string, as: 'member' | 'nonmember'): Promise<ArticleView> {
  const row = await findArticle(app.database.db, id)
  if (!row)
    throw notFound()
  const now = app.clock.date()
  const at = paywallIndex(row.blocks)
  const member = as === 'member' || at === -1
  const blocks = member ? row.blocks : row.blocks.slice(0, at + 1)
  const media = await loadMedia(app.database.db, [...mediaRefs(blocks).map(r => r.id), ...(row.coverMediaId ? [row.coverMediaId] : [])])
  const paywall = member ? undefined : await paywallFor(app, id)
  return articleView(row, { locked: !member, blocks, paywall }, { rows: media, links: app.media.links }, now)
}
